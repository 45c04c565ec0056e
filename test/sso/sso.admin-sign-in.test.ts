// Team admins signing in through the team's active SSO connection (issue 4:
// "later admins through the team's SSO once it is active"): a session like a
// sign-in link gives, for an email that has a role in the team; a page that
// says why for anyone else; nothing before the connection is active.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { activateSso } from './helpers/activate-sso.js';
import { createSamlIdp, type SamlIdp } from './helpers/saml-idp.js';
import { startOidcIdp, type OidcIdp } from './helpers/oidc-idp.js';
import { bindingCookie, configure, cookiesFrom, getCallback, postAcs, reasonOf, spMetadata, ssoUrl, startTest, state } from './helpers/sso-flow.js';

const cookiesOf = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []);

describe.each(DIALECTS)('admin sign-in through SAML SSO (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let idp: SamlIdp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await signInAdmin(t, 'owner@example.com');
    await t.services.adminAccess.grant(t.teamId, 'Second.Admin@Example.com', 'admin');
  });
  afterAll(async () => t.close());

  async function signInThroughIdp(email: string, query = '') {
    const start = await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start${query}` });
    if (start.statusCode !== 302) return { start, res: start };
    return { start, res: await postAcs(t, await idp.respond(await spMetadata(t), String(start.headers.location), { email, name: 'Someone' }), t.teamId, cookiesFrom(start)) };
  }

  it('is not available before the connection is active', async () => {
    const none = await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start` });
    expect(none.statusCode).toBe(404);
    expect(none.body).toContain('no SSO connection');
    idp = createSamlIdp();
    await configure(owner, t, { kind: 'saml', metadataXml: idp.metadata() });
    const draft = await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start` });
    expect(draft.statusCode).toBe(409);
    expect(reasonOf(draft)).toBe('sso.not_active');
  });

  it('opens a session for an email with a role in the team (matched without case), and goes to the dashboard', async () => {
    await activateSso(t, owner, 'owner@example.com', idp);
    const { start, res } = await signInThroughIdp('second.admin@example.COM');
    expect(String(start.headers.location)).toMatch(/^https:\/\/idp\.example\.test\/saml\/sso\?SAMLRequest=/);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('http://127.0.0.1:8080/');
    const cookies = cookiesOf(res);
    expect(cookies.find((c) => c.startsWith('rollcall_session='))).toMatch(/HttpOnly/);
    const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    const me = (await t.app.inject({ method: 'GET', url: '/api/admin/me', headers: { cookie } })).json();
    expect(me).toMatchObject({ account: { email: 'Second.Admin@Example.com' }, session: { method: 'sso' }, teams: [expect.objectContaining({ teamId: t.teamId, role: 'admin' })] });
  });

  it('returns to a path on this server, never to another site', async () => {
    expect((await signInThroughIdp('owner@example.com', '?returnTo=%2Fsettings%3Ftab%3Dsso')).res.headers.location).toBe('http://127.0.0.1:8080/settings?tab=sso');
    expect((await signInThroughIdp('owner@example.com', '?returnTo=%2F%2Fevil.example%2F')).res.headers.location).toBe('http://127.0.0.1:8080/');
    expect((await signInThroughIdp('owner@example.com', '?returnTo=https%3A%2F%2Fevil.example%2F')).res.headers.location).toBe('http://127.0.0.1:8080/');
  });

  it('refuses, with a page and no session, an email that has no role in this team', async () => {
    const other = await t.services.teams.create({ slug: `signin-other-${dialect}` });
    await t.services.adminAccess.grant(other.id, 'elsewhere@example.com', 'owner');
    for (const email of ['stranger@example.com', 'elsewhere@example.com']) {
      const { res } = await signInThroughIdp(email);
      expect(res.statusCode).toBe(403);
      expect(reasonOf(res)).toBe('sign_in.not_a_team_admin');
      expect(res.body).toContain('has no role in this team');
      expect(cookiesOf(res)).toEqual([]);
    }
  });

  it('refuses a replayed response with a page and a way to try again; the connection stays active', async () => {
    const start = await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start` });
    const form = await idp.respond(await spMetadata(t), String(start.headers.location), { email: 'owner@example.com' });
    expect((await postAcs(t, form, t.teamId, cookiesFrom(start))).statusCode).toBe(303);
    const again = await postAcs(t, form, t.teamId, cookiesFrom(start));
    expect(again.statusCode).toBe(400);
    expect(reasonOf(again)).toBe('saml.replayed');
    expect(again.body).toContain(`/sso/${t.teamId}/start?purpose=admin`);
    expect(again.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await state(owner, t)).status).toBe('active');
  });

  it('hands a member sign-in its identity and interaction (the core Rollcall\'s OIDC provider builds on)', async () => {
    const { redirectUrl, binding } = await t.services.ssoSignIn.beginSignIn(t.teamId, { purpose: 'member', interactionId: 'interaction-42', returnTo: '/after' });
    const form = await idp.respond(await spMetadata(t), redirectUrl, { email: 'member@example.com', name: 'Mia Member', groups: 'Engineering' });
    const outcome = await t.services.ssoSignIn.completeSignIn(t.teamId, { kind: 'saml', samlResponse: form.SAMLResponse }, [binding]);
    expect(outcome).toMatchObject({
      ok: true,
      purpose: 'member',
      interactionId: 'interaction-42',
      returnTo: '/after',
      identity: { subject: 'member@example.com', email: 'member@example.com', name: 'Mia Member', groups: ['Engineering'], attributes: expect.objectContaining({ email: 'member@example.com' }) },
    });
    // Over HTTP the OpenID Provider's handler takes it (test/oidc/); an interaction it never started is refused.
    const again = await t.services.ssoSignIn.beginSignIn(t.teamId, { purpose: 'member', interactionId: 'interaction-43' });
    const res = await postAcs(t, await idp.respond(await spMetadata(t), again.redirectUrl, { email: 'member@example.com' }), t.teamId, bindingCookie(again.binding));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('oidc.interaction_unknown');
  });

  it('answers an unknown purpose or team with a page', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start?purpose=test` })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/sso/no-such-team/start' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/sso/no-such-team/saml/metadata' })).statusCode).toBe(404);
  });
});

describe.each(DIALECTS)('admin sign-in through OIDC SSO (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let idp: OidcIdp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { sso: { allowInsecureHttp: true } } });
    owner = await signInAdmin(t, 'owner@example.com');
    idp = await startOidcIdp([{ client_id: 'rollcall', client_secret: 'oidc-admin-secret-0123456789', redirect_uris: [`http://127.0.0.1:8080/sso/${t.teamId}/oidc/callback`] }], {
      owner: { email: 'owner@example.com', email_verified: true, name: 'Olivia Owner' },
    });
    await configure(owner, t, { kind: 'oidc', issuer: idp.issuer, clientId: 'rollcall', clientSecret: 'oidc-admin-secret-0123456789' });
    await getCallback(t, await idp.browse(await startTest(owner, t), 'owner'));
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('opens a session from the OIDC callback', async () => {
    expect((await state(owner, t)).status).toBe('active');
    const start = await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start` });
    const res = await getCallback(t, await idp.browse(String(start.headers.location), 'owner'), cookiesFrom(start));
    expect(res.statusCode).toBe(303);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const cookie = cookiesOf(res).map((c) => c.split(';')[0]).join('; ');
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/me', headers: { cookie } })).json().session.method).toBe('sso');
    expect((await owner.request('GET', ssoUrl(t))).json().status).toBe('active');
  });
});
