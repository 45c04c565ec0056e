// SCIM tokens, admin sessions and API keys are separate credentials: each
// works only where it belongs. Users and groups are read-only outside SCIM.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';

describe('credentials and read-only directory', () => {
  let t: TestApp;
  let admin: AdminClient;
  let apiKey: string;
  let userId: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    admin = await signInAdmin(t, 'owner@example.com');
    apiKey = (await t.services.apiKeys.create({ label: 'host' })).secret;
    userId = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'bjensen', externalId: 'okta-1', emails: [{ value: 'bjensen@example.com', primary: true }] })).json().id;
  });
  afterAll(async () => t.close());

  const v1 = (url: string, auth?: string, method: 'GET' | 'PATCH' = 'GET') =>
    t.app.inject({ method, url: `/api/v1/teams/${t.teamId}${url}`, headers: auth ? { authorization: auth } : {} });

  it('refuses a SCIM token, an admin session cookie or nothing on /api/v1', async () => {
    expect((await v1('/members', `Bearer ${t.token}`)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/teams/${t.teamId}/members`, headers: { cookie: admin.cookie } })).statusCode).toBe(401);
    expect((await v1('/members')).statusCode).toBe(401);
    expect((await v1('/members', `Bearer ${apiKey}`)).statusCode).toBe(200);
  });

  it('refuses an API key or an admin session on SCIM', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/scim/v2/${t.teamId}/Users`, headers: { authorization: `Bearer ${apiKey}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/scim/v2/${t.teamId}/Users`, headers: { cookie: admin.cookie } })).statusCode).toBe(401);
  });

  it('refuses a SCIM token or an API key on the admin API', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/me', headers: { authorization: `Bearer ${t.token}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/me', headers: { authorization: `Bearer ${apiKey}` } })).statusCode).toBe(401);
  });

  it('looks a member up by id, userName, email and externalId', async () => {
    for (const [by, ref] of [['id', userId], ['userName', 'BJENSEN'], ['email', 'bjensen@example.com'], ['externalId', 'okta-1']]) {
      const res = await v1(`/members/${encodeURIComponent(ref)}?by=${by}`, `Bearer ${apiKey}`);
      expect(res.statusCode, by).toBe(200);
      expect(res.json()).toMatchObject({ id: userId, userName: 'bjensen', active: true, managedBy: 'idp' });
    }
    expect((await v1('/members/nobody?by=userName', `Bearer ${apiKey}`)).statusCode).toBe(404);
    expect((await v1('/members/x?by=phone', `Bearer ${apiKey}`)).statusCode).toBe(400);
  });

  it('keeps a team-bound key inside its team', async () => {
    const other = await t.services.teams.create({ slug: 'elsewhere' });
    const bound = (await t.services.apiKeys.create({ teamId: other.id })).secret;
    expect((await v1('/members', `Bearer ${bound}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/teams/${other.id}/members`, headers: { authorization: `Bearer ${bound}` } })).statusCode).toBe(200);
  });

  it('refuses edits of IdP-managed users and groups, pointing at the IdP, and changes nothing', async () => {
    const viaHost = await v1(`/members/${userId}`, `Bearer ${apiKey}`, 'PATCH');
    expect(viaHost.statusCode).toBe(403);
    expect(viaHost.json().error).toMatchObject({ code: 'directory.read_only' });
    expect(viaHost.json().error.message).toMatch(/identity provider/);
    const viaAdmin = await admin.request('DELETE', `/api/admin/teams/${t.teamId}/users/${userId}`);
    expect(viaAdmin.statusCode).toBe(403);
    expect((await admin.request('PUT', `/api/admin/teams/${t.teamId}/groups/x`, {})).statusCode).toBe(403);
    expect((await t.scim('GET', `/Users/${userId}`)).statusCode).toBe(200);
  });

  it('shows users and groups to admins with search, status filter and member paging', async () => {
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'suspended', active: false });
    const group = (await t.scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Tour Guides', members: [{ value: userId }] })).json();
    const found = (await admin.request('GET', `/api/admin/teams/${t.teamId}/users?q=jens`)).json();
    expect(found.items.map((u: { userName: string }) => u.userName)).toEqual(['bjensen']);
    expect(found.items[0].groups).toEqual([{ id: group.id, displayName: 'Tour Guides' }]);
    const suspended = (await admin.request('GET', `/api/admin/teams/${t.teamId}/users?status=suspended`)).json();
    expect(suspended.items.map((u: { userName: string }) => u.userName)).toEqual(['suspended']);
    const groups = (await admin.request('GET', `/api/admin/teams/${t.teamId}/groups`)).json();
    expect(groups.items).toEqual([expect.objectContaining({ id: group.id, memberCount: 1 })]);
    const members = (await admin.request('GET', `/api/admin/teams/${t.teamId}/groups/${group.id}/members?count=10`)).json();
    expect(members).toMatchObject({ totalResults: 1, items: [{ id: userId, type: 'User', display: 'bjensen' }] });
  });
});
