// The admin side of spend limits: a preview that counts the members a
// change would affect before saving it, the audit trail (who, when, old,
// new), lists of group limits and overrides, the period settings, and the
// paged reads of members' spend.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-app.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

describe.each(DIALECTS)('spend admin API (%s)', (dialect) => {
  let t: SpendTestApp;
  const u: string[] = [];
  let sales: string;
  let support: string;

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    for (let i = 0; i < 6; i++) u.push(await t.user(`user${i}`));
    sales = await t.group('Sales', [u[0], u[1], u[2]]);
    support = await t.group('Support', [u[2], u[3]]);
  });
  afterAll(async () => t.close());

  it('previews how many members a change would affect, and saves nothing', async () => {
    const preview = async (body: unknown) => (await t.adminApi('POST', '/preview', body)).json();
    expect(await preview({ target: 'default', amount: 1_000 })).toMatchObject({ affectedMembers: 6 });
    expect((await preview({ target: 'group', groupId: sales, amount: 500 })).affectedMembers).toBe(3);
    const sample = (await preview({ target: 'group', groupId: sales, amount: 500 })).sample;
    expect(sample[0]).toMatchObject({ previous: { amount: null, source: { type: 'unlimited' } }, current: { amount: 500, source: { type: 'group', groupId: sales } } });
    expect((await preview({ target: 'override', userId: u[5], unlimited: true })).affectedMembers).toBe(0);
    expect((await t.adminApi('GET', '/policy')).json().defaultLimit).toBeNull();
    expect((await t.adminApi('GET', '/audit')).json().totalResults).toBe(0);

    await t.adminApi('PUT', `/group-limits/${sales}`, { amount: 500 });
    // Now only the members outside Sales follow the default.
    expect((await preview({ target: 'default', amount: 1_000 })).affectedMembers).toBe(3);
    // Support at 400 loses to Sales for user2: only user3 changes.
    expect((await preview({ target: 'group', groupId: support, amount: 400 })).affectedMembers).toBe(1);
    expect((await preview({ target: 'group', groupId: support, amount: 600 })).affectedMembers).toBe(2);
    expect((await preview({ target: 'group', groupId: sales, clear: true })).affectedMembers).toBe(3);
    expect((await preview({ target: 'group', groupId: sales, amount: 500 })).affectedMembers).toBe(0);
    for (const bad of [{ target: 'team' }, { target: 'group', groupId: 'nope', amount: 1 }, { target: 'default', amount: -1 }, { target: 'default', amount: 1, clear: 'yes' }]) {
      expect((await t.adminApi('POST', '/preview', bad)).statusCode, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
    }
  });

  it('audits every change: who, when, old and new, newest first', async () => {
    await t.adminApi('PUT', `/group-limits/${sales}`, { amount: 700 });
    await t.adminApi('PUT', '/default', { amount: 1_000 });
    await t.adminApi('PUT', `/overrides/${u[4]}`, { unlimited: true });
    await t.adminApi('PUT', '/team-cap', { amount: 50_000 });
    await t.adminApi('DELETE', '/default');
    const audit = (await t.adminApi('GET', '/audit?count=10')).json();
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual(['default.cleared', 'team_cap.set', 'override.set', 'default.set', 'group_limit.set', 'group_limit.set']);
    expect(audit.items[4]).toMatchObject({
      actor: { kind: 'admin', email: expect.stringMatching(/^admin-.*@example\.com$/) },
      target: { type: 'group', id: sales, name: 'Sales' },
      old: { amount: 500, unlimited: false },
      new: { amount: 700, unlimited: false },
      affectedMembers: 3,
      at: t.clock.now().toISOString(),
    });
    expect(audit.items[2]).toMatchObject({ target: { type: 'member', id: u[4], name: 'user4' }, old: null, new: { amount: null, unlimited: true } });
    expect(audit.items[0]).toMatchObject({ old: { amount: 1_000 }, new: null, affectedMembers: 2 });
    expect((await t.adminApi('GET', '/audit?count=2&startIndex=2')).json().items.map((i: { action: string }) => i.action)).toEqual(['team_cap.set', 'override.set']);
  });

  it('does not audit a save that changes nothing', async () => {
    const before = (await t.adminApi('GET', '/audit')).json().totalResults;
    expect((await t.adminApi('PUT', `/group-limits/${sales}`, { amount: 700 })).json()).toMatchObject({ affectedMembers: 0, limit: { amount: 700 } });
    await t.adminApi('PUT', `/overrides/${u[4]}`, { unlimited: true });
    await t.adminApi('PUT', '/team-cap', { amount: 50_000 });
    await t.adminApi('DELETE', '/default');
    await t.adminApi('PUT', '/settings', { currency: 'USD' });
    expect((await t.adminApi('GET', '/audit')).json().totalResults).toBe(before);
  });

  it('lists group limits and overrides, and the policy', async () => {
    const limits = (await t.adminApi('GET', '/group-limits')).json();
    expect(limits).toMatchObject({ totalResults: 1, items: [{ group: { id: sales, name: 'Sales', memberCount: 3 }, limit: { amount: 700 } }] });
    const overrides = (await t.adminApi('GET', '/overrides')).json();
    expect(overrides).toMatchObject({ totalResults: 1, items: [{ member: { id: u[4], userName: 'user4' }, override: { unlimited: true } }] });
    const policy = (await t.adminApi('GET', '/policy')).json();
    expect(policy).toMatchObject({ currency: 'USD', defaultLimit: null, teamCap: { amount: 50_000 }, teamTotals: { spent: 0, held: 0, remaining: 50_000 }, period: { kind: 'monthly', anchor: 1 } });
    expect((await t.adminApi('DELETE', `/group-limits/${support}`)).json()).toMatchObject({ limit: null, affectedMembers: 0 });
  });

  it('changes the period and currency, validating both', async () => {
    for (const period of [{ kind: 'yearly' }, { kind: 'monthly', anchor: 32 }, { kind: 'weekly', anchor: 0 }, { kind: 'daily', anchor: 3 }, 'monthly']) {
      const res = await t.adminApi('PUT', '/settings', { period });
      expect(res.statusCode, JSON.stringify(period)).toBe(400);
      expect(res.json().error.code).toBe('spend.invalid_period');
    }
    expect((await t.adminApi('PUT', '/settings', { currency: 'euro' })).json().error.code).toBe('spend.invalid_currency');
    const res = await t.adminApi('PUT', '/settings', { currency: 'eur', period: { kind: 'weekly', anchor: 1 } });
    expect(res.statusCode).toBe(200);
    // 2026-11-10 is a Tuesday: the week started on Monday the 9th.
    expect(res.json()).toMatchObject({ currency: 'EUR', period: { kind: 'weekly', anchor: 1, start: '2026-11-09T00:00:00.000Z', end: '2026-11-16T00:00:00.000Z' } });
    expect((await t.adminApi('GET', '/audit?count=1')).json().items[0]).toMatchObject({ action: 'settings.changed', old: { currency: 'USD', period: { kind: 'monthly' } }, new: { currency: 'EUR' } });
  });

  it('recomputes the period-to-date spend when the period changes', async () => {
    const usage = (eventId: string, amount: number, occurredAt: string) => t.host('POST', '/usage', { eventId, member: { id: u[0] }, amount, currency: 'EUR', occurredAt });
    await usage('w-1', 100, '2026-11-09T08:00:00Z');
    await usage('w-2', 200, '2026-11-03T08:00:00Z');
    expect((await t.host('GET', `/members/${u[0]}`)).json().spent).toBe(100);
    await t.adminApi('PUT', '/settings', { period: { kind: 'monthly', anchor: 1 } });
    expect((await t.host('GET', `/members/${u[0]}`)).json()).toMatchObject({ spent: 300, period: { start: '2026-11-01T00:00:00.000Z' } });
    expect((await t.adminApi('GET', '/policy')).json().teamTotals.spent).toBe(300);
  });

  it('pages through every member with their spend, suspended ones included', async () => {
    const page = (await t.host('GET', '/members?startIndex=1&count=4')).json();
    expect(page).toMatchObject({ totalResults: 6, startIndex: 1, currency: 'EUR' });
    expect(page.items.map((i: { member: { userName: string } }) => i.member.userName)).toEqual(['user0', 'user1', 'user2', 'user3']);
    expect(page.items[0]).toMatchObject({ spent: 300, limit: { amount: 700 }, limitedGroups: [{ id: sales, name: 'Sales', amount: 700 }] });
    const next = (await t.adminApi('GET', '/members?startIndex=5&count=4')).json();
    expect(next.items.map((i: { member: { userName: string } }) => i.member.userName)).toEqual(['user4', 'user5']);
    expect(next.items[0].limit).toEqual({ amount: null, mode: 'hard', source: { type: 'override', groupId: null, groupName: null } });
    expect((await t.adminApi('GET', `/members/${u[1]}`)).json()).toMatchObject({ member: { id: u[1] }, limit: { amount: 700 } });
    for (const q of ['?count=-1', '?count=9999', '?startIndex=0', '?count=abc']) expect((await t.host('GET', `/members${q}`)).statusCode, q).toBe(400);
    expect((await t.host('GET', `/members/x?by=phone`)).statusCode).toBe(400);
  });
});
