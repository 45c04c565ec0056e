// Row locks for the read-modify-write of one resource (domain/directory/versioned-write.ts).
// PostgreSQL: `FOR NO KEY UPDATE` for a row that will be updated (it still
// lets other transactions insert rows that reference it, e.g. add it as a
// member), `FOR UPDATE` for a row that will be deleted (it makes them wait,
// then fail on the foreign key). SQLite has no row locks and needs none: its
// one connection runs one transaction at a time.

import type { RowLock } from '../domain/directory/store.js';
import type { DialectName } from './sql-dialect.js';

/** The clause to append to a hand-written SELECT. */
export function lockClause(dialect: DialectName, lock: RowLock | undefined): string {
  if (dialect !== 'postgres' || !lock) return '';
  return lock === 'delete' ? ' for update' : ' for no key update';
}

interface Lockable<Q> {
  forUpdate(): Q;
  forNoKeyUpdate(): Q;
}

/** The same for a kysely SELECT. */
export function withRowLock<Q extends Lockable<Q>>(query: Q, dialect: DialectName, lock: RowLock | undefined): Q {
  if (dialect !== 'postgres' || !lock) return query;
  return lock === 'delete' ? query.forUpdate() : query.forNoKeyUpdate();
}
