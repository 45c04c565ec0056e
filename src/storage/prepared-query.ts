// Hand-written SQL for the few statements on the SCIM hot path (token
// lookup, user by id, a user's groups, userName lookup). kysely's query
// builder costs 10-60 µs of CPU per query here, several times what SQLite
// takes to answer a point lookup; these statements go straight to
// `executeQuery` with bound parameters. Everything else stays on the builder.

import { CompiledQuery } from 'kysely';
import type { Executor } from './executor.js';
import type { DialectName } from './sql-dialect.js';

export type PreparedQuery<Row> = (db: Executor, parameters: readonly unknown[]) => Promise<Row[]>;

/** `text` uses `?` placeholders; PostgreSQL gets `$1, $2, …`. */
export function preparedQuery<Row>(dialect: DialectName, text: string): PreparedQuery<Row> {
  let n = 0;
  const sqlText = dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  return async (db, parameters) => (await db.executeQuery<Row>(CompiledQuery.raw(sqlText, [...parameters]))).rows;
}
