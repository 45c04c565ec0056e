// Limit-increase requests: a member asks through the host API, admins list,
// approve (an override, temporary with `until`) or deny; the effective limit
// and its source change at once; one pending request per member; events and
// audit at each step; bad input is 400 and changes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-app.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

describe.each(DIALECTS)('limit-increase requests (%s)', (dialect) => {
  let t: SpendTestApp;
  const ids: Record<string, string> = {};
  const ask = (ref: string, body: unknown, by = '') => t.host('POST', `/members/${encodeURIComponent(ref)}/increase-requests${by}`, body);
  const limitOf = async (userId: string) => (await t.host('GET', `/members/${userId}`)).json().limit;

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    ids.ann = await t.user('ann');
    ids.bob = await t.user('bob');
    ids.group = await t.group('Research', [ids.ann, ids.bob]);
    await t.adminApi('PUT', `/group-limits/${ids.group}`, { amount: 1_000 });
  });
  afterAll(async () => t.close());

  it('creates a pending request; a second one while pending is 409', async () => {
    const res = await ask('ann', { amount: 5_000, reason: 'Training run' }, '?by=userName');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ member: { id: ids.ann, userName: 'ann' }, amount: 5_000, reason: 'Training run', status: 'pending', decision: null });
    ids.annRequest = res.json().id;
    const again = await ask(ids.ann, { amount: 6_000, reason: 'More' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('spend.request_pending');
    const [event] = await t.events('spend.increase_requested');
    expect(event.data).toMatchObject({ requestId: ids.annRequest, amount: 5_000, reason: 'Training run', currentLimit: { amount: 1_000, source: { type: 'group' } } });
  });

  it('refuses bad input with 400 and records nothing', async () => {
    for (const body of [{ amount: 5_000 }, { reason: 'x' }, { amount: -1, reason: 'x' }, { amount: 1.5, reason: 'x' }, { amount: 5, reason: '' }, { amount: 5, reason: 'x', extra: 1 }, 'nope']) {
      const res = await ask(ids.bob, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toMatch(/^(spend\.invalid_|request\.)/);
    }
    expect((await ask('nobody', { amount: 5, reason: 'x' })).statusCode).toBe(404);
    expect((await t.adminApi('GET', '/increase-requests')).json().totalResults).toBe(1);
    expect((await t.adminApi('GET', '/increase-requests?status=maybe')).statusCode).toBe(400);
  });

  it('lists requests for admins, filtered by status', async () => {
    const pending = (await t.adminApi('GET', '/increase-requests?status=pending')).json();
    expect(pending).toMatchObject({ totalResults: 1, items: [{ id: ids.annRequest, status: 'pending', member: { userName: 'ann' } }] });
    expect((await t.adminApi('GET', '/increase-requests?status=approved')).json().totalResults).toBe(0);
  });

  it('approves with an end date: the limit and its source change at once, and fall back when it ends', async () => {
    const bad = await t.adminApi('POST', `/increase-requests/${ids.annRequest}/approve`, { until: '2020-01-01' });
    expect(bad.statusCode).toBe(400);
    expect((await t.adminApi('POST', `/increase-requests/${ids.annRequest}/approve`, { amount: 'lots' })).statusCode).toBe(400);
    expect((await limitOf(ids.ann)).amount).toBe(1_000);

    const res = await t.adminApi('POST', `/increase-requests/${ids.annRequest}/approve`, { amount: 4_000, until: '2026-11-10T18:00:00Z', note: 'For the run' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      request: { status: 'approved', decision: { amount: 4_000, until: '2026-11-10T18:00:00.000Z', note: 'For the run', by: { email: expect.stringMatching(/^admin-.*@example.com$/) } } },
      limit: { amount: 4_000, source: { type: 'override', until: '2026-11-10T18:00:00.000Z', requestId: ids.annRequest } },
    });
    expect(await limitOf(ids.ann)).toMatchObject({ amount: 4_000, source: { type: 'override', requestId: ids.annRequest } });
    expect((await t.host('POST', '/authorize', { member: { id: ids.ann }, amount: 3_000, currency: 'USD' })).json().allowed).toBe(true);

    const approvedAgain = await t.adminApi('POST', `/increase-requests/${ids.annRequest}/approve`, {});
    expect(approvedAgain.statusCode).toBe(409);
    expect(approvedAgain.json().error.code).toBe('spend.request_decided');

    expect((await t.events('spend.increase_approved'))[0].data).toMatchObject({ requestId: ids.annRequest, requested: 5_000, amount: 4_000 });
    expect((await t.events('spend.limit_changed')).pop()?.data).toMatchObject({ reason: 'override_changed', current: { amount: 4_000 } });
    const actions = (await t.adminApi('GET', '/audit')).json().items.map((i: { action: string; actor: { kind: string } }) => `${i.actor.kind}:${i.action}`);
    expect(actions.slice(0, 3)).toEqual(['admin:increase_request.approved', 'admin:override.set', 'host:increase_request.created']);

    // A new request is allowed once the first is decided.
    expect((await ask(ids.ann, { amount: 9_000, reason: 'Again' })).statusCode).toBe(201);

    t.clock.set('2026-11-10T18:00:00.000Z');
    expect(await limitOf(ids.ann)).toEqual({ amount: 1_000, mode: 'hard', source: { type: 'group', groupId: ids.group, groupName: 'Research' } });
    expect((await t.host('POST', '/authorize', { member: { id: ids.ann }, amount: 3_000, currency: 'USD' })).json()).toMatchObject({ allowed: false, reason: 'limit_exceeded' });
  });

  it('denies with a note; the limit does not change', async () => {
    const created = (await ask(ids.bob, { amount: 2_000, reason: 'Please' })).json();
    expect((await t.adminApi('POST', `/increase-requests/${created.id}/deny`, {})).statusCode).toBe(400);
    const res = await t.adminApi('POST', `/increase-requests/${created.id}/deny`, { note: 'Not this month' });
    expect(res.statusCode).toBe(200);
    expect(res.json().request).toMatchObject({ status: 'denied', decision: { note: 'Not this month', amount: null } });
    expect((await limitOf(ids.bob)).amount).toBe(1_000);
    expect((await t.events('spend.increase_denied'))[0].data).toMatchObject({ requestId: created.id, note: 'Not this month' });
    expect((await t.adminApi('POST', `/increase-requests/${created.id}/approve`, {})).statusCode).toBe(409);
    expect((await t.adminApi('POST', `/increase-requests/nope/deny`, { note: 'x' })).json().error.code).toBe('spend.request_not_found');
    expect((await t.adminApi('GET', '/increase-requests?status=denied')).json().items.map((i: { id: string }) => i.id)).toEqual([created.id]);
  });

  it('needs the admin role to decide; members may list', async () => {
    const { signInAdmin } = await import('../helpers/admin-session.js');
    const reader = await signInAdmin({ app: t.app, services: t.services, teamId: t.teamId } as never, `reader-${dialect}@example.com`, 'member', t.teamId);
    const pending = (await t.adminApi('GET', '/increase-requests?status=pending')).json().items[0];
    expect((await reader.request('POST', `/api/admin/teams/${t.teamId}/spend/increase-requests/${pending.id}/deny`, { note: 'x' })).statusCode).toBe(403);
    expect((await reader.request('GET', `/api/admin/teams/${t.teamId}/spend/increase-requests`)).statusCode).toBe(200);
  });
});
