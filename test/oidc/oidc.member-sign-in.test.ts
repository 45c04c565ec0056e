// Members sign in to the host product through Rollcall (OIDC Core §3.1
// code flow, RFC 7636 PKCE), end to end with real parts: oidc-provider as
// the team's upstream IdP, Rollcall's OpenID Provider on a real port, and
// openid-client 6 as the host product. Deprovisioning over SCIM (RFC 7644
// §3.5.2 PATCH active=false, §3.6 DELETE) locks the member out at once:
// refresh, userinfo and the next sign-in all fail.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, patchBody, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin } from '../helpers/admin-session.js';
import { startOidcIdp, type OidcIdp } from '../sso/helpers/oidc-idp.js';
import { configure, getCallback, startTest } from '../sso/helpers/sso-flow.js';
import { createBrowser, createHostRp, listenFirst, pageReason, HOST_REDIRECT, type HostRp } from './helpers/host-rp.js';

const UPSTREAM_SECRET = 'rollcall-upstream-secret-0123456789';

describe.each(DIALECTS)('member sign-in through Rollcall\'s OpenID Provider (%s)', (dialect) => {
  let t: TestApp;
  let idp: OidcIdp;
  let rp: HostRp;
  let issuer: string;
  let server: Awaited<ReturnType<typeof listenFirst>>;
  const ids: Record<string, string> = {};

  const provision = async (userName: string, extra: Record<string, unknown> = {}) => {
    const res = await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName, emails: [{ value: userName, primary: true }], ...extra });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const browser = () => createBrowser(idp.issuer, idp.browse);

  /** One whole sign-in from the host's authorization request; tokens when the host got a code. */
  async function signIn(account: string, params: Record<string, string> = { team: t.teamId }, b = browser(), change?: (u: string) => string) {
    const start = await rp.start(params);
    const end = await b.follow(start.url, account, change);
    const tokens = end.location?.startsWith(HOST_REDIRECT) && new URL(end.location).searchParams.has('code') ? await start.finish(end.location) : undefined;
    return { end, tokens, browser: b };
  }

  beforeAll(async () => {
    server = await listenFirst();
    t = await createTestApp(dialect, { publicUrl: server.publicUrl, services: { sso: { allowInsecureHttp: true } } });
    await server.serve(t);
    issuer = `${server.publicUrl}/oidc`;
    idp = await startOidcIdp([{ client_id: 'rollcall', client_secret: UPSTREAM_SECRET, redirect_uris: [`${server.publicUrl}/sso/${t.teamId}/oidc/callback`] }], {
      owner: { email: 'owner@example.com', email_verified: true, name: 'Olivia Owner' },
      alice: { email: 'Alice@Example.com', email_verified: true, name: 'Alice at the IdP' },
      bob: { email: 'bob@example.com', email_verified: true },
      carol: { email: 'carol@example.com', email_verified: true },
      stranger: { email: 'stranger@example.com', email_verified: true },
    });
    const owner = await signInAdmin(t, 'owner@example.com');
    expect((await configure(owner, t, { kind: 'oidc', issuer: idp.issuer, clientId: 'rollcall', clientSecret: UPSTREAM_SECRET })).statusCode).toBe(200);
    expect((await getCallback(t, await idp.browse(await startTest(owner, t), 'owner'))).headers.location).toContain('result=ok');

    ids.alice = await provision('alice@example.com', { displayName: 'Alice Liddell', name: { givenName: 'Alice', familyName: 'Liddell' } });
    ids.bob = await provision('bob@example.com');
    ids.carol = await provision('carol@example.com');
    const group = await t.scim('POST', '/Groups', { displayName: 'Engineering', members: [{ value: ids.alice }] });
    ids.engineering = group.json().id;
    const { client, secret } = await t.services.oidcClients.create({ name: 'Host app', redirectUris: [HOST_REDIRECT] });
    rp = await createHostRp(issuer, client.clientId, secret);
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
    await server.close();
  });

  it('gives a provisioned member\'s ID token sub, email, name and groups from the directory (OIDC Core §2, §5.1)', async () => {
    const { end, tokens } = await signIn('alice');
    expect(end.wentUpstream).toBe(true);
    expect(tokens).toBeDefined();
    const claims = tokens!.claims()!;
    expect(claims).toMatchObject({
      iss: issuer,
      sub: ids.alice,
      team_id: t.teamId,
      email: 'alice@example.com',
      email_verified: true,
      name: 'Alice Liddell',
      given_name: 'Alice',
      family_name: 'Liddell',
      preferred_username: 'alice@example.com',
      groups: ['Engineering'],
      group_ids: [ids.engineering],
    });
    expect(tokens!.refresh_token).toBeTruthy();
    const refreshed = await rp.refresh(tokens!.refresh_token!);
    expect(refreshed.claims()?.sub).toBe(ids.alice);
    expect(await rp.userinfo(refreshed.access_token, ids.alice)).toMatchObject({ sub: ids.alice, groups: ['Engineering'] });
  });

  it('reuses the member\'s Rollcall session for the next sign-in, without a trip to the IdP', async () => {
    const first = await signIn('bob');
    const again = await signIn('bob', { team: t.teamId }, first.browser);
    expect(again.end.wentUpstream).toBe(false);
    expect(again.tokens?.claims()?.sub).toBe(ids.bob);
  });

  it('locks a member out at once when the IdP deactivates them: refresh, userinfo, session and the next sign-in fail', async () => {
    const before = await signIn('carol');
    const tokens = before.tokens!;
    expect(tokens.claims()?.sub).toBe(ids.carol);
    const stored = () => t.storage.db.selectFrom('oidc_payloads').select(['model']).where('account_id', '=', ids.carol).execute();
    expect((await stored()).map((r) => r.model)).toEqual(expect.arrayContaining(['Session', 'Grant', 'RefreshToken', 'AccessToken']));
    expect((await t.scim('PATCH', `/Users/${ids.carol}`, patchBody({ op: 'replace', path: 'active', value: false }))).statusCode).toBe(200);
    // Revoked in the suspending transaction, not merely refused later.
    expect(await stored()).toEqual([]);

    await expect(rp.refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(rp.userinfo(tokens.access_token, ids.carol)).rejects.toThrow();
    // The same browser, with its Rollcall session: sent to the IdP again, then refused.
    const next = await signIn('carol', { team: t.teamId }, before.browser);
    expect(next.end.wentUpstream).toBe(true);
    expect(next.tokens).toBeUndefined();
    expect(next.end.status).toBe(403);
    expect(pageReason(next.end.body)).toBe('member.suspended');

    // Reactivated by the IdP: a fresh sign-in works again; old tokens stay dead.
    await t.scim('PATCH', `/Users/${ids.carol}`, patchBody({ op: 'replace', path: 'active', value: true }));
    expect((await signIn('carol')).tokens?.claims()?.sub).toBe(ids.carol);
    await expect(rp.refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('locks a deleted member out: the refresh token stops working and the next sign-in is refused', async () => {
    const before = await signIn('bob');
    expect(before.tokens?.claims()?.sub).toBe(ids.bob);
    expect((await t.scim('DELETE', `/Users/${ids.bob}`)).statusCode).toBe(204);
    await expect(rp.refresh(before.tokens!.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const next = await signIn('bob', { team: t.teamId }, before.browser);
    expect(next.end.status).toBe(403);
    expect(pageReason(next.end.body)).toBe('member.not_provisioned');
  });

  it('refuses someone the IdP knows but the team never provisioned', async () => {
    const { end, tokens } = await signIn('stranger');
    expect(tokens).toBeUndefined();
    expect(end.status).toBe(403);
    expect(pageReason(end.body)).toBe('member.not_provisioned');
    expect(end.body).toContain('not a member of this team');
  });

  it('refuses an upstream ID token issued for another sign-in (nonce), and issues no code', async () => {
    const tamper = (url: string) => {
      const u = new URL(url);
      u.searchParams.set('nonce', 'a-nonce-from-another-sign-in-attempt-0000000');
      return u.toString();
    };
    const { end, tokens } = await signIn('alice', { team: t.teamId }, browser(), tamper);
    expect(tokens).toBeUndefined();
    expect(end.status).toBe(400);
    expect(pageReason(end.body)).toBe('oidc.nonce_mismatch');
  });

  it('sends the host an invalid_request error without a team, or for a team with no such id or slug (RFC 6749 §4.1.2.1)', async () => {
    for (const [params, why] of [[{}, /"team" parameter is required/], [{ team: 'no-such-team' }, /no team "no-such-team"/]] as const) {
      const { end, tokens } = await signIn('alice', params);
      expect(end.wentUpstream).toBe(false);
      expect(tokens).toBeUndefined();
      const back = new URL(end.location!).searchParams;
      expect(back.get('error')).toBe('invalid_request');
      expect(back.get('error_description')).toMatch(why);
    }
  });

  it('accepts the team\'s slug as well as its id', async () => {
    const team = await t.services.teams.find(t.teamId);
    expect((await signIn('alice', { team: team.slug })).tokens?.claims()?.sub).toBe(ids.alice);
  });

  it('keeps a client bound to one team to that team\'s members', async () => {
    const other = await t.services.teams.create({ slug: `other-${t.teamId.slice(0, 6)}` });
    const bound = await t.services.oidcClients.create({ name: 'Other team app', redirectUris: [HOST_REDIRECT], team: other.id });
    const otherRp = await createHostRp(issuer, bound.client.clientId, bound.secret);
    const start = await otherRp.start({ team: t.teamId });
    const end = await browser().follow(start.url, 'alice');
    expect(new URL(end.location!).searchParams.get('error_description')).toMatch(/only sign in members of its own team/);
  });

  it('stops a revoked client\'s refresh tokens at once', async () => {
    const { client, secret } = await t.services.oidcClients.create({ name: 'Short-lived', redirectUris: [HOST_REDIRECT] });
    const short = await createHostRp(issuer, client.clientId, secret);
    const start = await short.start({ team: t.teamId });
    const end = await browser().follow(start.url, 'alice');
    const tokens = await start.finish(end.location!);
    await t.services.oidcClients.revoke(client.clientId);
    await expect(short.refresh(tokens.refresh_token!)).rejects.toMatchObject({ status: 401, cause: [expect.objectContaining({ parameters: expect.objectContaining({ error: 'invalid_client' }) })] });
  });

  it('requires PKCE with S256 (RFC 7636 §4.4.1)', async () => {
    const start = await rp.start({ team: t.teamId });
    const url = new URL(start.url);
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const end = await browser().follow(url.toString(), 'alice');
    expect(end.location).toContain('error=invalid_request');
    expect(new URL(end.location!).searchParams.get('error_description')).toMatch(/PKCE/);
  });
});
