// The activity log: every SCIM request recorded (time, method, path, status,
// latency, detected IdP, what it changed, the error), bodies without secrets,
// 401s with their cause, queries by status / resource / user / time, the
// live tail, and retention.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, patchBody, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { openSse } from './sse-client.js';

const OKTA = { 'user-agent': 'Okta SCIM Client 1.0.0' };

describe.each(DIALECTS)('activity log on %s', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;
  let log: string;
  let userId: string;
  const flush = () => t.services.realtime.activity.flush();
  const entries = async (query = '') => (await admin.request('GET', `${log}${query}`)).json();

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { realtime: { activity: { flushIntervalMs: 10 }, sse: { heartbeatMs: 60_000, pollMs: 60_000 } } } });
    admin = await signInAdmin(t, `activity-${dialect}@example.com`, 'admin');
    log = `/api/admin/teams/${t.teamId}/activity`;
    userId = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'bjensen@example.com', password: 'hunter2', name: { givenName: 'Barbara' } }, OKTA)).json().id;
    await t.scim('PATCH', `/Users/${userId}`, patchBody({ op: 'Replace', path: 'active', value: 'False' }));
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'bjensen@example.com' }, OKTA);
    await t.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "bjensen@example.com"')}`, undefined, OKTA);
    await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Sales', members: [{ value: userId }] });
    await flush();
  });
  afterAll(async () => t.close());

  it('records each request with what it changed, newest first', async () => {
    const { items } = await entries();
    expect(items.map((e: { method: string; path: string; status: number }) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'POST /Groups 201',
      `GET /Users?filter=${encodeURIComponent('userName eq "bjensen@example.com"')} 200`,
      'POST /Users 409',
      `PATCH /Users/${userId} 200`,
      'POST /Users 201',
    ]);
    const created = items[4];
    expect(created).toMatchObject({ idp: 'okta', operation: 'create', resourceType: 'User', resourceId: userId, userName: 'bjensen@example.com', summary: 'Created user "bjensen@example.com"', error: null });
    expect(created.latencyMs).toEqual(expect.any(Number));
    expect(new Date(created.at).toISOString()).toBe(created.at);
    expect(items[3]).toMatchObject({ idp: 'entra', operation: 'patch', summary: `Updated user ${userId}: deactivated` });
    expect(items[2]).toMatchObject({ status: 409, errorType: 'uniqueness', error: expect.stringContaining('bjensen@example.com') });
    expect(items[1]).toMatchObject({ operation: 'list', summary: 'Looked up users where userName eq "bjensen@example.com"' });
    expect(items[0]).toMatchObject({ summary: 'Created group "Sales" with 1 member', resourceType: 'Group' });
  });

  it('keeps the request body with secrets removed', async () => {
    const { items } = await entries('?resource=User&status=201');
    const detail = (await admin.request('GET', `${log}/${items[0].id}`)).json();
    expect(detail.requestBody).toEqual({ schemas: [USER_SCHEMA], userName: 'bjensen@example.com', password: '[redacted]', name: { givenName: 'Barbara' } });
    expect(JSON.stringify(detail)).not.toContain('hunter2');
    expect((await admin.request('GET', `${log}/no-such-entry`)).statusCode).toBe(404);
  });

  it('records refused requests with the cause: no token, unknown, revoked, another team\'s', async () => {
    const { token, secret } = await t.services.tokens.create(t.teamId, { label: 'old', allowWithoutSso: true });
    await t.services.tokens.revoke(token.id);
    const other = await t.services.teams.create({ slug: `neighbour-${dialect}` });
    const neighbour = (await t.services.tokens.create(other.id, { allowWithoutSso: true })).secret;
    const call = (authorization?: string, team = t.teamId) =>
      t.app.inject({ method: 'GET', url: `/scim/v2/${team}/Users?startIndex=1&count=2`, headers: { ...OKTA, ...(authorization ? { authorization } : {}) } });
    await call();
    await call('Bearer rcs_not-a-real-token-at-all-but-long-enough-to-look-like-one');
    await call(`Bearer ${secret}`);
    await call(`Bearer ${neighbour}`);
    await call(`Bearer ${t.token}`, 'no-such-team');
    await flush();
    const refused = (await entries('?status=401')).items;
    expect(refused.map((e: { authFailure: string }) => e.authFailure)).toEqual(['other_team', 'revoked', 'unknown', 'missing']);
    expect(refused.every((e: { connectionTest: string }) => e.connectionTest === 'okta')).toBe(true);
    // The made-up team was not recorded anywhere.
    expect(JSON.stringify(refused)).not.toContain('no-such-team');
  });

  it('filters by status, resource, user and time, and pages', async () => {
    expect((await entries('?status=4xx')).items.every((e: { status: number }) => e.status >= 400 && e.status < 500)).toBe(true);
    expect((await entries('?status=error')).items.length).toBeGreaterThan(0);
    expect((await entries('?status=success')).items.every((e: { status: number }) => e.status < 400)).toBe(true);
    expect((await entries('?resource=group')).items.map((e: { resourceType: string }) => e.resourceType)).toEqual(['Group']);
    const byId = (await entries(`?user=${userId}`)).items;
    expect(byId.map((e: { method: string }) => e.method)).toEqual(['PATCH', 'POST']);
    expect((await entries('?user=BJENSEN@example.com')).items.map((e: { status: number }) => e.status)).toEqual([409, 201]);
    const all = (await entries()).items;
    const oldest = all[all.length - 1];
    expect((await entries(`?until=${encodeURIComponent(oldest.at)}`)).items).toEqual([]);
    expect((await entries(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items).toEqual([]);
    const page = await entries('?limit=2');
    expect(page.items).toHaveLength(2);
    const next = await entries(`?limit=2&before=${page.nextBefore}`);
    expect(next.items[0].seq).toBeLessThan(page.items[1].seq);
    for (const bad of ['?status=teapot', '?resource=Printer', '?since=yesterday', '?limit=500', '?before=x']) {
      const res = await admin.request('GET', `${log}${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('activity.invalid_query');
    }
  });

  it('reports its buffer in the metrics: waiting, dropped and failed writes', async () => {
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^rollcall_activity_buffered \d+$/m);
    expect(metrics).toMatch(/^rollcall_activity_dropped_total 0$/m);
    expect(metrics).toMatch(/^rollcall_activity_write_failures_total 0$/m);
  });

  it('is for team admins', async () => {
    const member = await signInAdmin(t, `reader-${dialect}@example.com`, 'member');
    expect((await member.request('GET', log)).statusCode).toBe(403);
  });

  it('tails live over server-sent events', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const stream = await openSse(`${base}${log}/stream`, { cookie: admin.cookie });
    try {
      await stream.next((f) => f.comment === 'connected');
      await t.scim('GET', '/ServiceProviderConfig');
      const frame = await stream.next((f) => f.event === 'activity');
      expect(frame.data).toMatchObject({ method: 'GET', path: '/ServiceProviderConfig', status: 200, connectionTest: 'discovery' });
      expect(frame.id).toBe(String(frame.data.seq));
    } finally {
      stream.close();
    }
    const resumed = await openSse(`${base}${log}/stream?after=0`, { cookie: admin.cookie });
    try {
      expect((await resumed.next((f) => f.event === 'activity')).data.path).toBe('/Users');
    } finally {
      resumed.close();
    }
  });
});

describe('activity log retention', () => {
  it('purges entries older than the retention period', async () => {
    let now = new Date('2026-03-01T00:00:00Z');
    const t = await createTestApp('sqlite', { services: { clock: { now: () => now }, realtime: { activity: { retentionMs: 86_400_000 } } } });
    try {
      await t.scim('GET', '/Users');
      await t.services.realtime.activity.flush();
      now = new Date('2026-03-01T20:00:00Z');
      await t.scim('GET', '/Groups');
      await t.services.realtime.activity.flush();
      now = new Date('2026-03-02T10:00:00Z');
      expect(await t.services.realtime.activity.purge()).toBe(1);
      const left = await t.services.realtime.activity.after(t.teamId, 0, 10);
      expect(left.map((e) => e.path)).toEqual(['/Groups']);
    } finally {
      await t.close();
    }
  });
});
