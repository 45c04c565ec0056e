// The SSO test sign-in shows what the IdP returned (issue 14): the identity
// and its claims are kept on the connection, and an identity that is not an
// admin of the team is flagged — it still activates SSO (the IdP answered
// correctly), but the connection and the sso.activated event say so.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { startOidcIdp, type OidcIdp } from './helpers/oidc-idp.js';
import { configure, getCallback, ssoUrl, startTest, state } from './helpers/sso-flow.js';

const SECRET = 'rollcall-test-client-secret-identity-0123';

describe.each(DIALECTS)('SSO test sign-in identity (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let idp: OidcIdp;
  const test = async (account: string) => getCallback(t, await idp.browse(await startTest(owner, t), account));

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { sso: { allowInsecureHttp: true } } });
    owner = await signInAdmin(t, 'owner@example.com');
    idp = await startOidcIdp([{ client_id: 'rollcall', client_secret: SECRET, redirect_uris: [`http://127.0.0.1:8080/sso/${t.teamId}/oidc/callback`] }], {
      owner: { email: 'Owner@Example.com', email_verified: true, name: 'Olivia Owner', groups: ['IT', 'Admins'] },
      stranger: { email: 'stranger@elsewhere.test', email_verified: true, name: 'Sam Stranger' },
      'no-email': { name: 'Nobody' },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });
  beforeEach(async () => {
    if ((await state(owner, t)).status === 'active') await owner.request('POST', ssoUrl(t, '/disable'));
    if ((await state(owner, t)).status === 'disabled') await owner.request('POST', ssoUrl(t, '/enable'));
    expect((await configure(owner, t, { kind: 'oidc', issuer: idp.issuer, clientId: 'rollcall', clientSecret: SECRET })).statusCode).toBe(200);
  });

  it("shows the team admin's identity and the claims the IdP returned", async () => {
    expect((await test('owner')).headers.location).toMatch(/result=ok/);
    const { status, lastTest } = await state(owner, t);
    expect(status).toBe('active');
    expect(lastTest.identity).toMatchObject({ subject: 'owner', email: 'Owner@Example.com', emailVerified: true, name: 'Olivia Owner', teamRole: 'owner' });
    const claims = Object.fromEntries((lastTest.identity.attributes as { name: string; value: string }[]).map((a) => [a.name, a.value]));
    expect(claims).toMatchObject({ sub: 'owner', email: 'Owner@Example.com', name: 'Olivia Owner' });
    // Token bookkeeping is not shown as a fact about the person.
    expect(claims).not.toHaveProperty('nonce');
    expect(claims).not.toHaveProperty('aud');
  });

  it('has no SAML NameID for an OIDC identity', async () => {
    await test('owner');
    expect((await state(owner, t)).lastTest.identity).toMatchObject({ nameId: null, nameIdFormat: null });
  });

  it("flags a test completed with someone else's account, which still activates SSO", async () => {
    expect((await test('stranger')).headers.location).toMatch(/result=ok/);
    const { status, lastTest } = await state(owner, t);
    expect(status).toBe('active');
    expect(lastTest.identity).toMatchObject({ email: 'stranger@elsewhere.test', teamRole: null });
    const { events } = await t.services.realtime.feed.page(t.teamId, { limit: 1000 });
    const activated = events.filter((e) => e.type === 'sso.activated').at(-1);
    expect(activated?.data).toMatchObject({ identity: 'stranger@elsewhere.test', identityIsTeamAdmin: false });
  });

  it('shows what the IdP sent when the test is refused for a missing email', async () => {
    expect((await test('no-email')).headers.location).toMatch(/reason=identity.email_missing/);
    const { lastTest } = await state(owner, t);
    expect(lastTest).toMatchObject({ result: 'failed', identity: { subject: 'no-email', email: null, name: 'Nobody', teamRole: null } });
  });

  it('forgets the identity when a later test fails before the IdP named anyone', async () => {
    const back = new URL(await idp.browse(await startTest(owner, t), 'owner'));
    back.searchParams.set('code', 'not-a-code-the-idp-issued');
    await getCallback(t, back.toString());
    const { lastTest } = await state(owner, t);
    expect(lastTest).toMatchObject({ result: 'failed', identity: null });
  });
});
