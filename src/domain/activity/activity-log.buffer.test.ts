import { describe, expect, it } from 'vitest';
import { createActivityLog } from './activity-log.js';
import type { ActivityEntry, ActivityStore } from './store.js';

function fakeStore() {
  const written: ActivityEntry[] = [];
  let down = false;
  const store = {
    async insert(rows: ActivityEntry[]) {
      if (down) throw new Error('database unavailable');
      written.push(...rows);
    },
    existingTeams: async (ids: string[]) => new Set(ids.filter((id) => id !== 'ghost')),
    tokenStates: async () => new Map(),
  } as unknown as ActivityStore;
  return { store, written, setDown: (v: boolean) => (down = v) };
}

const options = { retentionMs: 1000, bufferMax: 3, flushIntervalMs: 60_000, flushBatch: 100 };
let n = 0;
const ids = { uuid: () => `id-${++n}` };
const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
const entry = (path: string, status = 200, teamId = 't1') => ({ teamId, method: 'GET', url: `/scim/v2/${teamId}${path}`, status, latencyMs: 1.5 });

describe('activity log buffer', () => {
  it('records without touching the database, and writes in one batch on flush', async () => {
    const { store, written } = fakeStore();
    const log = createActivityLog({ store, clock, ids, options });
    log.record(entry('/Users'));
    log.record(entry('/Groups'));
    expect(written).toEqual([]);
    expect(log.stats().buffered).toBe(2);
    await log.flush();
    expect(written.map((r) => r.path)).toEqual(['/Users', '/Groups']);
    expect(written[0]).toMatchObject({ teamId: 't1', at: '2025-12-31T23:59:59.998Z', status: 200, idp: 'unknown', operation: 'list' });
    expect(log.stats()).toMatchObject({ buffered: 0, written: 2, dropped: 0 });
    await log.close();
  });

  it('keeps rows while the database is down, drops the oldest past the bound, and counts them', async () => {
    const { store, written, setDown } = fakeStore();
    const errors: unknown[] = [];
    const log = createActivityLog({ store, clock, ids, options, onError: (e) => errors.push(e) });
    setDown(true);
    for (const p of ['/a', '/b']) log.record(entry(p));
    await log.flush();
    expect(errors).toHaveLength(1);
    for (const p of ['/c', '/d', '/e']) log.record(entry(p));
    expect(log.stats()).toMatchObject({ buffered: 3, dropped: 2, flushFailures: 1 });
    setDown(false);
    await log.flush();
    expect(written.map((r) => r.path)).toEqual(['/c', '/d', '/e']);
    await log.close();
  });

  it('drops a 401 whose team does not exist (the URL named it, nothing vouches for it)', async () => {
    const { store, written } = fakeStore();
    const log = createActivityLog({ store, clock, ids, options });
    log.record(entry('/Users', 401, 'ghost'));
    log.record(entry('/Users', 401, 't1'));
    await log.close();
    expect(written.map((r) => [r.teamId, r.authFailure])).toEqual([['t1', 'missing']]);
  });

  it('does not lose a batch to one row the database refuses: the row is stored stripped and counted', async () => {
    const written: ActivityEntry[] = [];
    const store = {
      async insert(rows: ActivityEntry[]) {
        if (rows.some((r) => r.requestBody !== null)) throw new Error('refused');
        written.push(...rows);
      },
      existingTeams: async (ids: string[]) => new Set(ids),
      tokenStates: async () => new Map(),
    } as unknown as ActivityStore;
    const log = createActivityLog({ store, clock, ids, options });
    log.record(entry('/Users'));
    log.record({ ...entry('/Users', 400), method: 'POST', body: { userName: 'x' } });
    log.record(entry('/Groups'));
    await log.flush();
    expect(written.map((r) => [r.path, r.status])).toEqual([['/Users', 200], ['/Users', 400], ['/Groups', 200]]);
    expect(log.stats()).toMatchObject({ buffered: 0, written: 3, rejected: 1, flushFailures: 0 });
    await log.close();
  });
});
