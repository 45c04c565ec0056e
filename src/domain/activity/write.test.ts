import { describe, expect, it } from 'vitest';
import { writeRows } from './write.js';
import { storableRow, storableText } from './sanitize.js';
import type { ActivityEntry } from './store.js';

const row = (id: string, extra: Partial<ActivityEntry> = {}): ActivityEntry => ({
  id, teamId: 't1', at: '2026-01-01T00:00:00Z', method: 'GET', path: '/Users', status: 200, latencyMs: 1, idp: 'unknown', operation: 'list',
  resourceType: 'User', resourceId: null, userName: null, summary: 'Listed users', error: null, errorType: null, authFailure: null,
  probe: null, requestBody: null, userAgent: null, requestId: null, ...extra,
});

/** Refuses a batch holding a row whose user_name is "bad", as PostgreSQL refuses U+0000. */
function pickyStore(options: { down?: boolean } = {}) {
  const written: ActivityEntry[] = [];
  let calls = 0;
  return {
    written,
    calls: () => calls,
    async insert(rows: ActivityEntry[]) {
      calls++;
      if (options.down || rows.some((r) => r.userName === 'bad')) throw new Error('refused');
      written.push(...rows);
    },
  };
}

describe('activity writer', () => {
  it('writes a good batch in one insert', async () => {
    const store = pickyStore();
    const result = await writeRows(store, [row('a'), undefined, row('b')]);
    expect(result).toMatchObject({ consumed: 3, rejected: 0 });
    expect(store.calls()).toBe(1);
    expect(store.written.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('isolates a refused row: the others are written, it is stored stripped and counted', async () => {
    const store = pickyStore();
    const result = await writeRows(store, [row('a'), row('b', { userName: 'bad', requestBody: '{"x":1}' }), row('c')]);
    expect(result).toMatchObject({ consumed: 3, rejected: 1 });
    expect(result.failure).toBeUndefined();
    expect(store.written.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(store.written[1]).toMatchObject({ userName: null, requestBody: null, status: 200, summary: expect.stringMatching(/could not be stored/) });
  });

  it('stops at the first row when the database is away, keeping the rest for later', async () => {
    const store = pickyStore({ down: true });
    const result = await writeRows(store, [undefined, row('a'), row('b')]);
    expect(result).toMatchObject({ consumed: 1, rejected: 0, rows: [] });
    expect(result.failure).toBeInstanceOf(Error);
  });

  it('makes text storable: U+0000 and lone surrogates become U+FFFD, pairs stay', () => {
    expect(storableText('a\u0000b\ud800c\udc00😀')).toBe('a\uFFFDb\uFFFDc\uFFFD😀');
    expect(storableRow(row('a', { userName: 'x\u0000', summary: 'y\udfff' }))).toMatchObject({ userName: 'x\uFFFD', summary: 'y\uFFFD' });
  });
});
