// Migration 0019 on memberships without member_seq (written outside the
// repository, or restored from before 0016 filled them): each gets its
// member's seq, so the keyset batches over (added_at, member_seq,
// member_id) read every member; a NULL there would end a batch's tie early.

import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/storage/migrations/index.js';
import { DIALECTS, openTestStorage } from '../helpers/test-app.js';
import { migrateBefore } from '../helpers/migrate-before.js';
import { createServices } from '../../src/services.js';

const MINE = '0019-members-added-seq-order';
const AT = '2026-01-01T00:00:00.000Z';

describe.each(DIALECTS)('migration 0019 on memberships without member_seq (%s)', (dialect) => {
  it('fills member_seq, and batches of two then read every member in seq order', async () => {
    const { storage, drop } = await openTestStorage(dialect, { migrate: false });
    const db = storage.db as unknown as Kysely<unknown>;
    try {
      await migrateBefore(storage, MINE, AT);
      await sql`insert into teams (id, slug, name, created_at, user_count, group_count) values ('t1', 'one', 'One', ${AT}, 5, 2)`.execute(db);
      const users = ['u-e', 'u-a', 'u-d', 'u-b', 'u-c'];
      for (const id of users) {
        await sql`insert into users (id, team_id, user_name, user_name_ci, active, created_at, updated_at, version, resource)
                  values (${id}, 't1', ${id}, ${id}, 1, ${AT}, ${AT}, 1, ${JSON.stringify({ userName: id })})`.execute(db);
      }
      for (const id of ['g1', 'g2']) {
        await sql`insert into groups (id, team_id, display_name, display_name_ci, member_count, created_at, updated_at, version, resource)
                  values (${id}, 't1', ${id}, ${id}, 0, ${AT}, ${AT}, 1, ${JSON.stringify({ displayName: id })})`.execute(db);
      }
      // Every member added at the same instant, none with member_seq.
      for (const id of users) {
        await sql`insert into group_members (team_id, group_id, member_id, member_type, added_at, member_user_id, member_group_id)
                  values ('t1', 'g1', ${id}, 'User', ${AT}, ${id}, null)`.execute(db);
      }
      await sql`insert into group_members (team_id, group_id, member_id, member_type, added_at, member_user_id, member_group_id)
                values ('t1', 'g1', 'g2', 'Group', ${AT}, null, 'g2')`.execute(db);

      expect(await migrate(db, storage.sqlDialect)).toContain(MINE);

      const missing = await sql<{ n: unknown }>`select count(*) as n from group_members where member_seq is null`.execute(db);
      expect(Number(missing.rows[0].n)).toBe(0);
      const services = createServices(storage);
      const read: string[] = [];
      let after;
      for (let i = 0; i < 10; i++) {
        const { rows, last } = await services.store.members.batch(services.store.db, 'g1', after, 2);
        read.push(...rows.map((r) => r.id));
        if (!last) break;
        after = last;
      }
      // Users in the order they were created (their seq); the group (its own seq numbering) among them by its seq.
      expect(read.filter((id) => id.startsWith('u-'))).toEqual(users);
      expect(read.sort()).toEqual([...users, 'g2'].sort());
    } finally {
      await storage.close();
      await drop();
    }
  });
});
