// Migration 0016 on a database written before it: every membership row gets
// its member's seq (users.seq or groups.seq), and the repository writes it
// for the rows added afterwards.

import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/storage/migrations/index.js';
import { DIALECTS, openTestStorage } from '../helpers/test-app.js';
import { migrateBefore } from '../helpers/migrate-before.js';
import { createServices } from '../../src/services.js';

const MINE = '0016-member-seq';
const AT = '2026-01-01T00:00:00.000Z';

describe.each(DIALECTS)('migration 0016 on existing memberships (%s)', (dialect) => {
  it('fills member_seq from the members, then the repository keeps it', async () => {
    const { storage, drop } = await openTestStorage(dialect, { migrate: false });
    const db = storage.db as unknown as Kysely<unknown>;
    try {
      await migrateBefore(storage, MINE, AT);
      await sql`insert into teams (id, slug, name, created_at, user_count, group_count) values ('t1', 'one', 'One', ${AT}, 3, 2)`.execute(db);
      for (const id of ['u1', 'u2', 'u3']) {
        await sql`insert into users (id, team_id, user_name, user_name_ci, active, created_at, updated_at, version, resource)
                  values (${id}, 't1', ${id}, ${id}, 1, ${AT}, ${AT}, 1, ${JSON.stringify({ userName: id })})`.execute(db);
      }
      for (const id of ['g1', 'g2']) {
        await sql`insert into groups (id, team_id, display_name, display_name_ci, member_count, created_at, updated_at, version, resource)
                  values (${id}, 't1', ${id}, ${id}, 0, ${AT}, ${AT}, 1, ${JSON.stringify({ displayName: id })})`.execute(db);
      }
      const member = (group: string, id: string, type: 'User' | 'Group') =>
        sql`insert into group_members (team_id, group_id, member_id, member_type, added_at, member_user_id, member_group_id)
            values ('t1', ${group}, ${id}, ${type}, ${AT}, ${type === 'User' ? id : null}, ${type === 'Group' ? id : null})`.execute(db);
      await member('g1', 'u3', 'User');
      await member('g1', 'u1', 'User');
      await member('g1', 'g2', 'Group');
      await member('g2', 'u2', 'User');

      expect(await migrate(db, storage.sqlDialect)).toContain(MINE);

      const rows = await sql<{ group_id: string; member_id: string; member_seq: number; seq: number }>`
        select gm.group_id, gm.member_id, gm.member_seq, coalesce(u.seq, g.seq) as seq
        from group_members gm left join users u on u.id = gm.member_user_id left join groups g on g.id = gm.member_group_id
        order by gm.group_id, gm.member_id`.execute(db);
      expect(rows.rows.map((r) => [r.group_id, r.member_id])).toEqual([['g1', 'g2'], ['g1', 'u1'], ['g1', 'u3'], ['g2', 'u2']]);
      for (const r of rows.rows) expect(Number(r.member_seq)).toBe(Number(r.seq));

      const services = createServices(storage);
      await services.store.transaction((tx) => services.store.members.add(tx, 't1', 'g2', [{ value: 'u3' }, { value: 'g1' }], AT));
      const added = await sql<{ member_id: string; member_seq: number; seq: number }>`
        select gm.member_id, gm.member_seq, coalesce(u.seq, g.seq) as seq
        from group_members gm left join users u on u.id = gm.member_user_id left join groups g on g.id = gm.member_group_id
        where gm.group_id = 'g2' order by gm.member_id`.execute(db);
      expect(added.rows.map((r) => r.member_id)).toEqual(['g1', 'u2', 'u3']);
      for (const r of added.rows) expect(Number(r.member_seq)).toBe(Number(r.seq));
    } finally {
      await storage.close();
      await drop();
    }
  });
});
