// Key-share locks on the users and groups a membership change is about to
// reference, taken before the group's own row lock (PostgreSQL).
//
// Why: inserting a membership takes a key-share lock on the member through
// its foreign key, and a deletion holds the member's row lock while it locks
// the member's parent groups. Were the add to lock its group first and the
// member second, the two would wait on each other in a cycle as soon as the
// deletion's member sits in the add's group (PostgreSQL breaks the deadlock
// by aborting one of them). Taking the member locks first gives every writer
// the same order — members, then groups — so they queue instead. SQLite runs
// one transaction at a time and needs none of this.

import { chunks, type Executor } from '../executor.js';
import type { DialectName } from '../sql-dialect.js';


export async function lockMemberReferences(db: Executor, dialect: DialectName, teamId: string, ids: string[]): Promise<void> {
  if (dialect !== 'postgres' || ids.length === 0) return;
  const sorted = [...new Set(ids)].sort();
  for (const part of chunks(sorted)) {
    await db.selectFrom('users').select('id').where('team_id', '=', teamId).where('id', 'in', part).orderBy('id').forKeyShare().execute();
    await db.selectFrom('groups').select('id').where('team_id', '=', teamId).where('id', 'in', part).orderBy('id').forKeyShare().execute();
  }
}
