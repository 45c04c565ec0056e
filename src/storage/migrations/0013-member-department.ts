// Member profiles (issue 11): the host API filters members by department,
// which lives in the Enterprise User extension of the stored JSON. An indexed
// column holds it lower-cased (as JavaScript's toLowerCase() folds, like every
// *_ci column); the users repository writes it with each version, and this
// migration fills it for the users already stored. The filter compiler reads
// the extension's `department` through it (storage/scim-sql/filter-targets.ts).

import { sql, type Kysely } from 'kysely';
import type { Migration } from './index.js';
import { departmentOf } from '../directory/user-columns.js';

const BATCH = 500;

export const memberDepartment: Migration = {
  name: '0013-member-department',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('department_ci', 'text').execute();
    await db.schema.createIndex('users_team_department').on('users').columns(['team_id', 'department_ci']).execute();
    // Folded in JavaScript, the same folding the repository applies; in
    // batches by seq so a large directory is never read whole.
    let after = 0;
    for (;;) {
      const rows = (
        await sql<{ seq: number; id: string; resource: string }>`select seq, id, resource from users where seq > ${after} order by seq limit ${BATCH}`.execute(db)
      ).rows;
      if (rows.length === 0) break;
      for (const row of rows) {
        const department = departmentOf(JSON.parse(row.resource) as Record<string, unknown>);
        if (department !== null) await sql`update users set department_ci = ${department} where id = ${row.id}`.execute(db);
      }
      after = Number(rows[rows.length - 1].seq);
    }
  },
};
