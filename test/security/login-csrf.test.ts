// Login CSRF (issue 10): an SSO sign-in finishes only in the browser that
// started it. Someone who starts a sign-in and hands the IdP's answer (or
// the OIDC callback URL) to another browser must not get that browser
// signed in, as themselves or anyone. The binding is a short-lived HttpOnly
// cookie set at /start; a SAML POST that arrives without it (a cross-site
// POST carries no SameSite=Lax cookie) is posted again from Rollcall's own
// origin. Also: a returnTo that cannot go in a Location header is ignored.

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { activateSso } from '../sso/helpers/activate-sso.js';
import { createSamlIdp, type SamlIdp } from '../sso/helpers/saml-idp.js';
import { startOidcIdp, type OidcIdp } from '../sso/helpers/oidc-idp.js';
import { bindingCookie, configure, cookiesFrom, getCallback, postAcs, reasonOf, spMetadata, startTest } from '../sso/helpers/sso-flow.js';

const setCookies = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []);
const hasSession = (res: { headers: Record<string, unknown> }) => setCookies(res).some((c) => c.startsWith('rollcall_session='));

/** The hidden fields of the re-post page, as the browser would send them. */
function repostFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return fields;
}

describe.each(DIALECTS)('SSO sign-ins are bound to the browser that started them: SAML (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let idp: SamlIdp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await signInAdmin(t, 'owner@example.com');
    idp = await activateSso(t, owner, 'owner@example.com', createSamlIdp());
  });
  afterAll(() => t.close());

  async function startedSignIn(query = '') {
    const start = await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start${query}` });
    expect(start.statusCode).toBe(302);
    const form = await idp.respond(await spMetadata(t), String(start.headers.location), { email: 'owner@example.com' });
    return { cookie: cookiesFrom(start), form, start };
  }

  it('sets a short-lived HttpOnly SameSite=Lax cookie when the sign-in starts', async () => {
    const { start } = await startedSignIn();
    const [cookie] = setCookies(start);
    expect(cookie).toMatch(/^rollcall_sso_[0-9a-f]{12}=[\w-]{43}; Path=\/; Max-Age=(600|599); SameSite=Lax; HttpOnly$/);
  });

  it('refuses another browser\'s IdP answer: no session, a clear page, and the sign-in can still finish where it started', async () => {
    const attacker = await startedSignIn();
    // The victim's browser: a cross-site POST without cookies gets the re-post page, which carries nothing of its own.
    const first = await postAcs(t, attacker.form);
    expect(first.statusCode).toBe(200);
    expect(hasSession(first)).toBe(false);
    const again = await postAcs(t, repostFields(first.body) as { SAMLResponse: string });
    expect(again.statusCode).toBe(400);
    expect(reasonOf(again)).toBe('sign_in.wrong_browser');
    expect(again.body).toContain('not started in this browser');
    expect(hasSession(again)).toBe(false);
    // A victim with a sign-in of their own under way is refused the same way.
    const victim = await startedSignIn();
    const mixed = await postAcs(t, { ...attacker.form, rollcall_hop: '1' }, t.teamId, victim.cookie);
    expect(reasonOf(mixed)).toBe('sign_in.wrong_browser');
    expect(hasSession(mixed)).toBe(false);
    // The browser that started it finishes it.
    const own = await postAcs(t, attacker.form, t.teamId, attacker.cookie);
    expect(own.statusCode).toBe(303);
    expect(hasSession(own)).toBe(true);
  });

  it('finishes through the re-post page in the browser that started it (the cookie comes with the same-site POST)', async () => {
    const { cookie, form } = await startedSignIn();
    const page = await postAcs(t, form);
    expect(page.statusCode).toBe(200);
    const script = /<script>([^<]*)<\/script>/.exec(page.body)?.[1] ?? '';
    expect(page.headers['content-security-policy']).toBe(`default-src 'none'; script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'; frame-ancestors 'none'`);
    expect(page.body).toContain(`action="http://127.0.0.1:8080/sso/${t.teamId}/saml/acs"`);
    const fields = repostFields(page.body);
    expect(fields).toMatchObject({ SAMLResponse: form.SAMLResponse, rollcall_hop: '1' });
    const res = await postAcs(t, fields as { SAMLResponse: string }, t.teamId, cookie);
    expect(res.statusCode).toBe(303);
    expect(hasSession(res)).toBe(true);
  });

  it('binds a member sign-in too (the core Rollcall\'s OpenID provider builds on)', async () => {
    const { redirectUrl, binding } = await t.services.ssoSignIn.beginSignIn(t.teamId, { purpose: 'member', interactionId: 'interaction-x' });
    const form = await idp.respond(await spMetadata(t), redirectUrl, { email: 'member@example.com' });
    expect(await t.services.ssoSignIn.completeSignIn(t.teamId, { kind: 'saml', samlResponse: form.SAMLResponse }, [])).toMatchObject({ ok: false, reason: 'sign_in.wrong_browser', purpose: 'member' });
    expect(await t.services.ssoSignIn.completeSignIn(t.teamId, { kind: 'saml', samlResponse: form.SAMLResponse }, ['someone-elses-binding'])).toMatchObject({ ok: false, reason: 'sign_in.wrong_browser' });
    // Over HTTP, without the cookie: a refusal page (here the provider's handler also finds no interaction), never a redirect onward.
    const refused = await postAcs(t, { ...form, rollcall_hop: '1' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers.location).toBeUndefined();
    expect(await t.services.ssoSignIn.completeSignIn(t.teamId, { kind: 'saml', samlResponse: form.SAMLResponse }, ['other', binding])).toMatchObject({ ok: true, purpose: 'member' });
    // An admin's test opens no session and needs no binding (it is started from the admin API).
    const test = await idp.respond(await spMetadata(t), await startTest(owner, t), { email: 'owner@example.com' });
    expect(String((await postAcs(t, test)).headers.location)).toMatch(/result=ok$/);
  });

  it('ignores a returnTo that is not a plain path on this server, instead of failing after sign-in', async () => {
    const cases: [string, string][] = [
      ['/settings?tab=sso', '/settings?tab=sso'],
      ['/%0D%0ASet-Cookie:%20x=1', '/'],
      ['/ok%0A', '/'],
      ['/%5Cevil.example', '/'],
      ['/\\evil.example', '/'],
      ['//evil.example/', '/'],
      ['/a%09b', '/'],
      ['/caf%C3%A9', '/'],
      ['https://evil.example/', '/'],
    ];
    for (const [given, expected] of cases) {
      const { cookie, form } = await startedSignIn(`?returnTo=${encodeURIComponent(decodeURIComponent(given.replace('\\', '%5C')))}`);
      const res = await postAcs(t, form, t.teamId, cookie);
      expect(res.statusCode, given).toBe(303);
      expect(res.headers.location, given).toBe(`http://127.0.0.1:8080${expected}`);
    }
  });
});

describe.each(DIALECTS)('SSO sign-ins are bound to the browser that started them: OIDC (%s)', (dialect) => {
  let t: TestApp;
  let idp: OidcIdp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { sso: { allowInsecureHttp: true } } });
    const owner = await signInAdmin(t, 'owner@example.com');
    idp = await startOidcIdp([{ client_id: 'rollcall', client_secret: 'oidc-csrf-secret-0123456789', redirect_uris: [`http://127.0.0.1:8080/sso/${t.teamId}/oidc/callback`] }], {
      owner: { email: 'owner@example.com', email_verified: true, name: 'Olivia Owner' },
    });
    await configure(owner, t, { kind: 'oidc', issuer: idp.issuer, clientId: 'rollcall', clientSecret: 'oidc-csrf-secret-0123456789' });
    await getCallback(t, await idp.browse(await startTest(owner, t), 'owner'));
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('refuses the callback in a browser that did not start the sign-in; the one that did finishes it', async () => {
    const start = await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start` });
    const callback = await idp.browse(String(start.headers.location), 'owner');
    const stranger = await getCallback(t, callback);
    expect(stranger.statusCode).toBe(400);
    expect(reasonOf(stranger)).toBe('sign_in.wrong_browser');
    expect(hasSession(stranger)).toBe(false);
    const other = await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start` });
    expect(reasonOf(await getCallback(t, callback, cookiesFrom(other)))).toBe('sign_in.wrong_browser');
    expect(reasonOf(await getCallback(t, callback, bindingCookie('guessed')))).toBe('sign_in.wrong_browser');
    const own = await getCallback(t, callback, `${cookiesFrom(other)}; ${cookiesFrom(start)}`);
    expect(own.statusCode).toBe(303);
    expect(hasSession(own)).toBe(true);
  });
});

describe('the binding cookie on an https public URL', () => {
  it('is Secure, with the __Host- prefix', async () => {
    const t = await createTestApp('sqlite', { publicUrl: 'https://rollcall.example.com' });
    try {
      const owner = await signInAdmin(t, 'owner@example.com');
      await activateSso(t, owner, 'owner@example.com');
      const start = await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start` });
      expect(setCookies(start)[0]).toMatch(/^__Host-rollcall_sso_[0-9a-f]{12}=[\w-]+; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly; Secure$/);
    } finally {
      await t.close();
    }
  });
});
