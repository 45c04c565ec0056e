// Migration 0013 on a database written before it: each user's Enterprise
// `department` is copied, lower-cased as JavaScript folds it, into the new
// indexed column the host API's department filter reads.

import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/storage/migrations/index.js';
import { DIALECTS, openTestStorage } from '../helpers/test-app.js';
import { migrateBefore } from '../helpers/migrate-before.js';

const MINE = '0013-member-department';
const AT = '2026-01-01T00:00:00.000Z';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe.each(DIALECTS)('migration 0013 on existing users (%s)', (dialect) => {
  it('fills department_ci from the stored resources, and leaves it null where there is none', async () => {
    const { storage, drop } = await openTestStorage(dialect, { migrate: false });
    const db = storage.db as unknown as Kysely<unknown>;
    try {
      await migrateBefore(storage, MINE, AT);
      await sql`insert into teams (id, slug, name, created_at, user_count, group_count) values ('t1', 'one', 'One', ${AT}, 4, 0)`.execute(db);
      const resources: [string, Record<string, unknown>][] = [
        ['u1', { userName: 'u1', [ENT]: { department: 'Ünterwelt Sales' } }],
        ['u2', { userName: 'u2' }],
        ['u3', { userName: 'u3', [ENT]: { employeeNumber: '7' } }],
        ['u4', { userName: 'u4', [ENT]: { department: 'ENGINEERING' } }],
      ];
      for (const [id, resource] of resources) {
        await sql`insert into users (id, team_id, user_name, user_name_ci, active, created_at, updated_at, version, resource)
                  values (${id}, 't1', ${id}, ${id}, 1, ${AT}, ${AT}, 1, ${JSON.stringify(resource)})`.execute(db);
      }

      expect(await migrate(db, storage.sqlDialect)).toContain(MINE);

      const rows = await sql<{ id: string; department_ci: string | null }>`select id, department_ci from users order by id`.execute(db);
      expect(rows.rows).toEqual([
        { id: 'u1', department_ci: 'ünterwelt sales' },
        { id: 'u2', department_ci: null },
        { id: 'u3', department_ci: null },
        { id: 'u4', department_ci: 'engineering' },
      ]);
    } finally {
      await storage.close();
      await drop();
    }
  });
});
