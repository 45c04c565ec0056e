// Row locks for the read-modify-write of one resource (domain/directory/versioned-write.ts).
// `no key update` for a row that will be updated (it still lets other
// transactions insert rows that reference it, e.g. add it as a member),
// `update` for a row that will be deleted (it makes them wait, then fail on
// the foreign key). A dialect without row locks (SQLite: its one connection
// runs one transaction at a time) needs none and gets none.

import type { RowLock } from '../domain/directory/store.js';
import type { LockableQuery, RowLockMode, SqlDialect } from './sql-dialect.js';

function modeOf(lock: RowLock): RowLockMode {
  return lock === 'delete' ? 'update' : 'no key update';
}

/** The clause to append to a hand-written SELECT. */
export function lockClause(dialect: SqlDialect, lock: RowLock | undefined): string {
  return lock ? dialect.lockClause(modeOf(lock)) : '';
}

/** The same for a kysely SELECT. */
export function withRowLock<Q extends LockableQuery<Q>>(query: Q, dialect: SqlDialect, lock: RowLock | undefined): Q {
  return lock ? dialect.lockRows(query, modeOf(lock)) : query;
}
