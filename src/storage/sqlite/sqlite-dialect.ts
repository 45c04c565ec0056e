// SQLite's side of SqlDialect: JSON1 functions over the JSON text columns,
// `unicode_lower` (registered by open-sqlite) because lower() folds ASCII
// only, and instr/substr instead of LIKE so values are never patterns. One
// connection runs one transaction at a time in this process: no row locks,
// no advisory locks, no commit notifications, no round trips.

import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { JsonElements, JsonRef, JsonStep, SqlDialect, TextOrder } from '../sql-dialect.js';

/** A document plus a JSON path into it; `root` replaces `$` for array elements (their fullkey). */
interface SqliteJson extends JsonRef {
  readonly dialect: 'sqlite';
  readonly doc: RawBuilder<unknown>;
  readonly root?: RawBuilder<unknown>;
  readonly steps: readonly JsonStep[];
}

function own(ref: JsonRef): SqliteJson {
  if (ref.dialect !== 'sqlite') throw new Error(`a ${ref.dialect} JSON reference reached the SQLite dialect`);
  return ref as SqliteJson;
}

function label(name: string): string {
  // Quoted labels keep URN keys (colons, dots) and `$ref` intact.
  if (name.includes('"')) throw new Error(`JSON member names with quotes are not supported: ${name}`);
  return `."${name}"`;
}

/** The JSON path text: one bound parameter when static, a concatenation when it has SQL parts. */
function path(ref: SqliteJson): RawBuilder<string> {
  const parts: RawBuilder<unknown>[] = [];
  let text = ref.root ? '' : '$';
  if (ref.root) parts.push(ref.root);
  for (const step of ref.steps) {
    if (typeof step === 'string') {
      text += label(step);
      continue;
    }
    parts.push(sql`${`${text}[`}`, step);
    text = ']';
  }
  if (parts.length === 0) return sql<string>`${text}`;
  if (text !== '') parts.push(sql`${text}`);
  return sql<string>`(${sql.join(parts, sql` || `)})`;
}

function jsonType(ref: JsonRef): RawBuilder<string | null> {
  const r = own(ref);
  return sql<string | null>`json_type(${r.doc}, ${path(r)})`;
}

function jsonExtract(ref: JsonRef): RawBuilder<unknown> {
  const r = own(ref);
  return sql`json_extract(${r.doc}, ${path(r)})`;
}

/** The statement's Unix time in ms, 12 lowercase hex digits. */
const UNIX_MS_HEX = sql`printf('%012x', cast(unixepoch('subsec') * 1000 as integer))`;

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  true: sql<SqlBool>`1`,
  false: sql<SqlBool>`0`,

  json: (column) => ({ dialect: 'sqlite', doc: column, steps: [] }) as SqliteJson,
  jsonChild(ref, ...steps) {
    const r = own(ref);
    return { ...r, steps: [...r.steps, ...steps] } as SqliteJson;
  },
  jsonString: (ref) => sql<string | null>`(case when ${jsonType(ref)} = 'text' then ${jsonExtract(ref)} end)`,
  jsonNumber: (ref) =>
    sql<number | null>`(case when ${jsonType(ref)} in ('integer', 'real') then ${jsonExtract(ref)} end)`,
  jsonBoolean: (ref) => sql<number | null>`(case ${jsonType(ref)} when 'true' then 1 when 'false' then 0 end)`,
  jsonIsObject: (ref) => sql<SqlBool>`(${jsonType(ref)} is 'object')`,
  jsonNonEmpty(ref) {
    const r = own(ref);
    return sql<SqlBool>`exists (select 1 from json_tree(${r.doc}, ${path(r)}) as nonempty_leaf
      where nonempty_leaf.type in ('integer', 'real', 'true', 'false')
         or (nonempty_leaf.type = 'text' and nonempty_leaf.atom <> ''))`;
  },
  jsonRecords(rows, alias, columns) {
    const extracted = Object.keys(columns).map((name) => `json_extract(value, '$.${name}') as "${name}"`).join(', ');
    return sql`(select ${sql.raw(extracted)} from json_each(${rows})) as ${sql.raw(alias)}`;
  },
  jsonElements(ref, alias): JsonElements {
    const r = own(ref);
    const p = path(r);
    const source = sql.raw(alias);
    return {
      // json_each would walk an object's members too; only arrays have elements.
      from: sql`json_each(case when json_type(${r.doc}, ${p}) = 'array' then ${r.doc} end, ${p}) as ${source}`,
      element: { dialect: 'sqlite', doc: r.doc, root: sql.ref(`${alias}.fullkey`), steps: [] } as SqliteJson,
      position: sql<number>`${sql.ref(`${alias}.key`)}`,
    };
  },

  jsonQuote: (text) => sql<string>`json_quote(${text})`,
  // SQLite has no UUID function: the 48-bit ms time ('now' is fixed for a
  // statement) as 12 hex digits, version 7, random groups with the variant bits set.
  randomUuid: () =>
    sql<string>`(substr(${UNIX_MS_HEX}, 1, 8) || '-' || substr(${UNIX_MS_HEX}, 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))`,
  lower: (text) => sql<string>`unicode_lower(${text})`,
  contains: (text, needle) => sql<SqlBool>`(instr(${text}, ${needle}) > 0)`,
  startsWith: (text, prefix) => sql<SqlBool>`(substr(${text}, 1, length(${prefix})) = ${prefix})`,
  endsWith: (text, suffix) => sql<SqlBool>`(substr(${text}, -length(${suffix})) = ${suffix})`,
  // SQLite's default BINARY collation compares UTF-8 bytes, i.e. code points.
  compareText: (text, op: TextOrder, value) => sql<SqlBool>`(${text} ${sql.raw(op)} ${value})`,
  sortText: (text) => text,
  sortTextNeedsIndex: false,
  // NULL sorts first in SQLite; a BLOB sorts after every number and text.
  nullsSortHigh: (key) => sql`coalesce(${key}, x'')`,
  // Without statistics the planner takes any index on the column; `|| ''`
  // keeps the value and hides the index.
  unindexed: (expr) => sql`${expr} || ''`,

  rowLocks: false,
  lockRows: (query) => query,
  lockClause: () => '',
  transactionLock: async () => undefined,
  listensForCommits: false,
  roundTrips: false,
  writesPerBatch: 250,

  placeholder: () => '?',
  prepare: () => undefined,

  serialType: 'integer',
  serialCopyType: 'integer',
  serialPrimaryKey: (column) => column.primaryKey().autoIncrement(),
  addsConstraintsInPlace: false,

  // better-sqlite3's extended result codes. One transaction at a time: none
  // is ever aborted to let another through.
  errorCodes: {
    uniqueViolation: ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'],
    foreignKeyViolation: ['SQLITE_CONSTRAINT_FOREIGNKEY'],
    retryable: [],
  },
};
