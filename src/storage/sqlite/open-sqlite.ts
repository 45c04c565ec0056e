// The embedded default: one better-sqlite3 connection in WAL mode. kysely's
// SQLite driver serialises access to it, so transactions never interleave.
// Long read-only snapshots (a streamed group) get a connection of their own.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Database } from '../db-types.js';
import type { ReadSnapshot, Storage } from '../database.js';
import { sqliteDialect } from './sqlite-dialect.js';

export interface SqliteOptions {
  /** `FULL` (default) survives power loss; `NORMAL` trades that for speed. */
  synchronous?: 'FULL' | 'NORMAL' | 'OFF';
  /** Page cache per connection in MiB (default 64; better-sqlite3's build default is about 16). */
  cacheMib?: number;
  /** Memory-mapped reads of the file in MiB (default 0: off). */
  mmapMib?: number;
}

export const SQLITE_DEFAULT_CACHE_MIB = 64;
export const SQLITE_DEFAULT_MMAP_MIB = 0;
/** Page cache of a read snapshot's connection, in KiB. */
const SNAPSHOT_CACHE_KIB = 2048;

/**
 * A write to a large table reads back a page of each index it touches
 * (random pages for UUID keys). The default cache (about 16 MiB as
 * better-sqlite3 builds SQLite) holds little of a large team's index pages,
 * so each is read again with a `pread()` of its own. Negative `cache_size`
 * is in KiB. The memory map (off by default) serves pages the cache misses
 * from the OS page cache without a system call, but they count in the
 * process's RSS and an I/O error on the file stops the process.
 */
function applyCachePragmas(connection: BetterSqlite3.Database, options: SqliteOptions): void {
  connection.pragma(`cache_size = ${-1024 * (options.cacheMib ?? SQLITE_DEFAULT_CACHE_MIB)}`);
  applyMmapPragma(connection, options);
}

function applyMmapPragma(connection: BetterSqlite3.Database, options: SqliteOptions): void {
  connection.pragma(`mmap_size = ${1024 * 1024 * (options.mmapMib ?? SQLITE_DEFAULT_MMAP_MIB)}`);
}

export function openSqlite(path: string, options: SqliteOptions): Storage {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const connection = new BetterSqlite3(path);
  connection.pragma('journal_mode = WAL');
  connection.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  applyCachePragmas(connection, options);
  registerFunctions(connection);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
  const file = path !== ':memory:' && path !== '';
  return {
    db,
    dialect: 'sqlite',
    sqlDialect: sqliteDialect,
    // kysely serialises the one connection: a read transaction held while a
    // large group streams would hold up every other request. A file in WAL
    // mode gives each snapshot a connection of its own instead, which
    // readers and the writer do not wait for. (An in-memory database has no
    // second connection: its snapshot is a transaction of `db`.)
    ...(file ? { snapshot: () => readSnapshot(path, options) } : {}),
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}

async function readSnapshot(path: string, options: SqliteOptions): Promise<ReadSnapshot> {
  const connection = new BetterSqlite3(path, { readonly: true });
  connection.pragma('busy_timeout = 5000');
  // A snapshot reads a large group once, in order: a page is not read twice,
  // so a cache would only grow the process by what it read (the build's
  // 16 MiB default filled up during a million-member streamed GET, the bulk
  // of its memory bound). 2 MiB is SQLite's own default.
  connection.pragma(`cache_size = ${-SNAPSHOT_CACHE_KIB}`);
  applyMmapPragma(connection, options);
  registerFunctions(connection);
  const reader = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  try {
    const tx = await reader.startTransaction().execute();
    // BEGIN is deferred: this first read fixes the snapshot before anything else is read.
    await sql`select 1 from teams limit 1`.execute(tx);
    let ended: Promise<void> | undefined;
    const end = () => (ended ??= tx.rollback().execute().catch(() => undefined).then(() => reader.destroy()));
    return { tx, end };
  } catch (error) {
    await reader.destroy();
    throw error;
  }
}

function registerFunctions(connection: BetterSqlite3.Database): void {
  // SQLite's lower() folds ASCII only; SCIM case rules need Unicode folding,
  // the same as JavaScript's toLowerCase() used for the *_ci columns.
  connection.function('unicode_lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
}

const STATEMENT_CACHE_SIZE = 512;

/**
 * kysely prepares every query anew; with better-sqlite3 a prepared statement
 * is reusable, and preparing costs more than running a point lookup. The
 * cache is keyed by SQL text (values are bound parameters) and bounded (LRU).
 */
function withStatementCache(connection: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => connection.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = connection.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}
