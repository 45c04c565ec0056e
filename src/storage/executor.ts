// A kysely handle that is either the database or an open transaction, so a
// repository function runs the same inside and outside a unit of work.

import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db-types.js';
import { isDatabaseError, type DialectName } from './sql-dialect.js';

export type Executor = Kysely<Database> | Transaction<Database>;

/** Unique-constraint violations, as each driver reports them (the dialects' errorCodes). */
export function isUniqueViolation(error: unknown): boolean {
  return isDatabaseError(error, 'uniqueViolation');
}

/** A member row naming a user or group that does not exist (any more). */
export function isForeignKeyViolation(error: unknown): boolean {
  return isDatabaseError(error, 'foreignKeyViolation');
}

/** The database aborted the transaction (deadlock, serialisation failure): running it again is the cure. */
export function isRetryable(error: unknown): boolean {
  return isDatabaseError(error, 'retryable');
}

/**
 * Runs a transaction again when the database aborted it (deadlock,
 * serialisation failure), a few times: the closure must touch nothing but
 * the database, so running it again is safe.
 */
export async function retryingTransaction<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
    }
  }
}

/** Bound parameters per statement stay well under SQLite's and pg's limits. */
export const MAX_IN_LIST = 500;

export function chunks<T>(items: T[], size = MAX_IN_LIST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type { DialectName };
