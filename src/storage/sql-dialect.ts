// What differs between SQLite and PostgreSQL in the SQL we write by hand
// (the filter compiler, JSON access, case folding). Everything else is kysely.
//
// Every function returns a fragment whose values are bound parameters. The
// JSON readers are typed: a value of another JSON type reads as NULL, which
// is how RFC 7644 §3.4.2.2 comparisons of the wrong type come out false.

import type { RawBuilder, SqlBool } from 'kysely';
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
  /** Iterates a JSON array; `alias` names the row source and must be unique in its scope. */
  jsonElements(ref: JsonRef, alias: string): JsonElements;

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
   * An ORDER BY key whose NULLs come last ascending and first descending
   * (RFC 7644 §3.4.2.3), whichever direction the caller appends.
   */
  nullsSortHigh(key: RawBuilder<unknown>): RawBuilder<unknown>;
}

export function sqlDialect(name: DialectName): SqlDialect {
  return name === 'postgres' ? postgresDialect : sqliteDialect;
}
