// Guards declared per route (src/http/api/route-guard.ts): every /api route
// of the real app declares one, the public ones are exactly the known few, a
// route without a guard (or with one its API does not serve) stops startup,
// and the checks answer as they did when each handler made them itself —
// status, body and order (a bad request is a 400 whoever sends it).

import Fastify, { type RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createServices } from '../../src/services.js';
import { installAdminGuard } from '../../src/http/api/admin-guard.js';
import { installApiKeyGuard } from '../../src/http/api/api-key-guard.js';
import { guard, type RouteGuard } from '../../src/http/api/route-guard.js';
import { DIALECTS, TEST_LIMITS, createTestApp, openTestStorage, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';

describe('every /api route declares a guard', () => {
  const routes: RouteOptions[] = [];
  let app: Awaited<ReturnType<typeof buildApp>>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const { storage, drop } = await openTestStorage('sqlite');
    const publicUrl = 'http://127.0.0.1:8080';
    app = await buildApp({ services: createServices(storage, { sso: { publicUrl } }), storage, publicUrl, limits: TEST_LIMITS, logLevel: 'silent', onRoute: (route) => routes.push(route) });
    await app.ready();
    close = async () => {
      await app.close();
      await storage.close();
      await drop();
    };
  });
  afterAll(async () => close());

  const methods = (route: RouteOptions) => ([] as string[]).concat(route.method);
  const guardOf = (route: RouteOptions): RouteGuard | undefined => route.config?.guard;

  it('has one on every route under /api, with a credential its API serves', () => {
    const api = routes.filter((route) => route.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(80);
    expect(api.filter((route) => !guardOf(route)).map((route) => `${methods(route)} ${route.url}`)).toEqual([]);
    for (const route of api) {
      const credential = guardOf(route)?.credential;
      const expected = route.url.startsWith('/api/admin/') ? ['none', 'session'] : route.url.startsWith('/api/v1/') ? ['apiKey'] : [];
      expect(expected, `${methods(route)} ${route.url}`).toContain(credential);
    }
  });

  it('opens exactly the routes that open a session or say only what is public', () => {
    const open = routes.filter((route) => guardOf(route)?.credential === 'none').flatMap((route) => methods(route).map((m) => `${m} ${route.url}`));
    expect(open.sort()).toEqual(['GET /api/admin/portal', 'GET /api/admin/setup', 'GET /api/admin/sign-in-options', 'GET /api/admin/sso-sign-in/:team', 'POST /api/admin/portal', 'POST /api/admin/sessions', 'POST /api/admin/setup', 'POST /api/admin/sign-in-links']);
  });

  it('refuses a request without credentials on every other /api route, and on every SCIM route', async () => {
    // The OAuth token endpoint is the one SCIM route without a bearer token: the client authenticates in the request itself (checked below).
    const tokenEndpoint = '/scim/v2/:teamId/oauth/token';
    const guarded = routes.filter((route) => (route.url.startsWith('/api/') && guardOf(route)?.credential !== 'none') || (route.url.startsWith('/scim/') && route.url !== tokenEndpoint));
    expect(guarded.length).toBeGreaterThan(100);
    const answers: string[] = [];
    for (const route of guarded) {
      for (const method of methods(route)) {
        const url = route.url.replace(/:teamId/g, '00000000-0000-4000-8000-000000000000').replace(/:(\w+)/g, 'x');
        const res = await app.inject({ method: method as 'GET', url, headers: { 'content-type': 'application/json' }, payload: method === 'GET' || method === 'HEAD' ? undefined : '{}' });
        if (res.statusCode !== 401) answers.push(`${method} ${route.url}: ${res.statusCode}`);
      }
    }
    expect(answers).toEqual([]);
    const noClient = await app.inject({ method: 'POST', url: tokenEndpoint.replace(':teamId', '00000000-0000-4000-8000-000000000000'), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=client_credentials' });
    expect(noClient.statusCode).toBe(401);
  });
});

describe('a route without a guard fails closed at startup', () => {
  let services: ReturnType<typeof createServices>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const { storage, drop } = await openTestStorage('sqlite');
    services = createServices(storage, { sso: { publicUrl: 'http://127.0.0.1:8080' } });
    close = async () => {
      await storage.close();
      await drop();
    };
  });
  afterAll(async () => close());

  const start = async (install: 'admin' | 'apiKey', add: (scope: ReturnType<typeof Fastify>) => void) => {
    const app = Fastify({ logger: false });
    await app.register(
      async (scope) => {
        if (install === 'admin') installAdminGuard(scope, services);
        else installApiKeyGuard(scope, { services, publicUrl: 'http://127.0.0.1:8080' });
        add(scope as unknown as ReturnType<typeof Fastify>);
      },
      { prefix: '/api/x' },
    );
    try {
      await app.ready();
    } finally {
      await app.close();
    }
  };

  it('refuses to start with a route that declares nothing', async () => {
    await expect(start('admin', (scope) => scope.get('/open', async () => 'open'))).rejects.toThrow('GET /api/x/open declares no guard');
    await expect(start('apiKey', (scope) => scope.route({ method: 'POST', url: '/open', handler: async () => 'open' }))).rejects.toThrow('POST /api/x/open declares no guard');
  });

  it('refuses a credential the API does not serve, and a team guard without :teamId', async () => {
    await expect(start('apiKey', (scope) => scope.get('/teams/:teamId', guard.role('admin'), async () => 'x'))).rejects.toThrow('"session", which this API does not serve');
    await expect(start('admin', (scope) => scope.get('/teams/:teamId', guard.apiKey(), async () => 'x'))).rejects.toThrow('"apiKey", which this API does not serve');
    await expect(start('admin', (scope) => scope.get('/things', guard.role('member'), async () => 'x'))).rejects.toThrow('has no :teamId in its path');
  });

  it('starts when every route declares one', async () => {
    await expect(start('admin', (scope) => scope.get('/teams/:teamId', guard.role('member'), async () => 'x'))).resolves.toBeUndefined();
  });
});

describe.each(DIALECTS)('guards answer as before (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let member: AdminClient;
  let outsider: AdminClient;
  let otherTeamId: string;
  let boundKey: string;
  let wideKey: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await signInAdmin(t, 'owner@example.com');
    member = await signInAdmin(t, 'member@example.com', 'member');
    otherTeamId = (await t.services.teams.create({ slug: `other-${dialect}` })).id;
    outsider = await signInAdmin(t, 'outsider@example.com', 'owner', otherTeamId);
    boundKey = (await t.services.apiKeys.create({ teamId: otherTeamId })).secret;
    wideKey = (await t.services.apiKeys.create({})).secret;
  });
  afterAll(async () => t.close());

  const teamUrl = (path: string) => `/api/admin/teams/${t.teamId}${path}`;
  const answer = (res: { statusCode: number; json: () => unknown }) => ({ status: res.statusCode, body: res.json() });
  const v1 = (url: string, key: string, method: 'GET' | 'POST' = 'GET', payload?: string) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${key}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) }, payload });

  it('answers a team the admin is not in as absent, and a role too low with 403', async () => {
    expect(answer(await outsider.request('GET', teamUrl('/users')))).toEqual({ status: 404, body: { error: { code: 'team.not_found', message: `no team "${t.teamId}"` } } });
    expect(answer(await member.request('GET', teamUrl('/webhooks')))).toEqual({
      status: 403,
      body: { error: { code: 'auth.forbidden', message: 'this needs the admin role in the team; you are member' } },
    });
    expect((await member.request('GET', teamUrl('/users'))).statusCode).toBe(200);
    const team = (await owner.request('GET', teamUrl(''))).json();
    expect(team).toMatchObject({ id: t.teamId, role: 'owner' });
  });

  it('reads the body and parameters before the role: a bad request is a 400 for anyone', async () => {
    const badJson = await outsider.request('PUT', teamUrl('/sso'), undefined, { 'content-type': 'application/json', 'x-csrf-token': outsider.csrf });
    expect(badJson.statusCode).toBe(400);
    const bad = await t.app.inject({ method: 'PUT', url: teamUrl('/sso'), headers: { cookie: outsider.cookie, 'x-csrf-token': outsider.csrf, 'content-type': 'application/json' }, payload: '{' });
    expect(answer(bad)).toEqual({ status: 400, body: { error: { code: 'request.invalid_json', message: 'the request body is not valid JSON' } } });
    expect((await outsider.request('GET', teamUrl('/users?q=a&q=b'))).json().error.code).toBe('request.invalid_value');
  });

  it('asks for a session before anything else, on unknown paths too, and on the HEAD twin of a public GET', async () => {
    expect(answer(await t.app.inject({ method: 'GET', url: teamUrl('/users') }))).toEqual({
      status: 401,
      body: { error: { code: 'auth.required', message: 'sign in first: your session is missing, expired or revoked' } },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/nowhere' })).statusCode).toBe(401);
    expect((await owner.request('GET', '/api/admin/nowhere')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/setup' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'HEAD', url: '/api/admin/setup' })).statusCode).toBe(401);
  });

  it('lets a team-bound API key reach only its team, and an installation-wide key any existing one', async () => {
    expect(answer(await v1(`/api/v1/teams/${t.teamId}/members`, boundKey))).toEqual({ status: 404, body: { error: { code: 'team.not_found', message: `no team "${t.teamId}"` } } });
    expect(answer(await v1(`/api/v1/teams/${t.teamId}/spend/members`, boundKey))).toEqual({ status: 404, body: { error: { code: 'team.not_found', message: `no team "${t.teamId}"` } } });
    expect((await v1(`/api/v1/teams/${otherTeamId}/members`, boundKey)).statusCode).toBe(200);
    expect((await v1(`/api/v1/teams/${t.teamId}/members`, wideKey)).statusCode).toBe(200);
    expect(answer(await v1('/api/v1/teams/no-such-team/spend/members', wideKey))).toEqual({ status: 404, body: { error: { code: 'team.not_found', message: 'no team "no-such-team"' } } });
    // By its short name, for an installation-wide key: the guard resolves it as the handlers did.
    expect((await v1(`/api/v1/teams/other-${dialect}`, wideKey)).json()).toMatchObject({ id: otherTeamId });
  });

  it('takes the feed team from ?teamId=, else the key\'s own team, else (installation-wide key) the installation stream', async () => {
    // Issue 11: an installation-wide key naming no team reads team.* and plan.changed (docs/events.md).
    const installation = await v1('/api/v1/events', wideKey);
    expect(installation.statusCode).toBe(200);
    expect((installation.json() as { events: { teamId: string; type: string }[] }).events.every((e) => e.teamId === 'installation' && /^(team|plan)\./.test(e.type))).toBe(true);
    expect((await v1('/api/v1/events?teamId=other-' + dialect, wideKey)).statusCode).toBe(200);
    expect((await v1(`/api/v1/events?teamId=${t.teamId}`, wideKey)).statusCode).toBe(200);
    expect((await v1('/api/v1/events', boundKey)).statusCode).toBe(200);
    expect((await v1(`/api/v1/events?teamId=${t.teamId}`, boundKey)).statusCode).toBe(404);
  });

  it('reads a bad body before the key\'s team: a 400, not a 404', async () => {
    expect((await v1(`/api/v1/teams/${t.teamId}/spend/usage`, boundKey, 'POST', '{')).json().error.code).toBe('request.invalid_json');
  });
});
