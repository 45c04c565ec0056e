// Hand-written SQL for the few statements on the SCIM hot path (token
// lookup, user by id, a user's groups, userName lookup) and a few more that
// run per request or per row. kysely's query builder costs 10-60 µs of CPU
// per query here, several times what SQLite takes to answer a point lookup;
// these statements go straight to `executeQuery` with bound parameters.
// Everything else stays on the builder.
//
// Each statement has a name saying what it does. The dialect writes its
// placeholders and keeps it prepared: PostgreSQL runs it as a named prepared
// statement (parsed once per connection), SQLite through open-sqlite's
// statement cache.

import { CompiledQuery } from 'kysely';
import type { Executor } from './executor.js';
import type { SqlDialect } from './sql-dialect.js';

export type PreparedQuery<Row> = (db: Executor, parameters: readonly unknown[]) => Promise<Row[]>;

/**
 * `write(param)` returns the statement's text; each `param()` call is the
 * next bound parameter in the dialect's notation (`?`, or `$1, $2, …`), in
 * the order of `parameters`.
 */
export function preparedQuery<Row>(dialect: SqlDialect, name: string, write: (param: () => string) => string): PreparedQuery<Row> {
  let n = 0;
  const text = write(() => dialect.placeholder(++n));
  dialect.prepare(name, text);
  return async (db, parameters) => (await db.executeQuery<Row>(CompiledQuery.raw(text, [...parameters]))).rows;
}
