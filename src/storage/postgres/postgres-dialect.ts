// PostgreSQL's side of SqlDialect: `resource` columns are text, read as jsonb;
// strpos/left/right instead of LIKE so values are never patterns; text order
// under COLLATE "C" so it is code point order, as on SQLite, whatever the
// database's collation. Several instances share the database: row locks,
// advisory locks for work that must not overlap, NOTIFY/LISTEN for commits,
// and named prepared statements for the hot path.

import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { JsonElements, JsonRef, RowLockMode, SqlDialect, TextOrder } from '../sql-dialect.js';
import { nameStatement } from './prepared-statements.js';

interface PostgresJson extends JsonRef {
  readonly dialect: 'postgres';
  /** A jsonb expression (SQL NULL when absent). */
  readonly value: RawBuilder<unknown>;
}

function own(ref: JsonRef): PostgresJson {
  if (ref.dialect !== 'postgres') throw new Error(`a ${ref.dialect} JSON reference reached the PostgreSQL dialect`);
  return ref as PostgresJson;
}

const jsonb = (value: RawBuilder<unknown>): PostgresJson => ({ dialect: 'postgres', value });

// A number, boolean or non-empty string at any depth, the root included.
const NON_EMPTY_LEAF = sql.lit(
  'strict $.** ? (@.type() == "number" || @.type() == "boolean" || (@.type() == "string" && @ != ""))',
);

/** The statement's Unix time in ms, 12 lowercase hex digits (stable within a statement). */
const UNIX_MS_HEX = sql`lpad(to_hex(floor(extract(epoch from statement_timestamp()) * 1000)::bigint), 12, '0')`;

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  true: sql<SqlBool>`true`,
  false: sql<SqlBool>`false`,

  json: (column) => jsonb(sql`(${column})::jsonb`),
  jsonChild(ref, ...steps) {
    let value = own(ref).value;
    for (const step of steps) {
      value = typeof step === 'string' ? sql`(${value} -> ${step}::text)` : sql`(${value} -> (${step})::int)`;
    }
    return jsonb(value);
  },
  jsonString(ref) {
    const v = own(ref).value;
    return sql<string | null>`(case when jsonb_typeof(${v}) = 'string' then ${v} #>> '{}' end)`;
  },
  jsonNumber(ref) {
    const v = own(ref).value;
    return sql<number | null>`(case when jsonb_typeof(${v}) = 'number' then (${v} #>> '{}')::numeric end)`;
  },
  jsonBoolean(ref) {
    const v = own(ref).value;
    return sql<number | null>`(case ${v} when 'true'::jsonb then 1 when 'false'::jsonb then 0 end)`;
  },
  jsonIsObject: (ref) => sql<SqlBool>`(jsonb_typeof(${own(ref).value}) is not distinct from 'object')`,
  jsonNonEmpty: (ref) => sql<SqlBool>`coalesce(jsonb_path_exists(${own(ref).value}, ${NON_EMPTY_LEAF}::jsonpath), false)`,
  jsonRecords(rows, alias, columns) {
    const typed = Object.entries(columns).map(([name, type]) => `"${name}" ${type === 'integer' ? 'bigint' : 'text'}`).join(', ');
    return sql`jsonb_to_recordset(${rows}::jsonb) as ${sql.raw(alias)}(${sql.raw(typed)})`;
  },
  jsonElements(ref, alias): JsonElements {
    const v = own(ref).value;
    return {
      from: sql`jsonb_array_elements(case when jsonb_typeof(${v}) = 'array' then ${v} end)
        with ordinality as ${sql.raw(alias)}(value, ordinal)`,
      element: jsonb(sql.ref(`${alias}.value`)),
      position: sql<number>`(${sql.ref(`${alias}.ordinal`)} - 1)`,
    };
  },

  jsonQuote: (text) => sql<string>`to_json(${text}::text)::text`,
  // A v4 UUID with its first 15 characters (time fields and version) replaced:
  // the statement's Unix time in ms as 12 hex digits and version 7.
  randomUuid: () =>
    sql<string>`overlay(gen_random_uuid()::text placing (substr(${UNIX_MS_HEX}, 1, 8) || '-' || substr(${UNIX_MS_HEX}, 9, 4) || '-7') from 1 for 15)`,
  lower: (text) => sql<string>`lower(${text})`,
  contains: (text, needle) => sql<SqlBool>`(strpos(${text}, ${needle}::text) > 0)`,
  startsWith: (text, prefix) => sql<SqlBool>`(left(${text}, length(${prefix}::text)) = ${prefix}::text)`,
  endsWith: (text, suffix) => sql<SqlBool>`(right(${text}, length(${suffix}::text)) = ${suffix}::text)`,
  compareText: (text, op: TextOrder, value) => sql<SqlBool>`(${text} ${sql.raw(op)} ${value}::text collate "C")`,
  sortText: (text) => sql`(${text} collate "C")`,
  sortTextNeedsIndex: true,
  // PostgreSQL already sorts NULLs last ascending and first descending.
  nullsSortHigh: (key) => key,
  unindexed: (expr) => expr,

  rowLocks: true,
  lockRows(query, mode, options) {
    const locked = mode === 'update' ? query.forUpdate() : mode === 'no key update' ? query.forNoKeyUpdate() : query.forKeyShare();
    return options?.skipLocked ? locked.skipLocked() : locked;
  },
  lockClause: (mode: RowLockMode) => ` for ${mode}`,
  async transactionLock(db, key) {
    await sql`select pg_advisory_xact_lock(${key})`.execute(db);
  },
  listensForCommits: true,
  roundTrips: true,
  writesPerBatch: 250,

  placeholder: (n) => `$${n}`,
  prepare: nameStatement,

  serialType: 'bigserial',
  serialCopyType: 'bigint',
  serialPrimaryKey: (column) => column.primaryKey(),
  addsConstraintsInPlace: true,

  // SQLSTATEs. PostgreSQL aborts a transaction to break a deadlock (40P01)
  // or because it could not serialise it (40001): running it again is the
  // documented cure.
  errorCodes: {
    uniqueViolation: ['23505'],
    foreignKeyViolation: ['23503'],
    retryable: ['40P01', '40001'],
  },
};
