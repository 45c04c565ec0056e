import { describe, expect, it } from 'vitest';
import { writeRows } from './write.js';
import { storableRow, storableText } from './sanitize.js';
import type { ActivityRow } from './store.js';

const row = (id: string, extra: Partial<ActivityRow> = {}): ActivityRow => ({
  id, team_id: 't1', at: '2026-01-01T00:00:00Z', method: 'GET', path: '/Users', status: 200, latency_ms: 1, idp: 'unknown', operation: 'list',
  resource_type: 'User', resource_id: null, user_name: null, summary: 'Listed users', error: null, error_type: null, auth_failure: null,
  probe: null, request_body: null, user_agent: null, request_id: null, ...extra,
});

/** Refuses a batch holding a row whose user_name is "bad", as PostgreSQL refuses U+0000. */
function pickyStore(options: { down?: boolean } = {}) {
  const written: ActivityRow[] = [];
  let calls = 0;
  return {
    written,
    calls: () => calls,
    async insert(rows: ActivityRow[]) {
      calls++;
      if (options.down || rows.some((r) => r.user_name === 'bad')) throw new Error('refused');
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
    const result = await writeRows(store, [row('a'), row('b', { user_name: 'bad', request_body: '{"x":1}' }), row('c')]);
    expect(result).toMatchObject({ consumed: 3, rejected: 1 });
    expect(result.failure).toBeUndefined();
    expect(store.written.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(store.written[1]).toMatchObject({ user_name: null, request_body: null, status: 200, summary: expect.stringMatching(/could not be stored/) });
  });

  it('stops at the first row when the database is away, keeping the rest for later', async () => {
    const store = pickyStore({ down: true });
    const result = await writeRows(store, [undefined, row('a'), row('b')]);
    expect(result).toMatchObject({ consumed: 1, rejected: 0, rows: [] });
    expect(result.failure).toBeInstanceOf(Error);
  });

  it('makes text storable: U+0000 and lone surrogates become U+FFFD, pairs stay', () => {
    expect(storableText('a\u0000b\ud800c\udc00😀')).toBe('a\uFFFDb\uFFFDc\uFFFD😀');
    expect(storableRow(row('a', { user_name: 'x\u0000', summary: 'y\udfff' }))).toMatchObject({ user_name: 'x\uFFFD', summary: 'y\uFFFD' });
  });
});
