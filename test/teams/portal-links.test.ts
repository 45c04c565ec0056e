// Admin portal links: the host product (API key) or a team owner (dashboard)
// makes a short-lived, single-use URL that signs the customer's IT admin into
// one team's dashboard page. Followed here with inject() as a browser does (the
// GET shows a confirmation page and uses nothing; its button POSTs): a session cookie,
// a redirect to the intent's page, a session that reaches only that team
// with the link's role; a used, expired or unknown link is a 400 page and no
// session; a returnUrl outside ROLLCALL_PORTAL_RETURN_ORIGINS and other bad
// input are 400 with nothing stored. Both dialects.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, DIALECTS, type ScimResponse, type TestApp } from '../helpers/test-app.js';
import { signInAdmin } from '../helpers/admin-session.js';
import type { Clock } from '../../src/domain/ports.js';

describe.each(DIALECTS)('admin portal links (%s)', (dialect) => {
  let t: TestApp;
  let key: string;
  let now = new Date('2026-03-01T10:00:00.000Z').getTime();
  const clock: Clock = { now: () => new Date(now) };
  const RETURN = 'https://app.example.com';

  const api = async (method: InjectOptions['method'], url: string, body?: unknown, secret = key) =>
    (await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${secret}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    })) as ScimResponse;
  const linkCount = async () => (await t.storage.db.selectFrom('portal_links').select('id').execute()).length;
  const cookiesOf = (res: { headers: Record<string, unknown> }) =>
    ([] as string[])
      .concat((res.headers['set-cookie'] as string[] | string | undefined) ?? [])
      .map((c) => c.split(';')[0])
      .filter((c) => !c.endsWith('='));
  /** The hidden fields of the confirmation page's form. */
  const formOf = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
  const FORM = 'application/x-www-form-urlencoded';
  const post = (fields: Record<string, string>, cookie = '') =>
    t.app.inject({ method: 'POST', url: '/api/admin/portal', headers: { 'content-type': FORM, ...(cookie ? { cookie } : {}) }, payload: new URLSearchParams(fields).toString() });
  /** Opens a link (GET: the confirmation page) without pressing anything, as a link preview does. */
  const look = (url: string) => t.app.inject({ method: 'GET', url: url.replace('http://127.0.0.1:8080', '') });
  /**
   * Follows a link as a browser would: the page (GET), then its "Continue" button
   * (POST with the page's form and cookie). The answer, and the session cookie header it set.
   */
  const follow = async (url: string) => {
    const page = await look(url);
    if (page.statusCode !== 200) return { res: page, cookie: cookiesOf(page).join('; '), page };
    const res = await post(formOf(page.body), cookiesOf(page).join('; '));
    const cookie = cookiesOf(res)
      .filter((c) => !c.startsWith('rollcall_portal_confirm='))
      .join('; ');
    return { res, cookie, page };
  };
  const me = async (cookie: string) => (await t.app.inject({ method: 'GET', url: '/api/admin/me', headers: { cookie } })).json();

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { clock, teams: { portalReturnOrigins: [RETURN] } } });
    key = (await t.services.apiKeys.create({ label: 'host' })).secret;
  });
  afterAll(async () => t.close());

  it('signs the IT admin into the team, lands on the intent page with a returnUrl, and works once', async () => {
    const created = await api('POST', `/teams/${t.teamId}/portal-links`, { intent: 'scim', role: 'admin', email: 'it@customer.example', returnUrl: `${RETURN}/settings/sso?x=1` });
    expect(created.statusCode).toBe(201);
    const { url, expiresAt } = created.json();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8080\/api\/admin\/portal\?portal_token=rcp_/);
    expect(expiresAt).toBe(new Date(now + 600_000).toISOString());
    // Stored hashed only.
    const secret = decodeURIComponent(url.split('portal_token=')[1]);
    const row = await t.storage.db.selectFrom('portal_links').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.created_by).toMatch(/^api_key:/);

    const { res, cookie } = await follow(url);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/teams/${t.teamId}/tokens`);
    expect(cookie).toContain('rollcall_session=');
    const signed = await me(cookie);
    expect(signed.account.email).toBe('it@customer.example');
    expect(signed.session).toMatchObject({ method: 'portal', returnUrl: `${RETURN}/settings/sso?x=1` });
    expect(signed.teams).toEqual([expect.objectContaining({ teamId: t.teamId, role: 'admin' })]);
    const used = await t.storage.db.selectFrom('portal_links').selectAll().executeTakeFirstOrThrow();
    expect(used.used_at).not.toBeNull();
    expect(used.used_session_id).toBeTruthy();

    const again = await follow(url);
    expect(again.res.statusCode).toBe(400);
    expect(again.res.headers['content-type']).toMatch(/^text\/html/);
    expect(again.res.body).toContain('cannot be used');
    expect(again.cookie).toBe('');
  });

  it('each intent lands on its page; without an email the link signs in a guest account with the role', async () => {
    const pages = { sso: '/active-directory', scim: '/tokens', spend: '/spend', activity: '/activity', directory: '/active-directory' };
    for (const [intent, page] of Object.entries(pages)) {
      const { url } = (await api('POST', `/teams/${t.teamId}/portal-links`, { intent, role: 'viewer' })).json();
      const { res, cookie } = await follow(url);
      expect(res.headers.location, intent).toBe(`/teams/${t.teamId}${page}`);
      const signed = await me(cookie);
      expect(signed.teams).toEqual([expect.objectContaining({ teamId: t.teamId, role: 'member' })]);
      expect(signed.session.returnUrl).toBeUndefined();
    }
  });

  it('an expired or unknown link answers the 400 page and no session', async () => {
    const { url } = (await api('POST', `/teams/${t.teamId}/portal-links`, { intent: 'sso', role: 'admin', expiresInSeconds: 60 })).json();
    now += 61_000;
    const expired = await follow(url);
    expect(expired.res.statusCode).toBe(400);
    expect(expired.cookie).toBe('');
    for (const bad of ['', 'rcp_short', `rcp_${'x'.repeat(43)}`]) {
      const res = await follow(`/api/admin/portal?portal_token=${bad}`);
      expect(res.res.statusCode).toBe(400);
      expect(res.cookie).toBe('');
    }
    expect((await follow('/api/admin/portal')).res.statusCode).toBe(400);
  });

  it('a GET only shows who the link signs in and where: a preview fetching it twice leaves it usable', async () => {
    const team = await t.services.teams.create({ slug: `preview-${dialect}`, name: 'Acme <Ops> & "Co"' });
    const { url } = (await api('POST', `/teams/${team.id}/portal-links`, { intent: 'sso', role: 'admin', email: 'preview@customer.example' })).json();
    // A chat app's link preview: two plain GETs, no cookies kept, nothing pressed.
    for (const fetch of [1, 2]) {
      const page = await look(url);
      expect(page.statusCode, `fetch ${fetch}`).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(page.body).toContain('Acme &lt;Ops&gt; &amp; &quot;Co&quot;');
      expect(page.body).not.toContain('<Ops>');
      expect(page.body).toContain('as <strong id="portal-role">an admin</strong>');
      expect(page.body).toContain('Continue to Acme &lt;Ops&gt; &amp; &quot;Co&quot;’s dashboard');
      expect(page.body).toMatch(/<form method="post" action="\/api\/admin\/portal">/);
      // No session: only the confirmation's nonce, HttpOnly and SameSite=Strict.
      const set = ([] as string[]).concat(page.headers['set-cookie'] ?? []);
      expect(set).toHaveLength(1);
      expect(set[0]).toMatch(/^rollcall_portal_confirm=[\w-]+; Path=\/; Max-Age=\d+; SameSite=Strict; HttpOnly/);
    }
    const row = await t.storage.db.selectFrom('portal_links').selectAll().where('team_id', '=', team.id).executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
    expect((await t.storage.db.selectFrom('admin_sessions').select('id').where('scope_team_id', '=', team.id).execute()).length).toBe(0);

    // The person who then opens it still signs in, once.
    const { res, cookie } = await follow(url);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/teams/${team.id}/active-directory`);
    expect((await me(cookie)).account.email).toBe('preview@customer.example');
    expect((await look(url)).statusCode).toBe(400);
  });

  it('the POST uses the link only with the nonce of its own page: a forged cross-site POST signs nobody in', async () => {
    const { url } = (await api('POST', `/teams/${t.teamId}/portal-links`, { intent: 'scim', role: 'admin', email: 'forged@customer.example' })).json();
    const token = decodeURIComponent(url.split('portal_token=')[1]);
    const page = await look(url);
    const fields = formOf(page.body);
    expect(fields.portal_token).toBe(token);
    // Another site's auto-submitting form: the SameSite=Strict cookie is not sent, or a nonce of its own.
    for (const [form, cookie] of [
      [{ portal_token: token }, ''],
      [{ portal_token: token, confirm: fields.confirm }, ''],
      [{ portal_token: token, confirm: 'guessed' }, cookiesOf(page).join('; ')],
    ] as [Record<string, string>, string][]) {
      const res = await post(form, cookie);
      expect(res.statusCode, JSON.stringify(form)).toBe(403);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(cookiesOf(res)).toEqual([]);
    }
    const row = await t.storage.db.selectFrom('portal_links').selectAll().where('email', '=', 'forged@customer.example').executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
    // A bad token with a good nonce: the refusal page, nothing set.
    const bad = await post({ portal_token: 'rcp_nope', confirm: fields.confirm }, cookiesOf(page).join('; '));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('cannot be used');
    expect(cookiesOf(bad)).toEqual([]);
    // The page's own button still works.
    expect((await follow(url)).res.statusCode).toBe(303);
  });

  it('refuses a returnUrl outside the configured origins and other bad input with 400, storing nothing', async () => {
    const before = await linkCount();
    const cases: [unknown, string][] = [
      [{ intent: 'sso', role: 'admin', returnUrl: 'https://evil.example/x' }, 'portal_link.return_url_not_allowed'],
      [{ intent: 'sso', role: 'admin', returnUrl: 'https://app.example.com.evil.example/' }, 'portal_link.return_url_not_allowed'],
      [{ intent: 'sso', role: 'admin', returnUrl: 'javascript:alert(1)' }, 'portal_link.invalid'],
      [{ intent: 'sso', role: 'admin', returnUrl: '/relative' }, 'portal_link.invalid'],
      [{ intent: 'billing', role: 'admin' }, 'portal_link.invalid'],
      [{ intent: 'sso', role: 'superuser' }, 'portal_link.invalid'],
      [{ intent: 'sso', role: 'admin', email: 'not-an-email' }, 'portal_link.invalid'],
      [{ intent: 'sso', role: 'admin', expiresInSeconds: 59 }, 'portal_link.invalid'],
      [{ intent: 'sso', role: 'admin', expiresInSeconds: 3601 }, 'portal_link.invalid'],
      [{ intent: 'sso', role: 'admin', expiresInSeconds: '600' }, 'portal_link.invalid'],
    ];
    for (const [body, code] of cases) {
      const res = await api('POST', `/teams/${t.teamId}/portal-links`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
    }
    expect((await api('POST', '/teams/nobody/portal-links', { intent: 'sso', role: 'admin' })).statusCode).toBe(404);
    expect(await linkCount()).toBe(before);
  });

  it("a link's session reaches only its team, with the link's role, even for an account that owns another team", async () => {
    const other = await t.services.teams.create({ slug: `other-${dialect}` });
    await t.services.adminAccess.grant(other.id, 'boss@customer.example', 'owner');
    await t.services.adminAccess.grant(t.teamId, 'boss@customer.example', 'owner');
    const { url } = (await api('POST', `/teams/${t.teamId}/portal-links`, { intent: 'directory', role: 'member', email: 'boss@customer.example' })).json();
    const { cookie } = await follow(url);
    const signed = await me(cookie);
    expect(signed.teams).toEqual([expect.objectContaining({ teamId: t.teamId, role: 'member' })]);
    const reach = (teamId: string) => t.app.inject({ method: 'GET', url: `/api/admin/teams/${teamId}/scim-tokens`, headers: { cookie } });
    expect((await reach(other.id)).statusCode).toBe(404);
    expect((await reach(t.teamId)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/admin/teams/${t.teamId}`, headers: { cookie } })).statusCode).toBe(200);
  });

  it("a portal session never acts above the account's current role: lowering the role lowers the session", async () => {
    const { url } = (await api('POST', `/teams/${t.teamId}/portal-links`, { intent: 'scim', role: 'admin', email: 'lowered@customer.example' })).json();
    const { cookie } = await follow(url);
    const tokens = () => t.app.inject({ method: 'GET', url: `/api/admin/teams/${t.teamId}/scim-tokens`, headers: { cookie } });
    expect((await tokens()).statusCode).toBe(200);
    await t.services.adminAccess.grant(t.teamId, 'lowered@customer.example', 'member');
    expect((await tokens()).statusCode).toBe(403);
    expect((await me(cookie)).teams).toEqual([expect.objectContaining({ teamId: t.teamId, role: 'member' })]);
  });

  it('an owner makes the same link in the dashboard; an admin or member may not', async () => {
    const owner = await signInAdmin(t, 'owner@customer.example', 'owner');
    const res = await owner.request('POST', `/api/admin/teams/${t.teamId}/portal-links`, { intent: 'sso', role: 'admin', email: 'it2@customer.example' });
    expect(res.statusCode).toBe(201);
    const { cookie, res: landed } = await follow(res.json().url);
    expect(landed.headers.location).toBe(`/teams/${t.teamId}/active-directory`);
    expect((await me(cookie)).account.email).toBe('it2@customer.example');
    const admin = await signInAdmin(t, 'admin@customer.example', 'admin');
    const refused = await admin.request('POST', `/api/admin/teams/${t.teamId}/portal-links`, { intent: 'sso', role: 'admin' });
    expect(refused.statusCode).toBe(403);
    const bad = await owner.request('POST', `/api/admin/teams/${t.teamId}/portal-links`, { intent: 'sso', role: 'admin', returnUrl: 'https://evil.example' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('portal_link.return_url_not_allowed');

    // The audit trail: owners see every link, who made it and whether it was used; never the secret.
    const audit = await owner.request('GET', `/api/admin/teams/${t.teamId}/portal-links`);
    expect(audit.statusCode).toBe(200);
    const links = audit.json().links as { createdBy: string; email: string | null; status: string; intent: string }[];
    expect(links.find((l) => l.email === 'it2@customer.example')).toMatchObject({ intent: 'sso', status: 'used', createdBy: expect.stringMatching(/^admin:/) });
    expect(links.some((l) => l.createdBy.startsWith('api_key:') && l.status === 'expired')).toBe(true);
    expect(audit.body).not.toMatch(/rcp_|token_hash/);
    expect((await admin.request('GET', `/api/admin/teams/${t.teamId}/portal-links`)).statusCode).toBe(403);
  });

  it("a deleted team's links and portal sessions stop working", async () => {
    const team = (await api('POST', '/teams', { slug: `gone-${dialect}` })).json();
    const first = (await api('POST', `/teams/${team.id}/portal-links`, { intent: 'sso', role: 'owner' })).json();
    const second = (await api('POST', `/teams/${team.id}/portal-links`, { intent: 'sso', role: 'owner' })).json();
    const { cookie } = await follow(first.url);
    expect((await t.app.inject({ method: 'GET', url: `/api/admin/teams/${team.id}`, headers: { cookie } })).statusCode).toBe(200);
    expect((await api('DELETE', `/teams/${team.id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/admin/teams/${team.id}`, headers: { cookie } })).statusCode).toBe(401);
    expect((await follow(second.url)).res.statusCode).toBe(400);
  });
});
