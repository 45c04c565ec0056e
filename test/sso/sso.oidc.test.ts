// OpenID Connect authorization code flow with PKCE (OIDC Core §3.1, RFC
// 7636) against a real provider (oidc-provider on 127.0.0.1): the admin's
// test sign-in activates the connection; a wrong nonce or state, a reused
// callback, an IdP error, a missing or unverified email and a wrong client
// secret are refused with the reason an admin can act on.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { startOidcIdp, type OidcIdp } from './helpers/oidc-idp.js';
import { configure, getCallback, reasonOf, ssoUrl, startTest, state } from './helpers/sso-flow.js';

const SECRET = 'rollcall-test-client-secret-0123456789';

describe.each(DIALECTS)('OIDC connection (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let idp: OidcIdp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { sso: { allowInsecureHttp: true } } });
    owner = await signInAdmin(t, 'owner@example.com');
    idp = await startOidcIdp([{ client_id: 'rollcall', client_secret: SECRET, redirect_uris: [`http://127.0.0.1:8080/sso/${t.teamId}/oidc/callback`] }], {
      owner: { email: 'owner@example.com', email_verified: true, name: 'Olivia Owner', groups: ['IT'] },
      'no-email': { name: 'Nobody' },
      unverified: { email: 'owner@example.com', email_verified: false },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  beforeEach(async () => {
    const current = await state(owner, t);
    if (current.status === 'active') await owner.request('POST', ssoUrl(t, '/disable'));
    if ((await state(owner, t)).status === 'disabled') await owner.request('POST', ssoUrl(t, '/enable'));
    expect((await configure(owner, t, { kind: 'oidc', issuer: idp.issuer, clientId: 'rollcall', clientSecret: SECRET })).statusCode).toBe(200);
  });

  it('activates through discovery, PKCE (S256), state and nonce, and records who and when', async () => {
    const authorize = new URL(await startTest(owner, t));
    expect(authorize.origin).toBe(idp.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ response_type: 'code', client_id: 'rollcall', code_challenge_method: 'S256', scope: 'openid email profile' });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(p)).toMatch(/^[\w-]{43,}$/);
    const res = await getCallback(t, await idp.browse(authorize.toString(), 'owner'));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('http://127.0.0.1:8080/#/sso?result=ok');
    expect(await state(owner, t)).toMatchObject({ status: 'active', kind: 'oidc', activatedBy: 'owner@example.com', config: { issuer: idp.issuer, clientId: 'rollcall', clientSecretSet: true } });
  });

  it('never shows the client secret', async () => {
    expect((await owner.request('GET', ssoUrl(t))).body).not.toContain(SECRET);
  });

  it('refuses an ID token whose nonce is not this sign-in\'s', async () => {
    const authorize = new URL(await startTest(owner, t));
    authorize.searchParams.set('nonce', 'a-nonce-from-another-sign-in-attempt-0000000');
    const res = await getCallback(t, await idp.browse(authorize.toString(), 'owner'));
    expect(reasonOf(res)).toBe('oidc.nonce_mismatch');
    expect(await state(owner, t)).toMatchObject({ status: 'failed', lastTest: { result: 'failed', reason: { code: 'oidc.nonce_mismatch' } } });
  });

  it('refuses a callback whose state was never issued, and changes nothing', async () => {
    const back = new URL(await idp.browse(await startTest(owner, t), 'owner'));
    back.searchParams.set('state', 'forged-state-value');
    const res = await getCallback(t, back.toString());
    expect(res.statusCode).toBe(400);
    expect(reasonOf(res)).toBe('oidc.state_unknown');
    expect((await state(owner, t)).status).toBe('draft');
  });

  it('refuses a callback used twice: the state is single-use', async () => {
    const back = await idp.browse(await startTest(owner, t), 'owner');
    expect((await getCallback(t, back)).headers.location).toContain('result=ok');
    const again = await getCallback(t, back);
    expect(reasonOf(again)).toBe('oidc.state_reused');
    expect((await state(owner, t)).status).toBe('active');
  });

  it('reports the IdP\'s error code when the user cancels at the IdP', async () => {
    const res = await getCallback(t, await idp.browse(await startTest(owner, t), 'owner', { abort: true }));
    expect(reasonOf(res)).toBe('idp.error');
    expect((await state(owner, t)).lastTest).toMatchObject({ reason: { code: 'idp.error' }, detail: expect.stringContaining('access_denied') });
  });

  it('refuses a sign-in without an email, or with an unverified one', async () => {
    expect(reasonOf(await getCallback(t, await idp.browse(await startTest(owner, t), 'no-email')))).toBe('identity.email_missing');
    expect(reasonOf(await getCallback(t, await idp.browse(await startTest(owner, t), 'unverified')))).toBe('identity.email_unverified');
  });

  it('refuses when the IdP will not exchange the code: wrong client secret', async () => {
    await configure(owner, t, { kind: 'oidc', issuer: idp.issuer, clientId: 'rollcall', clientSecret: 'not-the-secret' });
    const res = await getCallback(t, await idp.browse(await startTest(owner, t), 'owner'));
    expect(reasonOf(res)).toBe('oidc.token_exchange_failed');
    expect((await state(owner, t)).lastTest.detail).toMatch(/invalid_client/);
  });

  it('refuses when the PKCE verifier does not match the challenge (RFC 7636 §4.6)', async () => {
    const authorize = await startTest(owner, t);
    await sql`update sso_requests set code_verifier = ${'x'.repeat(60)} where team_id = ${t.teamId} and consumed_at is null`.execute(t.storage.db);
    const res = await getCallback(t, await idp.browse(authorize, 'owner'));
    expect(reasonOf(res)).toBe('oidc.token_exchange_failed');
    expect((await state(owner, t)).lastTest.detail).toMatch(/invalid_grant/);
  });

  it('keeps the stored secret when the client does not change, and requires one when it does', async () => {
    expect((await configure(owner, t, { kind: 'oidc', issuer: idp.issuer, clientId: 'rollcall' })).statusCode).toBe(200);
    const res = await getCallback(t, await idp.browse(await startTest(owner, t), 'owner'));
    expect(res.headers.location).toContain('result=ok');
    const other = await configure(owner, t, { kind: 'oidc', issuer: idp.issuer, clientId: 'another-client' });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toMatch(/clientSecret is required/);
  });

  it('says why when the issuer has no discovery document', async () => {
    const res = await configure(owner, t, { kind: 'oidc', issuer: 'http://127.0.0.1:9/nothing-here', clientId: 'x', clientSecret: 'y' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'sso.discovery_failed', message: expect.stringContaining('/.well-known/openid-configuration') });
  });
});
