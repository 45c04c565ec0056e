// A kysely handle that is either the database or an open transaction, so a
// repository function runs the same inside and outside a unit of work.

import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db-types.js';
import type { DialectName } from './sql-dialect.js';

export type Executor = Kysely<Database> | Transaction<Database>;

/** Unique-constraint violations, as each driver reports them. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | undefined;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}

/** A member row naming a user or group that does not exist (any more). */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string } | undefined;
  return e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || e?.code === '23503';
}

/**
 * PostgreSQL aborted the transaction to break a deadlock (40P01) or because
 * it could not serialise it (40001): running it again is the documented cure.
 */
export function isRetryable(error: unknown): boolean {
  const e = error as { code?: string } | undefined;
  return e?.code === '40P01' || e?.code === '40001';
}

/** Bound parameters per statement stay well under SQLite's and pg's limits. */
export const MAX_IN_LIST = 500;

export function chunks<T>(items: T[], size = MAX_IN_LIST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type { DialectName };
