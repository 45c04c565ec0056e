// Authorization and holds over the host API: the decision with remaining,
// limit and its source and the period; a hold reserves its amount until
// captured (all or part), released, or expired (expired holds stop counting,
// reclaimed at the next authorization or by the sweeper).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-app.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

describe.each(DIALECTS)('authorize and holds (%s)', (dialect) => {
  let t: SpendTestApp;
  let ann: string;
  let group: string;
  const authorize = (body: Record<string, unknown>) => t.host('POST', '/authorize', { member: { id: ann }, currency: 'USD', ...body });

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    ann = await t.user('ann');
    group = await t.group('Research', [ann]);
    await t.adminApi('PUT', `/group-limits/${group}`, { amount: 1_000 });
  });
  afterAll(async () => t.close());

  it('answers may-spend with remaining, limit, source and period, writing nothing', async () => {
    const res = await authorize({ amount: 400 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      allowed: true,
      reason: null,
      overLimit: false,
      mode: 'hard',
      member: { id: ann, userName: 'ann', active: true },
      amount: 400,
      currency: 'USD',
      remaining: 1_000,
      limit: { amount: 1_000, mode: 'hard', source: { type: 'group', groupId: group, groupName: 'Research' } },
      spent: 0,
      held: 0,
      period: { kind: 'monthly', start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' },
      teamCap: null,
      hold: null,
    });
    expect((await authorize({ amount: 1_001 })).json()).toMatchObject({ allowed: false, reason: 'limit_exceeded', remaining: 1_000 });
    expect((await authorize({ amount: 0 })).json()).toMatchObject({ allowed: true });
  });

  it('reserves with a hold; a capture of part turns it into usage and frees the rest', async () => {
    const held = await authorize({ amount: 600, hold: true });
    expect(held.statusCode).toBe(201);
    const hold = held.json().hold;
    expect(held.json()).toMatchObject({ allowed: true, held: 600, remaining: 400 });
    expect(hold).toMatchObject({ amount: 600, status: 'active', expiresAt: '2026-11-10T12:15:00.000Z' });
    expect((await authorize({ amount: 401, hold: true })).json()).toMatchObject({ allowed: false, reason: 'limit_exceeded', hold: null });
    const captured = await t.host('POST', `/holds/${hold.id}/capture`, { amount: 250, metadata: { job: 7 } });
    expect(captured.statusCode).toBe(200);
    expect(captured.json()).toMatchObject({ replayed: false, hold: { status: 'captured', capturedAmount: 250 }, entry: { kind: 'capture', amount: 250, holdId: hold.id, eventId: `hold:${hold.id}` } });
    expect((await t.host('GET', `/members/${ann}`)).json()).toMatchObject({ spent: 250, held: 0, remaining: 750 });
    const again = await t.host('POST', `/holds/${hold.id}/capture`, { amount: 250, metadata: { job: 7 } });
    expect(again.json()).toMatchObject({ replayed: true });
    expect((await t.host('POST', `/holds/${hold.id}/capture`, { amount: 300 })).json().error.code).toBe('spend.hold_not_active');
    expect((await t.host('POST', `/holds/${hold.id}/release`)).statusCode).toBe(409);
  });

  it('releases a hold (twice is fine) and refuses captures above it', async () => {
    const hold = (await authorize({ amount: 500, hold: true })).json().hold;
    expect((await t.host('POST', `/holds/${hold.id}/capture`, { amount: 501 })).json().error.code).toBe('spend.capture_exceeds_hold');
    expect((await t.host('POST', `/holds/${hold.id}/capture`, { amount: -1 })).json().error.code).toBe('spend.invalid_amount');
    const released = await t.host('POST', `/holds/${hold.id}/release`);
    expect(released.json()).toMatchObject({ id: hold.id, status: 'released' });
    expect((await t.host('POST', `/holds/${hold.id}/release`)).json()).toMatchObject({ status: 'released' });
    expect((await t.host('POST', `/holds/${hold.id}/capture`)).statusCode).toBe(409);
    expect((await t.host('GET', `/members/${ann}`)).json()).toMatchObject({ spent: 250, held: 0 });
    expect((await t.host('POST', '/holds/no-such-hold/release')).statusCode).toBe(404);
  });

  it('stops counting an expired hold: reclaimed at the next authorization', async () => {
    const hold = (await authorize({ amount: 700, hold: true, holdTtlSeconds: 60 })).json().hold;
    expect((await authorize({ amount: 100 })).json()).toMatchObject({ allowed: false, held: 700 });
    t.clock.advance(61_000);
    expect((await authorize({ amount: 100 })).json()).toMatchObject({ allowed: true, held: 0, remaining: 750 });
    expect((await t.host('GET', `/holds/${hold.id}`)).json()).toMatchObject({ status: 'expired' });
    const late = await t.host('POST', `/holds/${hold.id}/capture`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/expired/);
  });

  it('reclaims expired holds in the sweeper and in reads', async () => {
    await authorize({ amount: 300, hold: true, holdTtlSeconds: 30 });
    t.clock.advance(31_000);
    expect(await t.services.spend.sweepExpiredHolds()).toBe(1);
    expect((await t.host('GET', `/members/${ann}`)).json()).toMatchObject({ held: 0 });
    await authorize({ amount: 300, hold: true, holdTtlSeconds: 30 });
    t.clock.advance(31_000);
    expect((await t.host('GET', '/members')).json().items[0]).toMatchObject({ held: 0 });
  });

  it('refuses a hold above the team cap and undoes the member reservation', async () => {
    await t.adminApi('PUT', '/team-cap', { amount: 400 });
    const res = (await authorize({ amount: 200, hold: true })).json();
    expect(res).toMatchObject({ allowed: false, reason: 'team_cap_reached', held: 0, teamCap: { amount: 400, spent: 250, remaining: 150 }, remaining: 150 });
    expect((await t.host('GET', `/members/${ann}`)).json().held).toBe(0);
    const ok = (await authorize({ amount: 150, hold: true })).json();
    expect(ok).toMatchObject({ allowed: true, teamCap: { held: 150, remaining: 0 } });
    await t.host('POST', `/holds/${ok.hold.id}/release`);
    await t.adminApi('DELETE', '/team-cap');
  });

  it('refuses malformed authorizations with 4xx', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: -1 }, 'spend.invalid_amount'],
      [{ amount: 0, hold: true }, 'spend.invalid_amount'],
      [{ amount: 1, currency: 'EUR' }, 'spend.currency_mismatch'],
      [{ amount: 1, hold: 'yes' }, 'spend.invalid_request'],
      [{ amount: 1, holdTtlSeconds: 5 }, 'spend.invalid_request'],
      [{ amount: 1, hold: true, holdTtlSeconds: 0 }, 'spend.invalid_request'],
      [{ amount: 1, member: { email: 'nobody@example.com' } }, 'spend.member_not_found'],
    ];
    for (const [body, code] of cases) expect((await authorize(body)).json().error?.code, JSON.stringify(body)).toBe(code);
  });

  it('starts a new period at the billing day', async () => {
    await t.adminApi('PUT', '/settings', { period: { kind: 'monthly', anchor: 15 } });
    t.clock.set('2026-11-14T23:59:59.000Z');
    expect((await authorize({ amount: 1 })).json().period).toEqual({ kind: 'monthly', start: '2026-10-15T00:00:00.000Z', end: '2026-11-15T00:00:00.000Z' });
    t.clock.set('2026-11-15T00:00:00.000Z');
    expect((await authorize({ amount: 1 })).json()).toMatchObject({ spent: 0, remaining: 1_000, period: { start: '2026-11-15T00:00:00.000Z', end: '2026-12-15T00:00:00.000Z' } });
  });
});
