// Store.snapshot (issue 12, the streamed GET of a large group): a read-only
// transaction that keeps seeing the database as it was when it began. A long
// one lets other requests go on writing meanwhile: a SQLite file gives it a
// connection of its own, so the one writer connection is never held up.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, openTestStorage } from '../helpers/test-app.js';
import { openStorage, type Storage } from '../../src/storage/database.js';
import { createServices, type Services } from '../../src/services.js';
import type { Executor } from '../../src/storage/executor.js';

describe.each(DIALECTS)('Read snapshots (%s)', (dialect) => {
  let storage: Storage;
  let services: Services;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'rollcall-snapshot-'));
      storage = await openStorage(`sqlite:${join(dir, 'db.sqlite')}`, { sqlite: { synchronous: 'OFF' } });
      drop = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      ({ storage, drop } = await openTestStorage(dialect));
    }
    services = createServices(storage);
  });
  afterAll(async () => {
    await storage.close();
    await drop();
  });

  const teams = async (db: Executor) => Number((await sql<{ n: number }>`select count(*) as n from teams`.execute(db)).rows[0].n);

  it('reads one snapshot while writes commit beside it, and ends', async () => {
    await services.teams.create({ slug: 'before-snapshot' });
    const snapshot = await services.store.snapshot({ long: true });
    const seen = await teams(snapshot.tx as Executor);
    await services.teams.create({ slug: 'during-snapshot' });
    expect(await teams(storage.db)).toBe(seen + 1);
    expect(await teams(snapshot.tx as Executor)).toBe(seen);
    await snapshot.end();
    await snapshot.end();
    await expect(teams(snapshot.tx as Executor)).rejects.toThrow();
  });

  it('reads one snapshot in a short one too', async () => {
    const snapshot = await services.store.snapshot();
    try {
      const seen = await teams(snapshot.tx as Executor);
      expect(await teams(snapshot.tx as Executor)).toBe(seen);
    } finally {
      await snapshot.end();
    }
    // Ended: the one SQLite connection is free again.
    await services.teams.create({ slug: 'after-short-snapshot' });
  });

  it('refuses writes inside a long snapshot', async () => {
    const snapshot = await services.store.snapshot({ long: true });
    try {
      await expect(sql`update teams set name = name`.execute(snapshot.tx as Executor)).rejects.toThrow();
    } finally {
      await snapshot.end();
    }
  });
});
