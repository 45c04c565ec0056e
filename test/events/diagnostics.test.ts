// Diagnostics (PRODUCT.md rule 6): from what the server has seen, which FAQ
// failure is happening — SSO not active, nothing from the IdP yet, wrong or
// revoked tokens, users without groups (group push off), failing requests by
// cause — plus one member's limit explained and the live "Test connection".

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { openSse } from './sse-client.js';

const OKTA = { 'user-agent': 'Okta SCIM Client 1.0.0' };
type Check = { id: string; code: string; params: Record<string, unknown>; status: string; title: string; data?: Record<string, unknown> };

describe.each(DIALECTS)('diagnostics on %s', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;
  let url: string;
  const report = async () => {
    await t.services.realtime.activity.flush();
    return (await admin.request('GET', url)).json();
  };
  const check = (r: { checks: Check[] }, id: string) => r.checks.find((c) => c.id === id) as Check;

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { realtime: { activity: { flushIntervalMs: 10 }, sse: { heartbeatMs: 60_000, pollMs: 60_000 } } } });
    admin = await signInAdmin(t, `diag-${dialect}@example.com`, 'admin');
    url = `/api/admin/teams/${t.teamId}/diagnostics`;
  });
  afterAll(async () => t.close());

  it('says nothing has arrived yet, and that SCIM works with a token issued without SSO', async () => {
    const r = await report();
    expect(r).toMatchObject({ teamId: t.teamId, overall: 'warning', idp: null, lastRequestAt: null });
    expect(check(r, 'requests')).toMatchObject({ status: 'warning', code: 'requests.none', title: 'No request from your identity provider yet' });
    // The test app's token was issued without SSO (tests, migrations): SCIM works, so it is not "unavailable".
    expect(check(r, 'sso')).toMatchObject({ status: 'info', code: 'sso.bypassed', params: { ssoStatus: 'none' } });
    expect(check(r, 'token').status).toBe('ok');
    expect(check(r, 'group_push').status).toBe('ok');
    expect(r.connectionTest.status).toBe('waiting');
  });

  it('sees users arriving without groups: group push is not enabled', async () => {
    for (const name of ['ann', 'bob']) await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `${name}@example.com` }, OKTA);
    const r = await report();
    expect(r.idp).toBe('okta');
    expect(check(r, 'requests').status).toBe('ok');
    expect(check(r, 'group_push')).toMatchObject({ status: 'warning', title: 'Users arrive, but no groups' });
  });

  it('groups failing requests by cause, with a hint', async () => {
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'ann@example.com' }, OKTA);
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'bob@example.com' }, OKTA);
    await t.scim('GET', '/Users/2819c223-7f76-453a-919d-413861904646', undefined, OKTA);
    const failures = check(await report(), 'failures');
    expect(failures.status).toBe('warning');
    const causes = failures.data?.causes as { status: number; errorType: string; count: number; hint: string; example: { path: string } }[];
    expect(causes.map((c) => [c.status, c.errorType, c.count])).toEqual([
      [409, 'uniqueness', 2],
      [404, 'not_found', 1],
    ]);
    expect(causes[0].hint).toMatch(/already exists/);
    expect(causes[1].example.path).toBe('/Users/2819c223-7f76-453a-919d-413861904646');
  });

  it('reports the IdP using a revoked token while it still does', async () => {
    const { token, secret } = await t.services.tokens.create(t.teamId, { label: 'old', allowWithoutSso: true });
    await t.services.tokens.revoke(token.id);
    await t.app.inject({ method: 'GET', url: `/scim/v2/${t.teamId}/Users?filter=userName+eq+%22x%22`, headers: { authorization: `Bearer ${secret}` } });
    const auth = check(await report(), 'authentication');
    expect(auth).toMatchObject({ status: 'problem', title: 'The IdP is using a wrong or revoked token' });
    expect(auth.data?.causes).toEqual([expect.objectContaining({ cause: 'revoked', count: 1 })]);
    // The IdP got the new token: a successful request makes it history.
    await t.scim('GET', '/Groups');
    expect(check(await report(), 'authentication').status).toBe('warning');
    await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Pushed' });
    expect(check(await report(), 'group_push').status).toBe('ok');
  });

  it('shows whether the IdP\'s test call arrived and succeeded', async () => {
    const since = new Date().toISOString();
    const test = `${url}/connection-test?since=${encodeURIComponent(since)}`;
    expect((await admin.request('GET', test)).json()).toMatchObject({ status: 'waiting', latest: null });
    await t.scim('GET', '/Users?startIndex=1&count=2', undefined, OKTA);
    await t.services.realtime.activity.flush();
    const ok = (await admin.request('GET', test)).json();
    expect(ok).toMatchObject({ status: 'succeeded', latest: { connectionTest: 'okta', status: 200, idp: 'okta' } });
    await t.app.inject({ method: 'GET', url: `/scim/v2/${t.teamId}/Users?filter=userName+eq+%2248d1c9b6-3b0e-4a47-8b55-5c1f8f0bde8a%22`, headers: { authorization: 'Bearer rcs_wrong-token-that-looks-long-enough-to-be-one-of-ours' } });
    await t.services.realtime.activity.flush();
    const failed = (await admin.request('GET', test)).json();
    expect(failed).toMatchObject({ status: 'failed', latest: { connectionTest: 'guid-lookup', status: 401, authFailure: 'unknown' } });
    expect(failed.detail).toMatch(/token was refused/);
    expect((await admin.request('GET', `${url}/connection-test?since=soon`)).statusCode).toBe(400);
  });

  it('streams the test call live', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const stream = await openSse(`${base}${url}/connection-test/stream`, { cookie: admin.cookie });
    try {
      expect((await stream.next((f) => f.event === 'connection-test')).data.status).toBe('waiting');
      await t.scim('GET', '/ServiceProviderConfig');
      const live = await stream.next((f) => f.event === 'connection-test');
      expect(live.data).toMatchObject({ status: 'succeeded', latest: { path: '/ServiceProviderConfig', connectionTest: 'discovery' } });
    } finally {
      stream.close();
    }
  });

  it('explains one member: their groups and the limit that applies', async () => {
    const user = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'carol@example.com' })).json();
    await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Finance', members: [{ value: user.id }] });
    await t.services.realtime.activity.flush();
    const res = await admin.request('GET', `${url}/members/${user.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.member).toEqual({ id: user.id, userName: 'carol@example.com', active: true });
    expect(body.groups.map((g: { displayName: string }) => g.displayName)).toEqual(['Finance']);
    expect(body.spend.available).toBe(true);
    expect(body.recentActivity.length).toBeGreaterThan(0);
    expect((await admin.request('GET', `${url}/members/no-such-user`)).statusCode).toBe(404);
  });

  it('weighs recent traffic: once the latest requests succeed, earlier failures are history and the state is healthy', async () => {
    await t.app.inject({ method: 'GET', url: `/scim/v2/${t.teamId}/Users`, headers: { authorization: 'Bearer rcs_wrong-token-that-looks-long-enough-to-be-one-of-ours' } });
    await t.scim('GET', '/Users/2819c223-7f76-453a-919d-413861904646', undefined, OKTA);
    const failing = await report();
    expect(check(failing, 'failures')).toMatchObject({ status: 'warning', code: 'failures.warning' });
    for (let i = 0; i < 20; i++) expect((await t.scim('GET', `/Users?startIndex=1&count=1&i=${i}`, undefined, OKTA)).statusCode).toBe(200);
    const r = await report();
    expect(check(r, 'failures')).toMatchObject({ status: 'ok', code: 'failures.history', params: { count: expect.any(Number) } });
    expect(check(r, 'authentication')).toMatchObject({ status: 'ok', code: 'authentication.history' });
    expect(check(r, 'failures').data?.causes).toEqual(expect.arrayContaining([expect.objectContaining({ status: 404 })]));
    expect(['ok', 'info']).toContain(r.overall);
  });

  it('says each situation by code and params, for the dashboard to translate', async () => {
    const r = await report();
    for (const c of r.checks as Check[]) {
      expect(c.code.startsWith(`${c.id}.`), c.code).toBe(true);
      expect(typeof c.params).toBe('object');
    }
  });

  it('is for team admins', async () => {
    const member = await signInAdmin(t, `diag-member-${dialect}@example.com`, 'member');
    expect((await member.request('GET', url)).statusCode).toBe(403);
  });
});

describe.each(DIALECTS)('diagnostics of SCIM tokens on %s', (dialect) => {
  it('warns (diagnosis and token.expiring event) when the last active SCIM token expires within 14 days, not while another never expires', async () => {
    const t = await createTestApp(dialect);
    try {
      const admin = await signInAdmin(t, `expiry-${dialect}@example.com`, 'owner');
      const tokenCheck = async () => ((await admin.request('GET', `/api/admin/teams/${t.teamId}/diagnostics`)).json().checks as Check[]).find((c) => c.id === 'token') as Check;
      const soon = new Date(Date.now() + 7 * 86_400_000);
      await t.services.tokens.create(t.teamId, { label: 'short', expiresAt: soon, allowWithoutSso: true });
      expect(await tokenCheck()).toMatchObject({ status: 'ok', code: 'token.ok' });
      // Another token never expires: no event either.
      expect(await t.services.tokens.warnExpiring(14 * 86_400_000)).toBe(0);
      for (const token of await t.services.tokens.list(t.teamId)) if (!token.expiresAt) await t.services.tokens.revoke(token.id);
      expect(await tokenCheck()).toMatchObject({ status: 'warning', code: 'token.expiring', params: { expiresAt: soon.toISOString() } });

      // token.expiring is written once per token, with the keys docs/events.md shows.
      expect(await t.services.tokens.warnExpiring(14 * 86_400_000)).toBe(1);
      expect(await t.services.tokens.warnExpiring(14 * 86_400_000)).toBe(0);
      const events = (await t.services.store.events.listAfter(t.services.store.db, t.teamId, 0, 1000)).filter((e) => e.type === 'token.expiring');
      expect(events).toHaveLength(1);
      expect(events[0].data).toMatchObject({ label: 'short', expiresAt: soon.toISOString() });
      const page = readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');
      const example = JSON.parse(/^### `token\.expiring`\n[\s\S]*?```json\n([\s\S]*?)```/m.exec(page)?.[1] ?? '{}');
      expect(Object.keys(events[0].data).sort()).toEqual(Object.keys(example.data).sort());
      expect(Object.keys(events[0]).filter((k) => k !== 'data' && k !== 'seq').sort()).toEqual(Object.keys(example).filter((k) => k !== 'data' && k !== 'seq').sort());
    } finally {
      await t.close();
    }
  });
});

describe('diagnostics on a team without the Enterprise plan', () => {
  it('says SCIM is not on the plan', async () => {
    const t = await createTestApp('sqlite');
    try {
      const team = await t.services.teams.create({ slug: 'small-co', plan: 'team' });
      const admin = await signInAdmin(t, 'small@example.com', 'owner', team.id);
      const r = (await admin.request('GET', `/api/admin/teams/${team.id}/diagnostics`)).json();
      expect(r.checks.find((c: Check) => c.id === 'sso')).toMatchObject({ status: 'problem', code: 'sso.plan', title: 'SCIM is not on this plan' });
    } finally {
      await t.close();
    }
  });
});
