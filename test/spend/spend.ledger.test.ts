// The usage ledger over the host API: idempotent by the caller's event id,
// members by id / userName / email / externalId, refunds as negative
// entries, clear 4xx errors that record nothing, and the 80% / 100% and
// team-cap events.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-app.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

describe.each(DIALECTS)('usage ledger (%s)', (dialect) => {
  let t: SpendTestApp;
  let ann: string;
  let bob: string;
  const spent = async (userId: string) => (await t.host('GET', `/members/${userId}`)).json().spent as number;
  const usage = (body: Record<string, unknown>) => t.host('POST', '/usage', { currency: 'USD', ...body });

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    ann = await t.user('ann@example.com', { externalId: 'okta-ann', emails: [{ value: 'Ann@Example.com', primary: true }] });
    bob = await t.user('bob');
    await t.adminApi('PUT', '/default', { amount: 10_000 });
  });
  afterAll(async () => t.close());

  it('records usage once per event id: a retry answers 200 with the same entry', async () => {
    const body = { eventId: 'evt-1', member: { id: ann }, amount: 1_250, metadata: { model: 'large', tokens: 1200 } };
    const first = await usage(body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ replayed: false, entry: { eventId: 'evt-1', kind: 'usage', amount: 1_250, currency: 'USD', member: { id: ann }, metadata: { model: 'large', tokens: 1200 } } });
    const retry = await usage({ ...body, metadata: { tokens: 1200, model: 'large' } });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ replayed: true, entry: { id: first.json().entry.id } });
    expect(await spent(ann)).toBe(1_250);
  });

  it('refuses the same event id with a different request (409), recording nothing', async () => {
    const res = await usage({ eventId: 'evt-1', member: { id: ann }, amount: 999 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'spend.event_conflict' });
    expect(await spent(ann)).toBe(1_250);
  });

  it('finds the member by userName, email or externalId', async () => {
    expect((await usage({ eventId: 'evt-un', member: { userName: 'ANN@example.com' }, amount: 1 })).statusCode).toBe(201);
    expect((await usage({ eventId: 'evt-em', member: { email: 'ann@EXAMPLE.com' }, amount: 1 })).statusCode).toBe(201);
    expect((await usage({ eventId: 'evt-ex', member: { externalId: 'okta-ann' }, amount: 1 })).statusCode).toBe(201);
    expect(await spent(ann)).toBe(1_253);
    expect((await t.host('GET', '/members/okta-ann?by=externalId')).json()).toMatchObject({ member: { id: ann }, spent: 1_253 });
  });

  it('answers clear 4xx errors and records nothing', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ eventId: 'e-a', member: { id: 'nobody' }, amount: 5 }, 404, 'spend.member_not_found'],
      [{ eventId: 'e-b', member: { userName: 'nobody' }, amount: 5 }, 404, 'spend.member_not_found'],
      [{ eventId: 'e-c', member: { id: ann }, amount: 5, currency: 'EUR' }, 422, 'spend.currency_mismatch'],
      [{ eventId: 'e-d', member: { id: ann }, amount: -5 }, 400, 'spend.invalid_amount'],
      [{ eventId: 'e-e', member: { id: ann }, amount: 2.5 }, 400, 'spend.invalid_amount'],
      [{ eventId: 'e-f', member: { id: ann }, amount: '5' }, 400, 'spend.invalid_amount'],
      [{ eventId: 'e-g', member: { id: ann }, amount: 5, currency: 'dollars' }, 400, 'spend.invalid_currency'],
      [{ member: { id: ann }, amount: 5 }, 400, 'spend.invalid_request'],
      [{ eventId: 'e-h', member: { id: ann, userName: 'ann' }, amount: 5 }, 400, 'spend.invalid_request'],
      [{ eventId: 'e-i', member: { id: ann }, amount: 5, occurredAt: 'yesterday' }, 400, 'spend.invalid_request'],
      [{ eventId: 'e-j', member: { id: ann }, amount: 5, occurredAt: '2999-01-01T00:00:00Z' }, 400, 'spend.invalid_request'],
      [{ eventId: 'e-k', member: { id: ann }, amount: 5, metadata: [1] }, 400, 'spend.invalid_request'],
      [{ eventId: 'e-l', member: { id: ann }, amount: 5, colour: 'red' }, 400, 'spend.invalid_request'],
    ];
    for (const [body, status, code] of cases) {
      const res = await usage(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
      expect(res.json().error.message.length).toBeGreaterThan(10);
    }
    expect((await t.host('POST', '/usage', '{oops')).statusCode).toBe(400);
    expect(await spent(ann)).toBe(1_253);
    expect((await t.services.spend.recordUsage(t.teamId, { eventId: 'e-a', member: { id: ann }, amount: 5, currency: 'USD' })).replayed).toBe(false);
  });

  it('refunds as a negative entry referencing the original, never more than it', async () => {
    const before = await spent(ann);
    const partial = await usage({ eventId: 'ref-1', reverses: 'evt-1', amount: 250 });
    expect(partial.statusCode).toBe(201);
    expect(partial.json().entry).toMatchObject({ kind: 'refund', amount: -250, reverses: expect.any(String), member: { id: ann } });
    expect(await spent(ann)).toBe(before - 250);
    const tooMuch = await usage({ eventId: 'ref-2', reverses: 'evt-1', amount: 1_001 });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().error.code).toBe('spend.refund_exceeds_original');
    const rest = await usage({ eventId: 'ref-3', reverses: 'evt-1' });
    expect(rest.json().entry.amount).toBe(-1_000);
    expect(await spent(ann)).toBe(before - 1_250);
    expect((await usage({ eventId: 'ref-4', reverses: 'no-such-event' })).json().error.code).toBe('spend.original_not_found');
    expect((await usage({ eventId: 'ref-5', reverses: 'ref-1' })).json().error.code).toBe('spend.invalid_request');
    expect((await usage({ eventId: 'ref-6', reverses: 'evt-un', member: { id: bob } })).json().error.code).toBe('spend.invalid_request');
    expect((await usage({ eventId: 'ref-3', reverses: 'evt-1' })).statusCode).toBe(200);
  });

  it('reports 80% and 100% of the limit once each, and the team cap once', async () => {
    await t.adminApi('PUT', '/team-cap', { amount: 12_000 });
    await usage({ eventId: 'bob-1', member: { id: bob }, amount: 7_999 });
    expect(await t.events('spend.threshold_crossed')).toEqual([]);
    await usage({ eventId: 'bob-2', member: { id: bob }, amount: 1 });
    await usage({ eventId: 'bob-3', member: { id: bob }, amount: 1 });
    let crossed = await t.events('spend.threshold_crossed');
    expect(crossed.map((e) => e.data.threshold)).toEqual([80]);
    expect(crossed[0]).toMatchObject({ resourceId: bob, data: { member: { id: bob, userName: 'bob' }, limit: 10_000, spent: 8_000, currency: 'USD' } });
    await usage({ eventId: 'bob-4', member: { id: bob }, amount: 2_500 });
    crossed = await t.events('spend.threshold_crossed');
    expect(crossed.map((e) => e.data.threshold)).toEqual([80, 100]);
    expect(await t.events('spend.team_cap_reached')).toEqual([]);
    await usage({ eventId: 'ann-cap', member: { id: ann }, amount: 2_000 });
    const cap = await t.events('spend.team_cap_reached');
    expect(cap).toHaveLength(1);
    expect(cap[0]).toMatchObject({ resourceId: t.teamId, data: { cap: 12_000, currency: 'USD' } });
    await usage({ eventId: 'ann-cap-2', member: { id: ann }, amount: 10 });
    expect(await t.events('spend.team_cap_reached')).toHaveLength(1);
  });

  it('re-arms a threshold when a refund takes spend back under it', async () => {
    const carl = await t.user('carl');
    await t.adminApi('PUT', `/overrides/${carl}`, { amount: 1_000 });
    const eighty = async () => (await t.events('spend.threshold_crossed')).filter((e) => e.resourceId === carl && e.data.threshold === 80).length;
    await usage({ eventId: 'carl-1', member: { id: carl }, amount: 800 });
    expect(await eighty()).toBe(1);
    await usage({ eventId: 'carl-2', reverses: 'carl-1', amount: 100 });
    await usage({ eventId: 'carl-3', member: { id: carl }, amount: 50 });
    expect(await eighty()).toBe(1);
    await usage({ eventId: 'carl-4', member: { id: carl }, amount: 50 });
    expect(await eighty()).toBe(2);
  });

  it('refuses an email that names two members (409), recording nothing', async () => {
    await t.user('twin-1', { emails: [{ value: 'twins@example.com' }] });
    await t.user('twin-2', { emails: [{ value: 'twins@example.com' }] });
    const res = await usage({ eventId: 'twins', member: { email: 'twins@example.com' }, amount: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('spend.member_ambiguous');
    expect((await usage({ eventId: 'twins', member: { userName: 'twin-1' }, amount: 1 })).statusCode).toBe(201);
  });

  it('counts late usage in the period it occurred in', async () => {
    const res = await usage({ eventId: 'late', member: { id: bob }, amount: 77, occurredAt: '2026-10-31T23:59:59Z' });
    expect(res.json().entry.periodStart).toBe('2026-10-01T00:00:00.000Z');
    expect((await t.host('GET', `/members/${bob}`)).json().spent).toBe(10_501);
  });

  it('refuses to change the currency once usage is recorded', async () => {
    const res = await t.adminApi('PUT', '/settings', { currency: 'EUR' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('spend.currency_locked');
  });
});
