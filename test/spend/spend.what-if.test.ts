// What-if on history: the limit preview replays the last closed period's
// ledger against the limits before and after the proposed change — how many
// members would have been refused (hard) or flagged (soft), from which day.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-app.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

describe.each(DIALECTS)('what-if on history (%s)', (dialect) => {
  let t: SpendTestApp;
  const ids: Record<string, string> = {};
  let n = 0;
  const use = (member: string, amount: number, occurredAt?: string) => t.host('POST', '/usage', { eventId: `w${++n}`, member: { id: member }, amount, currency: 'USD', occurredAt });
  const preview = async (body: unknown) => {
    const res = await t.adminApi('POST', '/preview', body);
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    for (const name of ['ann', 'bob', 'cat', 'dan']) ids[name] = await t.user(name);
    ids.group = await t.group('Research', [ids.ann, ids.cat]);
    // October (the last closed period on 2026-11-10): ann 300 then 400, bob 900, cat 100, dan nothing.
    await use(ids.ann, 300, '2026-10-03T09:00:00Z');
    await use(ids.ann, 400, '2026-10-10T09:00:00Z');
    await use(ids.bob, 900, '2026-10-20T23:59:00Z');
    await use(ids.cat, 100, '2026-10-01T00:00:00Z');
    // November counts for nothing in the replay.
    await use(ids.dan, 5_000);
  });
  afterAll(async () => t.close());

  it('counts who a hard default would have refused, and from which day', async () => {
    const res = await preview({ target: 'default', amount: 500 });
    expect(res.whatIf).toEqual({
      period: { start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z' },
      membersInScope: 4,
      current: { refused: 0, flagged: 0, from: null },
      proposed: { refused: 2, flagged: 0, from: '2026-10-10', byDay: [{ day: '2026-10-10', refused: 1, flagged: 0 }, { day: '2026-10-20', refused: 1, flagged: 0 }] },
    });
  });

  it('counts a soft default as flagged, and compares with the limits in force', async () => {
    await t.adminApi('PUT', '/default', { amount: 800 });
    const res = await preview({ target: 'default', amount: 500, mode: 'soft' });
    expect(res.whatIf.current).toEqual({ refused: 1, flagged: 0, from: '2026-10-20' });
    expect(res.whatIf.proposed).toMatchObject({ refused: 0, flagged: 2, from: '2026-10-10' });
  });

  it('replays only the members a group change applies to', async () => {
    const res = await preview({ target: 'group', groupId: ids.group, amount: 250, mode: 'soft' });
    expect(res.whatIf).toMatchObject({ membersInScope: 2, current: { refused: 0, flagged: 0 }, proposed: { refused: 0, flagged: 1, from: '2026-10-03' } });
    const one = await preview({ target: 'override', userId: ids.bob, amount: 1_000 });
    expect(one.whatIf).toMatchObject({ membersInScope: 1, current: { refused: 1 }, proposed: { refused: 0, flagged: 0, from: null } });
  });
});
