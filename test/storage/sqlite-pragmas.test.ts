// The SQLite page cache and memory map (ROLLCALL_SQLITE_CACHE_MIB,
// ROLLCALL_SQLITE_MMAP_MIB), at their defaults or as configured: the cache
// on the writer connection only (a read snapshot streams a group once: a
// larger cache would only grow the process), the memory map on both.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openStorage, type Storage } from '../../src/storage/database.js';
import type { Executor } from '../../src/storage/executor.js';

const dir = mkdtempSync(join(tmpdir(), 'rollcall-pragmas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pragmas(db: Executor): Promise<{ cache: number; mmap: number }> {
  const cache = (await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0].cache_size;
  const mmap = (await sql<{ mmap_size: number }>`pragma mmap_size`.execute(db)).rows[0].mmap_size;
  return { cache, mmap };
}

async function withStorage(name: string, options: Parameters<typeof openStorage>[1], check: (storage: Storage) => Promise<void>) {
  const storage = await openStorage(`sqlite:${join(dir, name)}`, options);
  try {
    await check(storage);
  } finally {
    await storage.close();
  }
}

describe('SQLite cache pragmas', () => {
  it('gives the writer a 64 MiB page cache and no memory map by default; snapshots a 2 MiB cache (they read each page once)', async () => {
    await withStorage('default.sqlite', {}, async (storage) => {
      expect(await pragmas(storage.db as Executor)).toEqual({ cache: -64 * 1024, mmap: 0 });
      const snapshot = await storage.snapshot!();
      try {
        expect(await pragmas(snapshot.tx as Executor)).toEqual({ cache: -2048, mmap: 0 });
      } finally {
        await snapshot.end();
      }
    });
  });

  it('takes the configured sizes', async () => {
    await withStorage('configured.sqlite', { sqlite: { cacheMib: 8, mmapMib: 128 } }, async (storage) => {
      expect(await pragmas(storage.db as Executor)).toEqual({ cache: -8 * 1024, mmap: 128 * 1024 * 1024 });
      const snapshot = await storage.snapshot!();
      try {
        expect(await pragmas(snapshot.tx as Executor)).toEqual({ cache: -2048, mmap: 128 * 1024 * 1024 });
      } finally {
        await snapshot.end();
      }
    });
  });
});
