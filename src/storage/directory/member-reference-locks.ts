// Key-share locks on the users and groups a membership change is about to
// reference, taken before the group's own row lock (where there are row locks).
//
// Why: inserting a membership takes a key-share lock on the member through
// its foreign key, and a deletion holds the member's row lock while it locks
// the member's parent groups. Were the add to lock its group first and the
// member second, the two would wait on each other in a cycle as soon as the
// deletion's member sits in the add's group (PostgreSQL breaks the deadlock
// by aborting one of them). Taking the member locks first gives every writer
// the same order — members, then groups — so they queue instead. A dialect
// without row locks (SQLite runs one transaction at a time) skips all this.

import { chunks, type Executor } from '../executor.js';
import type { SqlDialect } from '../sql-dialect.js';

export async function lockMemberReferences(db: Executor, dialect: SqlDialect, teamId: string, ids: string[]): Promise<void> {
  if (!dialect.rowLocks || ids.length === 0) return;
  const sorted = [...new Set(ids)].sort();
  for (const part of chunks(sorted)) {
    await dialect.lockRows(db.selectFrom('users').select('id').where('team_id', '=', teamId).where('id', 'in', part).orderBy('id'), 'key share').execute();
    await dialect.lockRows(db.selectFrom('groups').select('id').where('team_id', '=', teamId).where('id', 'in', part).orderBy('id'), 'key share').execute();
  }
}
