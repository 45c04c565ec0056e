// Everything that differs between SQLite and PostgreSQL, in one object per
// dialect (sqlite/sqlite-dialect.ts, postgres/postgres-dialect.ts): the SQL we
// write by hand (the filter compiler, JSON access, case folding), row locks
// and other concurrency, hand-written statements (placeholders, prepared
// statements), the few schema differences of the migrations and the planner
// hints. Everything else is kysely. Code outside sqlite/ and postgres/ asks
// the dialect what it can do (`rowLocks`, `listensForCommits`, …), never
// which one it is.
//
// Every function returns a fragment whose values are bound parameters. The
// JSON readers are typed: a value of another JSON type reads as NULL, which
// is how RFC 7644 §3.4.2.2 comparisons of the wrong type come out false.

import type { ColumnDefinitionBuilder, RawBuilder, SqlBool } from 'kysely';
import { sqliteDialect } from './sqlite/sqlite-dialect.js';
import { postgresDialect } from './postgres/postgres-dialect.js';

export type DialectName = 'sqlite' | 'postgres';

/** A value inside a stored JSON document. Opaque: only the dialect that made it reads it. */
export interface JsonRef {
  readonly dialect: DialectName;
}

/** A member name, or an array index computed in SQL (e.g. `user_emails.position`). */
export type JsonStep = string | RawBuilder<number>;

/** The elements of a JSON array as a FROM item: no rows when the value is absent or not an array. */
export interface JsonElements {
  from: RawBuilder<unknown>;
  element: JsonRef;
  /** 0-based index of the element in its array. */
  position: RawBuilder<number>;
}

export type TextOrder = '<' | '<=' | '>' | '>=';

/**
 * How a SELECT locks the rows it reads until its transaction ends
 * (PostgreSQL's row-level lock modes): `update` blocks every other lock,
 * `no key update` still lets others reference the row (key share, e.g. a
 * foreign key from a new membership), `key share` only keeps the row from
 * being deleted or its key changed.
 */
export type RowLockMode = 'update' | 'no key update' | 'key share';

/** Errors storage code tells apart, whichever driver reported them. */
export type DatabaseErrorKind = 'uniqueViolation' | 'foreignKeyViolation' | 'retryable';

/** What runs a raw statement: the database or a transaction, of any schema. */
export type SqlExecutor = Parameters<RawBuilder<unknown>['execute']>[0];

/** A kysely SELECT that can lock its rows. */
export interface LockableQuery<Q> {
  forUpdate(): Q;
  forNoKeyUpdate(): Q;
  forKeyShare(): Q;
  skipLocked(): Q;
}

export interface SqlDialect {
  readonly name: DialectName;
  readonly true: RawBuilder<SqlBool>;
  readonly false: RawBuilder<SqlBool>;

  /** The document stored as JSON text in `column`. */
  json(column: RawBuilder<unknown>): JsonRef;
  /** A member (or array element) below `ref`. */
  jsonChild(ref: JsonRef, ...steps: JsonStep[]): JsonRef;
  /** The value when it is a JSON string, else NULL. */
  jsonString(ref: JsonRef): RawBuilder<string | null>;
  /** The value when it is a JSON number, else NULL. */
  jsonNumber(ref: JsonRef): RawBuilder<number | null>;
  /** 1 for JSON true, 0 for false, NULL otherwise (the same encoding as boolean columns). */
  jsonBoolean(ref: JsonRef): RawBuilder<number | null>;
  /** True when the value is a JSON object; never NULL. */
  jsonIsObject(ref: JsonRef): RawBuilder<SqlBool>;
  /**
   * True when the value holds some number, boolean or non-empty string at any
   * depth: not null, "", [] nor an object of empty members (the `pr` operator).
   * Never NULL.
   */
  jsonNonEmpty(ref: JsonRef): RawBuilder<SqlBool>;
  /**
   * The objects of a JSON array bound as ONE parameter, as a FROM item
   * `alias` with these columns (the objects' members of those names). A
   * batch of rows is then one statement whose text does not depend on the
   * batch's size: SQLite reuses one prepared statement and kysely compiles a
   * few fragments, where a multi-row VALUES costs a bound parameter (and its
   * compilation) per cell.
   */
  jsonRecords(rows: string, alias: string, columns: Record<string, 'text' | 'integer'>): RawBuilder<unknown>;
  /** Iterates a JSON array; `alias` names the row source and must be unique in its scope. */
  jsonElements(ref: JsonRef, alias: string): JsonElements;

  /** `text` as a JSON string literal, escaped as JSON.stringify escapes it. */
  jsonQuote(text: RawBuilder<unknown>): RawBuilder<string>;
  /**
   * A new UUID per row, lowercase text as crypto.randomUUID() writes it, of
   * version 7 (RFC 9562: the statement's time in ms, then 74 random bits),
   * as domain/uuid-v7.ts makes event ids: rows appended now land at the end
   * of a unique index on the id, not on a random page of it.
   */
  randomUuid(): RawBuilder<string>;

  /** Unicode lower-casing, the same folding as JavaScript's toLowerCase(). */
  lower(text: RawBuilder<unknown>): RawBuilder<string>;
  /** Case-exact substring tests; `needle` is bound, never a pattern. */
  contains(text: RawBuilder<unknown>, needle: string): RawBuilder<SqlBool>;
  startsWith(text: RawBuilder<unknown>, prefix: string): RawBuilder<SqlBool>;
  endsWith(text: RawBuilder<unknown>, suffix: string): RawBuilder<SqlBool>;
  /** Ordering of text by code point, whatever the database collation. */
  compareText(text: RawBuilder<unknown>, op: TextOrder, value: string): RawBuilder<SqlBool>;
  /** `text` as an ORDER BY key sorted by code point. */
  sortText(text: RawBuilder<unknown>): RawBuilder<unknown>;
  /**
   * sortText changes the collation (PostgreSQL's `collate "C"`), so an index
   * on the plain column cannot serve ORDER BY sortText(column): a sorted or
   * keyset page needs an index on the expression (migration 0017).
   */
  readonly sortTextNeedsIndex: boolean;
  /**
   * An ORDER BY key whose NULLs come last ascending and first descending
   * (RFC 7644 §3.4.2.3), whichever direction the caller appends.
   */
  nullsSortHigh(key: RawBuilder<unknown>): RawBuilder<unknown>;
  /**
   * `expr` in a form no index can serve, where the planner has no statistics
   * to choose between indexes and would pick the wrong one (SQLite); a
   * planner that chooses by statistics (PostgreSQL) gets `expr` unchanged.
   */
  unindexed(expr: RawBuilder<unknown>): RawBuilder<unknown>;

  // Concurrency. SQLite runs one transaction at a time (one connection, one
  // writer): nothing below locks anything there.

  /** Transactions run concurrently and rows need locks. */
  readonly rowLocks: boolean;
  /**
   * `query` taking `mode` locks on the rows it reads; `skipLocked` leaves out
   * rows another transaction holds (instances claiming work take different
   * rows). Unchanged without row locks.
   */
  lockRows<Q extends LockableQuery<Q>>(query: Q, mode: RowLockMode, options?: { skipLocked?: boolean }): Q;
  /** The same as a clause to append to a hand-written SELECT ('' without row locks). */
  lockClause(mode: RowLockMode): string;
  /**
   * Holds `key` until the transaction `db` ends: transactions that take the
   * same key, from any instance, run one after another (migrations, the
   * activity log's writes). Nothing to take when transactions never overlap.
   */
  transactionLock(db: SqlExecutor, key: number): Promise<void>;
  /**
   * Several processes share the database, so commits are announced to the
   * others: triggers NOTIFY at commit (migration 0005) and each process
   * LISTENs (workers/pg-listener.ts). With one process, the in-process
   * commit signal is enough.
   */
  readonly listensForCommits: boolean;
  /**
   * Every statement is a round trip to a server, so rows are worth batching
   * into multi-row statements; in-process SQLite runs one reused prepared
   * statement per row faster than kysely builds the batch.
   */
  readonly roundTrips: boolean;
  /**
   * Most writes one transaction of batched writes carries
   * (storage/directory/batched-writes.ts), beside its time budget. They take
   * no savepoint each, so this is no longer PostgreSQL's 64 subtransactions
   * per backend: a Bulk's 1,000 creates pay a few commits, not seventeen.
   */
  readonly writesPerBatch: number;

  // Hand-written statements (prepared-query.ts).

  /** The `n`-th (1-based) bound parameter: `?` on SQLite, `$n` on PostgreSQL. */
  placeholder(n: number): string;
  /**
   * Runs `text` as a statement prepared once per connection, under a name
   * derived from `name` (PostgreSQL named statements; the pool wrapper in
   * open-postgres.ts sends them). SQLite needs nothing: open-sqlite's
   * statement cache already reuses every statement by its text.
   */
  prepare(name: string, text: string): void;

  // Schema (migrations).

  /** Column type of an auto-numbered primary key (`seq`): `integer` on SQLite, `bigserial` on PostgreSQL. */
  readonly serialType: 'integer' | 'bigserial';
  /** A plain column holding a copy of such a serial (group_members.member_seq, migration 0016). */
  readonly serialCopyType: 'integer' | 'bigint';
  /** Makes `column` that primary key (SQLite needs AUTOINCREMENT so numbers are never reused). */
  serialPrimaryKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** ALTER TABLE can add a constraint (a CHECK) to an existing table; SQLite rebuilds the table instead. */
  readonly addsConstraintsInPlace: boolean;

  /**
   * The `code` the driver puts on each kind of error: a unique or foreign-key
   * violation, and `retryable`, a transaction the database aborted that
   * succeeds when run again (deadlock, serialisation failure).
   */
  readonly errorCodes: Readonly<Record<DatabaseErrorKind, readonly string[]>>;
}

const DIALECTS: Record<DialectName, SqlDialect> = { sqlite: sqliteDialect, postgres: postgresDialect };

export function sqlDialect(name: DialectName): SqlDialect {
  return DIALECTS[name];
}

/** Whether `error` is of `kind` as any dialect's driver reports it. */
export function isDatabaseError(error: unknown, kind: DatabaseErrorKind): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && Object.values(DIALECTS).some((dialect) => dialect.errorCodes[kind].includes(code));
}
