// Team admins: one-time link → session cookie, CSRF on writes, roles,
// revocation, and SCIM tokens managed through the admin API.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { activateSso } from '../sso/helpers/activate-sso.js';

describe.each(DIALECTS)('admin sessions and team tokens (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await signInAdmin(t, 'owner@example.com');
  });
  afterAll(async () => t.close());

  it('sets an HttpOnly, SameSite session cookie and a readable CSRF cookie', async () => {
    const account = await t.services.adminAccess.grant(t.teamId, 'cookies@example.com', 'admin');
    const { secret } = await t.services.adminAccess.createSignInLink(account.id);
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/sessions', payload: { link: secret } });
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('rollcall_session='))).toMatch(/HttpOnly/);
    expect(cookies.find((c) => c.startsWith('rollcall_session='))).toMatch(/SameSite=Lax/);
    expect(cookies.find((c) => c.startsWith('rollcall_csrf='))).not.toMatch(/HttpOnly/);
  });

  it('uses a sign-in link once; a second use or a forged link gets 401', async () => {
    const account = await t.services.adminAccess.grant(t.teamId, 'once@example.com', 'admin');
    const { secret } = await t.services.adminAccess.createSignInLink(account.id);
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/sessions', payload: { link: secret } })).statusCode).toBe(201);
    const again = await t.app.inject({ method: 'POST', url: '/api/admin/sessions', payload: { link: secret } });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('admin.link_invalid');
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/sessions', payload: { link: `${secret.slice(0, -2)}xx` } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/sessions', payload: {} })).statusCode).toBe(400);
  });

  it('answers /me with the account, its teams and roles', async () => {
    const me = (await owner.request('GET', '/api/admin/me')).json();
    expect(me.account.email).toBe('owner@example.com');
    expect(me.teams).toEqual([expect.objectContaining({ teamId: t.teamId, role: 'owner', plan: 'enterprise' })]);
  });

  it('refuses a write without the CSRF token, and any request without a session', async () => {
    const noCsrf = await t.app.inject({ method: 'POST', url: `/api/admin/teams/${t.teamId}/scim-tokens`, headers: { cookie: owner.cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/me' })).statusCode).toBe(401);
  });

  it('creates a SCIM token that works at once, lists it without the secret, revokes it', async () => {
    // The SSO gate: the admin API issues SCIM tokens only once the team's SSO is active.
    await activateSso(t, owner, 'owner@example.com');
    const created = await owner.request('POST', `/api/admin/teams/${t.teamId}/scim-tokens`, { label: 'Okta' });
    expect(created.statusCode).toBe(201);
    const { secret, token, scimBaseUrl } = created.json();
    expect(scimBaseUrl).toBe(`http://127.0.0.1:8080/scim/v2/${t.teamId}`);
    expect((await t.app.inject({ method: 'GET', url: `/scim/v2/${t.teamId}/Users`, headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(200);
    const listed = await owner.request('GET', `/api/admin/teams/${t.teamId}/scim-tokens`);
    expect(listed.body).not.toContain(secret);
    expect(listed.json().tokens).toEqual(expect.arrayContaining([expect.objectContaining({ id: token.id, label: 'Okta', status: 'active' })]));
    expect((await owner.request('DELETE', `/api/admin/teams/${t.teamId}/scim-tokens/${token.id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/scim/v2/${t.teamId}/Users`, headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);
  });

  it('lets a member read but not manage tokens, and hides other teams', async () => {
    const member = await signInAdmin(t, 'member@example.com', 'member');
    expect((await member.request('GET', `/api/admin/teams/${t.teamId}`)).statusCode).toBe(200);
    expect((await member.request('POST', `/api/admin/teams/${t.teamId}/scim-tokens`, {})).statusCode).toBe(403);
    const other = await t.services.teams.create({ slug: `other-${dialect}` });
    expect((await owner.request('GET', `/api/admin/teams/${other.id}`)).statusCode).toBe(404);
  });

  it('revokes a session at once, and sign-out ends the current one', async () => {
    const second = await signInAdmin(t, 'owner@example.com');
    const sessions = (await owner.request('GET', '/api/admin/sessions')).json().sessions;
    const secondId = (await second.request('GET', '/api/admin/me')).json().session.id;
    expect(sessions.map((s: { id: string }) => s.id)).toContain(secondId);
    expect((await owner.request('DELETE', `/api/admin/sessions/${secondId}`)).statusCode).toBe(204);
    expect((await second.request('GET', '/api/admin/me')).statusCode).toBe(401);
    const third = await signInAdmin(t, 'owner@example.com');
    expect((await third.request('POST', '/api/admin/sign-out')).statusCode).toBe(204);
    expect((await third.request('GET', '/api/admin/me')).statusCode).toBe(401);
  });
});
