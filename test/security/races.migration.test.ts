// Migration 0008 on a database written before it: memberships naming nobody
// (left by the old add-vs-delete race) are deleted, their groups get a new
// version and an exact member_count, mistyped rows are corrected, and from
// then on the foreign keys cascade a deletion to its memberships.

import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../src/storage/migrations/index.js';
import type { SqlDialect } from '../../src/storage/sql-dialect.js';
import { DIALECTS, openTestStorage } from '../helpers/test-app.js';

const BEFORE = migrations.findIndex((m) => m.name === '0008-member-references');

/** The schema as it was before 0008, recorded as applied so migrate() runs only what follows. */
async function migrateUpTo0007(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.createTable('rollcall_migrations').addColumn('name', 'text', (c) => c.primaryKey()).addColumn('applied_at', 'text', (c) => c.notNull()).execute();
    for (const migration of migrations.slice(0, BEFORE)) {
      await migration.up(trx, dialect);
      await sql`insert into rollcall_migrations (name, applied_at) values (${migration.name}, ${'2026-01-01T00:00:00.000Z'})`.execute(trx);
    }
  });
}

const AT = '2026-01-01T00:00:00.000Z';

describe.each(DIALECTS)('migration 0008 on existing memberships (%s)', (dialect) => {
  it('deletes orphans, bumps and recounts their groups, fixes types, then cascades deletions', async () => {
    const { storage, drop } = await openTestStorage(dialect, { migrate: false });
    const db = storage.db as unknown as Kysely<unknown>;
    try {
      await migrateUpTo0007(db, storage.sqlDialect);
      await sql`insert into teams (id, slug, name, created_at, user_count, group_count) values ('t1', 'one', 'One', ${AT}, 1, 2)`.execute(db);
      await sql`insert into users (id, team_id, user_name, user_name_ci, active, created_at, updated_at, version, resource)
                values ('u1', 't1', 'u1', 'u1', 1, ${AT}, ${AT}, 1, '{}')`.execute(db);
      for (const [id, count] of [['g1', 2], ['g2', 3]] as const) {
        await sql`insert into groups (id, team_id, display_name, display_name_ci, member_count, created_at, updated_at, version, resource)
                  values (${id}, 't1', ${id}, ${id}, ${count}, ${AT}, ${AT}, 1, '{}')`.execute(db);
      }
      const members: [string, string, string][] = [['g1', 'u1', 'User'], ['g1', 'ghost-user', 'User'], ['g2', 'g1', 'Group'], ['g2', 'ghost-group', 'Group'], ['g2', 'u1', 'Group']];
      for (const [group, member, type] of members) {
        await sql`insert into group_members (team_id, group_id, member_id, member_type, added_at) values ('t1', ${group}, ${member}, ${type}, ${AT})`.execute(db);
      }

      expect(await migrate(db, storage.sqlDialect)).toContain('0008-member-references');

      const rows = await sql<{ group_id: string; member_id: string; member_type: string; member_user_id: string | null; member_group_id: string | null }>`
        select group_id, member_id, member_type, member_user_id, member_group_id from group_members order by group_id, member_id`.execute(db);
      expect(rows.rows).toEqual([
        { group_id: 'g1', member_id: 'u1', member_type: 'User', member_user_id: 'u1', member_group_id: null },
        { group_id: 'g2', member_id: 'g1', member_type: 'Group', member_user_id: null, member_group_id: 'g1' },
        { group_id: 'g2', member_id: 'u1', member_type: 'User', member_user_id: 'u1', member_group_id: null },
      ]);
      const groups = await sql<{ id: string; member_count: number; version: number; updated_at: string }>`select id, member_count, version, updated_at from groups order by id`.execute(db);
      expect(groups.rows.map((g) => [g.id, Number(g.member_count), Number(g.version), g.updated_at > AT])).toEqual([['g1', 1, 2, true], ['g2', 2, 2, true]]);

      // The keys now hold: deleting the user or a group takes its memberships along.
      await sql`delete from users where id = 'u1'`.execute(db);
      await sql`delete from groups where id = 'g1'`.execute(db);
      expect((await sql`select * from group_members`.execute(db)).rows).toEqual([]);
    } finally {
      await storage.close();
      await drop();
    }
  });
});
