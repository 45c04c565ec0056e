// The SSO connection through the admin API: who may read and change it, what
// a malformed configuration gets, the connection's life (draft, active,
// failed, disabled; an edit of an active connection waits for its own test
// while the old one stays in force), presets, and the events each change
// writes in its transaction.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { activateSso } from './helpers/activate-sso.js';
import { createSamlIdp, IDP_CERT, OTHER_CERT, OTHER_KEY, SAML_IDP_ENTITY } from './helpers/saml-idp.js';
import { configure, postAcs, reasonOf, spMetadata, ssoUrl, startTest, state } from './helpers/sso-flow.js';

describe.each(DIALECTS)('SSO admin API (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let member: AdminClient;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await signInAdmin(t, 'owner@example.com');
    member = await signInAdmin(t, 'member@example.com', 'member');
  });
  afterAll(async () => t.close());

  it('shows a team without SSO as "none", with the values to paste into the IdP', async () => {
    const view = (await member.request('GET', ssoUrl(t))).json();
    expect(view).toMatchObject({ status: 'none', kind: null, config: null, lastTest: null, scim: { tokensAllowed: false } });
    const base = `http://127.0.0.1:8080/sso/${t.teamId}`;
    expect(view.sp).toEqual({ entityId: `${base}/saml/metadata`, acsUrl: `${base}/saml/acs`, metadataUrl: `${base}/saml/metadata`, redirectUri: `${base}/oidc/callback`, signInUrl: `${base}/start?purpose=admin` });
    expect((await owner.request('POST', ssoUrl(t, '/test'))).json().error.code).toBe('sso.not_configured');
    expect((await owner.request('POST', ssoUrl(t, '/disable'))).statusCode).toBe(404);
  });

  it('lets a member read but not configure, test, disable or enable', async () => {
    expect((await member.request('PUT', ssoUrl(t), { kind: 'saml', metadataXml: createSamlIdp().metadata() })).statusCode).toBe(403);
    for (const action of ['/test', '/disable', '/enable']) expect((await member.request('POST', ssoUrl(t, action))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: ssoUrl(t) })).statusCode).toBe(401);
  });

  it.each([
    ['no kind', {}, /"kind" must be "saml" or "oidc"/],
    ['an unknown kind', { kind: 'ldap' }, /"kind" must be/],
    ['an OIDC field on SAML', { kind: 'saml', issuer: 'https://x' }, /"issuer" is not a saml setting/],
    ['a number for a string', { kind: 'saml', metadataXml: 42 }, /"metadataXml" must be a string/],
    ['bad attributes', { kind: 'saml', metadataXml: '<x/>', attributes: ['email'] }, /"attributes" must be an object/],
    ['two sources at once', { kind: 'saml', metadataXml: '<x/>', ssoUrl: 'https://idp' }, /exactly one of/],
    ['metadata that is not XML', { kind: 'saml', metadataXml: 'hello' }, /not well-formed XML|no EntityDescriptor/],
    ['SP metadata instead of the IdP\'s', { kind: 'saml', metadataXml: '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><SPSSODescriptor/></EntityDescriptor>' }, /no IDPSSODescriptor/],
    ['half the manual fields', { kind: 'saml', idpEntityId: SAML_IDP_ENTITY }, /all three/],
    ['an http sign-on URL', { kind: 'saml', idpEntityId: SAML_IDP_ENTITY, ssoUrl: 'http://idp.example.test/sso', certificate: IDP_CERT }, /must be an https:\/\/ URL/],
    ['an unknown attribute field', { kind: 'saml', metadataXml: createSamlIdp().metadata(), attributes: { phone: 'tel' } }, /attributes.phone is not one of/],
    ['OIDC without client id', { kind: 'oidc', issuer: 'https://idp' }, /needs "issuer" and "clientId"/],
    ['an http issuer', { kind: 'oidc', issuer: 'http://idp.example.test', clientId: 'a', clientSecret: 'b' }, /must be an https:\/\/ URL/],
  ])('refuses a configuration with %s (400)', async (_what, body, message) => {
    const res = await owner.request('PUT', ssoUrl(t), body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(message);
  });

  it('goes draft → failed → active, keeps the old config active while an edit waits for its test, and disables/enables', async () => {
    const idp = createSamlIdp();
    expect((await configure(owner, t, { kind: 'saml', metadataXml: idp.metadata() })).json().status).toBe('draft');

    const bad = await idp.respond(await spMetadata(t), await startTest(owner, t), { email: 'owner@example.com' }, { signWith: { key: OTHER_KEY, cert: OTHER_CERT } });
    expect(reasonOf(await postAcs(t, bad))).toBe('saml.certificate_mismatch');
    expect((await state(owner, t)).status).toBe('failed');

    await activateSso(t, owner, 'owner@example.com', idp);
    const active = await state(owner, t);
    expect(active).toMatchObject({ status: 'active', pendingConfig: null, scim: { tokensAllowed: true } });

    // An edit (a different certificate): the active configuration stays in force.
    const edited = await configure(owner, t, { kind: 'saml', idpEntityId: SAML_IDP_ENTITY, ssoUrl: 'https://idp.example.test/saml/sso', certificate: OTHER_CERT });
    expect(edited.json()).toMatchObject({ status: 'active', config: { certificates: [{ subject: 'CN=Rollcall test idp' }] }, pendingConfig: { certificates: [{ subject: 'CN=Rollcall test other-idp' }] } });
    // Its test fails (the IdP still signs with the old key): still active, the failure recorded.
    const failing = await idp.respond(await spMetadata(t), await startTest(owner, t), { email: 'owner@example.com' });
    expect(reasonOf(await postAcs(t, failing))).toBe('saml.certificate_mismatch');
    expect(await state(owner, t)).toMatchObject({ status: 'active', lastTest: { result: 'failed' }, pendingConfig: { certificates: [{ subject: 'CN=Rollcall test other-idp' }] } });
    // Admins still sign in with the configuration in force.
    const start = await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start` });
    expect(start.statusCode).toBe(302);
    // The edit's test passes once the IdP signs with the new key: the edit replaces the old configuration.
    const passing = await idp.respond(await spMetadata(t), await startTest(owner, t), { email: 'owner@example.com' }, { signWith: { key: OTHER_KEY, cert: OTHER_CERT } });
    expect((await postAcs(t, passing)).headers.location).toContain('result=ok');
    expect(await state(owner, t)).toMatchObject({ status: 'active', pendingConfig: null, config: { certificates: [{ subject: 'CN=Rollcall test other-idp' }] } });
    // Saving the same configuration again leaves nothing pending.
    const same = await configure(owner, t, { kind: 'saml', idpEntityId: SAML_IDP_ENTITY, ssoUrl: 'https://idp.example.test/saml/sso', certificate: OTHER_CERT });
    expect(same.json()).toMatchObject({ status: 'active', pendingConfig: null });

    const disabled = (await owner.request('POST', ssoUrl(t, '/disable'))).json();
    expect(disabled).toMatchObject({ status: 'disabled', disabledAt: expect.any(String), scim: { tokensAllowed: false } });
    expect((await owner.request('POST', ssoUrl(t, '/disable'))).statusCode).toBe(409);
    expect((await owner.request('POST', ssoUrl(t, '/test'))).json().error).toMatchObject({ code: 'sso.invalid_state', message: expect.stringMatching(/enable it/) });
    expect((await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/start` })).statusCode).toBe(409);
    expect((await owner.request('POST', ssoUrl(t, '/enable'))).json()).toMatchObject({ status: 'draft', disabledAt: null });
    expect((await owner.request('POST', ssoUrl(t, '/enable'))).statusCode).toBe(409);
  });

  it('gives Okta, Entra ID and Google Workspace presets with this team\'s values in the steps', async () => {
    const { presets } = (await member.request('GET', ssoUrl(t, '/presets'))).json();
    expect(presets.map((p: { id: string }) => p.id)).toEqual(['okta', 'entra', 'google']);
    const acs = `http://127.0.0.1:8080/sso/${t.teamId}/saml/acs`;
    for (const preset of presets) {
      expect(preset.saml.steps.join('\n'), preset.id).toContain(acs);
      expect(preset.oidc.steps.join('\n'), preset.id).toContain(`http://127.0.0.1:8080/sso/${t.teamId}/oidc/callback`);
      expect(preset.saml.fields.attributes.email, preset.id).toEqual(expect.any(String));
    }
    expect(presets[2].oidc.fields.issuer).toBe('https://accounts.google.com');
  });

  it('writes sso.* events with the payload keys docs/events.md shows', async () => {
    const page = readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');
    const examples = new Map([...page.matchAll(/^### `(sso\.[\w.]+)`\n[\s\S]*?```json\n([\s\S]*?)```/gm)].map((m) => [m[1], JSON.parse(m[2])]));
    const events = await t.services.store.events.listAfter(t.services.store.db, t.teamId, 0, 1000);
    const keys = (value: unknown, prefix = ''): string[] =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value).flatMap(([k, v]) => [prefix + k, ...keys(v, `${prefix + k}.`)]) : [];
    for (const type of ['sso.configured', 'sso.activated', 'sso.test_failed', 'sso.disabled', 'sso.enabled']) {
      const written = events.filter((e) => e.type === type);
      expect(written.length, `no ${type} was written`).toBeGreaterThan(0);
      expect(examples.has(type), `docs/events.md has no ${type}`).toBe(true);
      expect(keys(examples.get(type)).sort(), type).toEqual([...new Set(written.flatMap((e) => keys(e)))].sort());
      expect(written[0]).toMatchObject({ resourceType: 'SsoConnection', data: { version: 1 } });
    }
  });
});
