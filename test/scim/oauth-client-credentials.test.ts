// OAuth 2.0 client credentials for SCIM (RFC 6749 §4.4): a team's client
// trades its id and secret at /scim/v2/<team>/oauth/token for a short-lived
// access token that SCIM accepts like a bearer token. Client authentication
// by Basic (§2.3.1, form-urlencoded inside) and in the body; §5.2 errors;
// rotation, revocation and expiry; team binding; failed-auth limiting.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type ScimResponse, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { activateSso } from '../sso/helpers/activate-sso.js';
import type { EdgeLimits } from '../../src/http/load-shedding.js';

const FORM = 'application/x-www-form-urlencoded';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe.each(DIALECTS)('SCIM OAuth client credentials (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let offsetMs = 0;
  let clientId: string;
  let clientSecret: string;
  let tokenEndpoint: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { clock: { now: () => new Date(Date.now() + offsetMs) } } });
    owner = await signInAdmin(t, 'owner@example.com');
  });
  afterAll(async () => t.close());

  const token = (body: string | Record<string, string>, headers: Record<string, string> = {}, teamId = t.teamId) =>
    t.app.inject({
      method: 'POST',
      url: `/scim/v2/${teamId}/oauth/token`,
      headers: { 'content-type': FORM, ...headers },
      payload: typeof body === 'string' ? body : new URLSearchParams(body).toString(),
    }) as Promise<ScimResponse>;
  const users = (accessToken: string, teamId = t.teamId) =>
    t.app.inject({ method: 'GET', url: `/scim/v2/${teamId}/Users`, headers: { authorization: `Bearer ${accessToken}` } }) as Promise<ScimResponse>;
  const issued = async (id = clientId, secret = clientSecret) => {
    const res = await token({ grant_type: 'client_credentials' }, { authorization: basic(id, secret) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().access_token as string;
  };

  it('creates a client through the admin API once SSO is active (same gate and role as SCIM tokens)', async () => {
    const early = await owner.request('POST', `/api/admin/teams/${t.teamId}/scim-oauth-clients`, { label: 'Entra' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('scim.sso_required');
    await activateSso(t, owner, 'owner@example.com');
    const created = await owner.request('POST', `/api/admin/teams/${t.teamId}/scim-oauth-clients`, { label: 'Entra' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.client).toMatchObject({ label: 'Entra', status: 'active', teamId: t.teamId });
    expect(body.client.clientId).toMatch(/^rcc_/);
    expect(body.clientSecret).toMatch(/^rccs_/);
    expect(body.tokenEndpoint).toBe(`http://127.0.0.1:8080/scim/v2/${t.teamId}/oauth/token`);
    expect(body.scimBaseUrl).toBe(`http://127.0.0.1:8080/scim/v2/${t.teamId}`);
    ({ clientId } = body.client);
    ({ clientSecret, tokenEndpoint } = body);

    const listed = await owner.request('GET', `/api/admin/teams/${t.teamId}/scim-oauth-clients`);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(clientSecret);
    expect(listed.json()).toMatchObject({ tokenEndpoint, accessTokenTtlSeconds: 3600, clients: [expect.objectContaining({ clientId, label: 'Entra' })] });
    const member = await signInAdmin(t, 'member@example.com', 'member');
    expect((await member.request('GET', `/api/admin/teams/${t.teamId}/scim-oauth-clients`)).statusCode).toBe(403);
    expect((await member.request('POST', `/api/admin/teams/${t.teamId}/scim-oauth-clients`, {})).statusCode).toBe(403);
    expect((await owner.request('POST', `/api/admin/teams/${t.teamId}/scim-oauth-clients`, { label: 7 })).statusCode).toBe(400);
    const rows = await t.storage.db.selectFrom('scim_oauth_clients').selectAll().where('client_id', '=', clientId).execute();
    expect(JSON.stringify(rows)).not.toContain(clientSecret);
  });

  it('issues an access token with client_secret_basic, and SCIM accepts it', async () => {
    const res = await token({ grant_type: 'client_credentials' }, { authorization: basic(clientId, clientSecret) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.pragma).toBe('no-cache');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(body).toEqual({ access_token: expect.stringMatching(/^rcat_/), token_type: 'Bearer', expires_in: 3600 });
    expect((await users(body.access_token)).statusCode).toBe(200);
    const stored = await t.storage.db.selectFrom('scim_oauth_tokens').selectAll().where('client_id', '=', clientId).execute();
    expect(JSON.stringify(stored)).not.toContain(body.access_token);
  });

  it('issues one with client_secret_post and scope "scim"', async () => {
    const res = await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'scim' });
    expect(res.statusCode).toBe(200);
    expect((await users(res.json().access_token)).statusCode).toBe(200);
  });

  it('decodes the form-urlencoded id and secret inside Basic (RFC 6749 §2.3.1)', async () => {
    const encode = (s: string) => s.replace(/[_-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    expect(encode(clientId)).not.toBe(clientId);
    const res = await token({ grant_type: 'client_credentials' }, { authorization: basic(encode(clientId), encode(clientSecret)) });
    expect(res.statusCode).toBe(200);
    // "+" is a space in form encoding: a secret sent with one is a different secret.
    const plus = await token({ grant_type: 'client_credentials' }, { authorization: basic(clientId, `${clientSecret.slice(0, -1)}+`) });
    expect(plus.statusCode).toBe(401);
    const broken = await token({ grant_type: 'client_credentials' }, { authorization: basic(clientId, `${clientSecret}%zz`) });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toBe('invalid_request');
  });

  it('refuses a wrong secret or an unknown client with 401 invalid_client and WWW-Authenticate: Basic', async () => {
    const wrong = await token({ grant_type: 'client_credentials' }, { authorization: basic(clientId, `${clientSecret.slice(0, -2)}xx`) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic /);
    expect(wrong.headers['cache-control']).toBe('no-store');
    expect(wrong.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    const unknown = await token({ grant_type: 'client_credentials', client_id: 'rcc_nobody', client_secret: clientSecret });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    const none = await token({ grant_type: 'client_credentials' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error).toBe('invalid_client');
  });

  it('answers 400 with the §5.2 code for a bad grant, scope or request, issuing nothing', async () => {
    const auth = { authorization: basic(clientId, clientSecret) };
    const before = await t.storage.db.selectFrom('scim_oauth_tokens').select('token_hash').execute();
    const cases: [string | Record<string, string>, Record<string, string>, string][] = [
      [{ grant_type: 'password', username: 'x', password: 'y' }, auth, 'unsupported_grant_type'],
      [{ grant_type: 'authorization_code', code: 'x' }, auth, 'unsupported_grant_type'],
      [{}, auth, 'invalid_request'],
      [{ grant_type: 'client_credentials', scope: 'admin' }, auth, 'invalid_scope'],
      [{ grant_type: 'client_credentials', client_id: clientId }, {}, 'invalid_request'],
      [{ grant_type: 'client_credentials', client_secret: clientSecret }, {}, 'invalid_request'],
      [`grant_type=client_credentials&grant_type=client_credentials`, auth, 'invalid_request'],
      [{ grant_type: 'client_credentials', client_secret: clientSecret }, auth, 'invalid_request'],
      [{ grant_type: 'client_credentials', client_id: 'rcc_other' }, auth, 'invalid_request'],
    ];
    for (const [body, headers, error] of cases) {
      const res = await token(body, headers);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json(), JSON.stringify(body)).toEqual({ error, error_description: expect.any(String) });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const json = await t.app.inject({ method: 'POST', url: `/scim/v2/${t.teamId}/oauth/token`, headers: { ...auth, 'content-type': 'application/json' }, payload: { grant_type: 'client_credentials' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().error).toBe('invalid_request');
    const secretInQuery = await t.app.inject({
      method: 'POST',
      url: `/scim/v2/${t.teamId}/oauth/token?client_secret=${clientSecret}`,
      headers: { 'content-type': FORM },
      payload: `grant_type=client_credentials&client_id=${clientId}`,
    });
    expect(secretInQuery.statusCode).toBe(400);
    expect(secretInQuery.json().error).toBe('invalid_request');
    expect(await t.storage.db.selectFrom('scim_oauth_tokens').select('token_hash').execute()).toHaveLength(before.length);
  });

  it('binds tokens and clients to their team', async () => {
    const other = await t.services.teams.create({ slug: `oauth-other-${dialect}` });
    const accessToken = await issued();
    expect((await users(accessToken, other.id)).statusCode).toBe(401);
    expect((await users(accessToken, other.id)).json().detail).toBe((await users('rcat_made-up', other.id)).json().detail);
    const atOther = await token({ grant_type: 'client_credentials' }, { authorization: basic(clientId, clientSecret) }, other.id);
    expect(atOther.statusCode).toBe(401);
    expect(atOther.json().error).toBe('invalid_client');
    // A client of the other team works there and only there.
    const theirs = await t.services.scimOAuth.create(other.id, { allowWithoutSso: true });
    const theirToken = (await token({ grant_type: 'client_credentials' }, { authorization: basic(theirs.client.clientId, theirs.clientSecret) }, other.id)).json().access_token;
    expect((await users(theirToken, other.id)).statusCode).toBe(200);
    expect((await users(theirToken)).statusCode).toBe(401);
    expect((await token({ grant_type: 'client_credentials' }, { authorization: basic(theirs.client.clientId, theirs.clientSecret) })).statusCode).toBe(401);
  });

  it('refuses an expired access token', async () => {
    const accessToken = await issued();
    expect((await users(accessToken)).statusCode).toBe(200);
    offsetMs += 3600_000;
    try {
      const res = await users(accessToken);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    } finally {
      offsetMs -= 3600_000;
    }
  });

  it('rotates the secret: the old one is refused at once, the new one works, issued tokens keep working', async () => {
    const before = await issued();
    const rotated = await owner.request('POST', `/api/admin/teams/${t.teamId}/scim-oauth-clients/${clientId}/rotate`);
    expect(rotated.statusCode).toBe(200);
    const { clientSecret: fresh, client, tokenEndpoint: endpoint } = rotated.json();
    expect(fresh).toMatch(/^rccs_/);
    expect(fresh).not.toBe(clientSecret);
    expect(client).toMatchObject({ clientId, status: 'active', secretRotatedAt: expect.any(String) });
    expect(endpoint).toBe(tokenEndpoint);
    const old = await token({ grant_type: 'client_credentials' }, { authorization: basic(clientId, clientSecret) });
    expect(old.statusCode).toBe(401);
    expect(old.json().error).toBe('invalid_client');
    clientSecret = fresh;
    expect((await users(await issued())).statusCode).toBe(200);
    expect((await users(before)).statusCode).toBe(200);
    expect((await owner.request('POST', `/api/admin/teams/${t.teamId}/scim-oauth-clients/rcc_nobody/rotate`)).statusCode).toBe(404);
  });

  it('revokes a client: its access tokens are refused at once, and it gets no new ones', async () => {
    const accessToken = await issued();
    expect((await users(accessToken)).statusCode).toBe(200);
    expect((await owner.request('DELETE', `/api/admin/teams/${t.teamId}/scim-oauth-clients/${clientId}`)).statusCode).toBe(204);
    expect((await users(accessToken)).statusCode).toBe(401);
    const again = await token({ grant_type: 'client_credentials' }, { authorization: basic(clientId, clientSecret) });
    expect(again.statusCode).toBe(401);
    expect(await t.storage.db.selectFrom('scim_oauth_tokens').select('token_hash').where('client_id', '=', clientId).execute()).toEqual([]);
    const listed = (await owner.request('GET', `/api/admin/teams/${t.teamId}/scim-oauth-clients`)).json();
    expect(listed.clients.find((c: { clientId: string }) => c.clientId === clientId)).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect((await owner.request('POST', `/api/admin/teams/${t.teamId}/scim-oauth-clients/${clientId}/rotate`)).statusCode).toBe(404);
    expect((await owner.request('DELETE', `/api/admin/teams/${t.teamId}/scim-oauth-clients/rcc_nobody`)).statusCode).toBe(404);
  });

  it('writes events for create, rotate and revoke, and logs refused token requests in the activity log', async () => {
    const events = await t.services.store.events.listAfter(t.services.store.db, t.teamId, 0, 1000);
    const mine = events.filter((e) => e.type.startsWith('scim_oauth_client.') && e.resourceId === clientId).map((e) => e.type);
    expect(mine).toEqual(['scim_oauth_client.created', 'scim_oauth_client.secret_rotated', 'scim_oauth_client.revoked']);
    await t.services.realtime.activity.flush();
    const { items } = await t.services.realtime.activity.list(t.teamId, { limit: 200 });
    const refused = items.filter((i) => i.path === '/oauth/token' && i.status === 401);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ method: 'POST', errorType: 'invalid_client', authFailure: 'oauth_client', summary: expect.stringMatching(/^Access token request .*\(refused\)$/) });
    const entry = await t.services.realtime.activity.get(t.teamId, refused[0].id);
    expect(JSON.stringify(entry)).not.toMatch(/rccs_/);
    expect(items.some((i) => i.path === '/oauth/token' && i.status === 200)).toBe(true);
  });

  it('refuses a token while the team may not use SCIM (unauthorized_client), and access tokens with it', async () => {
    const { client, clientSecret: secret } = await t.services.scimOAuth.create(t.teamId, { allowWithoutSso: true });
    const accessToken = await issued(client.clientId, secret);
    await t.storage.db.updateTable('teams').set({ plan: 'team' }).where('id', '=', t.teamId).execute();
    offsetMs += 2000; // past the one-second memory of a successful check
    try {
      const res = await token({ grant_type: 'client_credentials' }, { authorization: basic(client.clientId, secret) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('unauthorized_client');
      expect((await users(accessToken)).statusCode).toBe(403);
    } finally {
      await t.storage.db.updateTable('teams').set({ plan: 'enterprise' }).where('id', '=', t.teamId).execute();
    }
  });

  it('advertises the token endpoint in /ServiceProviderConfig beside the bearer token', async () => {
    const spc = (await t.scim('GET', '/ServiceProviderConfig')).json();
    expect(spc.authenticationSchemes).toEqual([
      expect.objectContaining({ type: 'oauthbearertoken', primary: true }),
      expect.objectContaining({ type: 'oauth2', primary: false, documentationUri: `http://127.0.0.1:8080/scim/v2/${t.teamId}/oauth/token` }),
    ]);
  });
});

describe.each(DIALECTS)('SCIM OAuth limits (%s)', (dialect) => {
  let t: TestApp;
  let clientId: string;
  let clientSecret: string;
  const edge: EdgeLimits = { scimRate: { perMinute: 1, burst: 3 }, apiRate: { perMinute: 0, burst: 1 }, maxInFlight: 0, maxConnections: 0, headersTimeoutMs: 20_000, keepAliveTimeoutMs: 30_000 };
  beforeAll(async () => {
    t = await createTestApp(dialect, { edge });
    ({ client: { clientId }, clientSecret } = await t.services.scimOAuth.create(t.teamId, { allowWithoutSso: true }));
  });
  afterAll(async () => t.close());

  const token = (id: string, secret: string) =>
    t.app.inject({ method: 'POST', url: `${t.base}/oauth/token`, headers: { 'content-type': FORM, authorization: basic(id, secret) }, payload: 'grant_type=client_credentials' });

  it('limits SCIM requests per client: a new access token does not reset the budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const accessToken = (await token(clientId, clientSecret)).json().access_token;
      statuses.push((await t.app.inject({ method: 'GET', url: `${t.base}/Users`, headers: { authorization: `Bearer ${accessToken}` } })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('answers 429 slow_down after 10 failed authentications of one client id, even with the right secret', async () => {
    const { client, clientSecret: secret } = await t.services.scimOAuth.create(t.teamId, { allowWithoutSso: true });
    for (let i = 0; i < 10; i++) expect((await token(client.clientId, `${secret}x`)).statusCode).toBe(401);
    const limited = await token(client.clientId, secret);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toBe('slow_down');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Other clients are not affected.
    expect((await token(clientId, clientSecret)).statusCode).toBe(200);
  });
});

describe.each(DIALECTS)('diagnostics with SCIM OAuth clients (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('counts an active OAuth client as a way in: no "No active SCIM token" problem', async () => {
    const owner = await signInAdmin(t, 'diag-owner@example.com');
    for (const token of await t.services.tokens.list(t.teamId)) await t.services.tokens.revoke(token.id);
    const tokenCheck = async () => (await owner.request('GET', `/api/admin/teams/${t.teamId}/diagnostics`)).json().checks.find((c: { id: string }) => c.id === 'token');
    expect(await tokenCheck()).toMatchObject({ status: 'problem' });
    const { client, clientSecret } = await t.services.scimOAuth.create(t.teamId, { allowWithoutSso: true });
    expect(await tokenCheck()).toMatchObject({ status: 'ok' });
    await token(t, client.clientId, clientSecret);
    expect((await tokenCheck()).detail).toMatch(/^Last used at /);
    await t.services.scimOAuth.revoke(client.clientId);
    expect(await tokenCheck()).toMatchObject({ status: 'problem' });
  });

  const token = (app: TestApp, id: string, secret: string) =>
    app.app.inject({ method: 'POST', url: `${app.base}/oauth/token`, headers: { 'content-type': FORM, authorization: basic(id, secret) }, payload: 'grant_type=client_credentials' });
});
