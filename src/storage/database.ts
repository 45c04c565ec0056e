// Opens the configured database: `sqlite:<path>` (embedded default) or
// `postgres://…`. Both go through the same kysely code; the dialect folders
// hold only what differs, and `sqlDialect` carries it to the rest of storage.
//
// The composition roots (main.ts, services.ts, the CLI) import this file and
// no other part of storage but the adapters services.ts wires.

import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db-types.js';
import type { DialectName, SqlDialect } from './sql-dialect.js';
import { migrate } from './migrations/index.js';
import { openSqlite, type SqliteOptions } from './sqlite/open-sqlite.js';
import { openPostgres, type PostgresOptions } from './postgres/open-postgres.js';

export interface Storage {
  db: Kysely<Database>;
  /** Which database, for logs and /readyz (`sqlDialect.name`). */
  dialect: DialectName;
  /** Every SQL difference of this database (sql-dialect.ts). */
  sqlDialect: SqlDialect;
  /**
   * A read-only transaction over one snapshot, ended by `end()` (a streamed
   * read, Store.snapshot). Absent: a transaction of `db` serves
   * (PostgreSQL's pool has connections to spare).
   */
  snapshot?(): Promise<ReadSnapshot>;
  /** Cheap round trip, for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface ReadSnapshot {
  tx: Transaction<Database>;
  end(): Promise<void>;
}

export interface StorageOptions {
  sqlite?: SqliteOptions;
  postgres?: PostgresOptions;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
}

export async function openStorage(url: string, options: StorageOptions = {}): Promise<Storage> {
  const storage = url.startsWith('postgres://') || url.startsWith('postgresql://')
    ? await openPostgres(url, options.postgres ?? {})
    : openSqlite(sqlitePath(url), options.sqlite ?? {});
  if (options.migrate !== false) await applyMigrations(storage);
  return storage;
}

/** Applies pending migrations (storage/migrations); returns the names it applied. */
export function applyMigrations(storage: Storage): Promise<string[]> {
  return migrate(storage.db as unknown as Kysely<unknown>, storage.sqlDialect);
}

export function sqlitePath(url: string): string {
  if (url.startsWith('sqlite://')) return url.slice('sqlite://'.length);
  if (url.startsWith('sqlite:')) return url.slice('sqlite:'.length);
  throw new Error(`ROLLCALL_DATABASE_URL must start with sqlite: or postgres:// (got ${url.split(':')[0]}:…)`);
}
