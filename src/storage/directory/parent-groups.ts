// The groups a user or group is a direct member of, when that member is
// deleted: their member list changes, so each gets one fewer member, a new
// version and lastModified (stale ETags must not match, RFC 7644 §3.14) in
// the deleting transaction, with one statement whatever their number.

import { sql } from 'kysely';
import { type Executor } from '../executor.js';
import type { SqlDialect } from '../sql-dialect.js';

const parentIds = (db: Executor, teamId: string, memberId: string) =>
  db.selectFrom('group_members').select('group_id').where('member_id', '=', memberId).where('team_id', '=', teamId);

/**
 * Locks the parents (where there are row locks) in id order, so two deletions that share
 * parents queue instead of deadlocking. Taken after the member's own lock:
 * from then on no membership of the member can appear (adding one needs a
 * key-share lock on the member) and none can vanish unseen (removing one
 * needs the parent's lock), so the set counted by bumpParents is exact.
 */
export async function lockParents(db: Executor, dialect: SqlDialect, teamId: string, memberId: string): Promise<void> {
  if (!dialect.rowLocks) return;
  const parents = db
    .selectFrom('groups')
    .select('id')
    .where('team_id', '=', teamId)
    .where('id', 'in', parentIds(db, teamId, memberId))
    .orderBy('id');
  await dialect.lockRows(parents, 'no key update').execute();
}

/** Counts the member out of each parent and bumps its version; returns the parents' ids. */
export async function bumpParents(db: Executor, teamId: string, memberId: string, at: string): Promise<string[]> {
  const rows = await db
    .updateTable('groups')
    .set({ member_count: sql`member_count - 1`, version: sql`version + 1`, updated_at: at })
    .where('team_id', '=', teamId)
    .where('id', 'in', parentIds(db, teamId, memberId))
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort();
}
