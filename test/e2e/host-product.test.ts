// Issue 11's "done when": a host product integrates Rollcall through HTTP
// only — no CLI, no service calls. Its backend holds an installation-wide key
// from configuration (ROLLCALL_HOST_API_KEYS) and uses @rollcall/client; its
// customer's IT admin follows a portal link, configures SSO against a real
// in-process SAML IdP and creates a SCIM token in the dashboard's API; the
// customer's IdP pushes its directory; the host reads members with their full
// profiles, authorizes spend and reads the events — on both databases.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRollcallClient, type RollcallClient } from '@rollcall/client';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import type { AdminClient } from '../helpers/admin-session.js';
import { dashboardClient, followPortalLink } from '../helpers/portal-session.js';
import { activateSso } from '../sso/helpers/activate-sso.js';
import { pushDirectory } from '../../src/simulate/push-directory.js';
import { makeDirectory } from '../../src/simulate/directory.js';
import { IDP_PROFILES } from '../../src/simulate/idp-profiles.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe.each(DIALECTS)('a host product integrates Rollcall over HTTP only (%s)', (dialect) => {
  const hostKey = 'rck_' + randomBytes(32).toString('base64url');
  const org = `org_${dialect}_42`;
  let t: TestApp;
  let baseUrl: string;
  let host: RollcallClient;
  let teamId: string;
  let admin: AdminClient;
  let scimToken: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { hostApiKeys: [hostKey] } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    baseUrl = `http://127.0.0.1:${address.port}`;
    host = createRollcallClient({ baseUrl, apiKey: hostKey });
  });
  afterAll(async () => t.close());

  it('1. creates the customer\'s team, idempotently, on its own organisation id', async () => {
    const created = await host.teams.create({ name: 'Acme Corp', externalId: org, plan: 'enterprise' });
    expect(created).toMatchObject({ name: 'Acme Corp', externalId: org, plan: 'enterprise' });
    teamId = created.id;
    expect((await host.teams.create({ name: 'Acme Corp', externalId: org, plan: 'enterprise' })).id).toBe(teamId);
    expect((await host.teams.get(`ext:${org}`)).id).toBe(teamId);
  });

  it('2. hands the customer\'s IT admin a portal link that signs them into the team\'s dashboard', async () => {
    const link = await host.portalLinks.create(`ext:${org}`, { intent: 'sso', role: 'admin', email: 'it-admin@acme.example' });
    const session = await followPortalLink(t, link.url);
    admin = dashboardClient(t, session);
    const me = await admin.request('GET', '/api/admin/me');
    expect(me.statusCode).toBe(200);
    expect(JSON.stringify(me.json())).toContain(teamId);
  });

  it('3. the admin configures SSO (a real SAML IdP) and creates a SCIM token', async () => {
    await activateSso({ ...t, teamId }, admin, 'it-admin@acme.example');
    const sso = await admin.request('GET', `/api/admin/teams/${teamId}/sso`);
    expect(sso.json()).toMatchObject({ status: 'active' });
    const token = await admin.request('POST', `/api/admin/teams/${teamId}/scim-tokens`, { label: 'Okta' });
    expect(token.statusCode).toBe(201);
    scimToken = token.json().secret;
    expect(token.json().scimBaseUrl).toContain(teamId);
  });

  it('4. the customer\'s IdP pushes its directory over SCIM', async () => {
    const pushed = await pushDirectory({ baseUrl: `${baseUrl}/scim/v2/${teamId}`, token: scimToken, idp: IDP_PROFILES.okta, directory: makeDirectory({ users: 12, groups: 3, domain: 'acme.example' }) });
    expect(pushed.users.created).toBe(12);
    const rich = await fetch(`${baseUrl}/scim/v2/${teamId}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${scimToken}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: [USER_SCHEMA, ENTERPRISE],
        userName: 'grace@acme.example',
        name: { givenName: 'Grace', familyName: 'Hopper' },
        title: 'Rear Admiral',
        emails: [{ value: 'grace@acme.example', type: 'work', primary: true }],
        [ENTERPRISE]: { department: 'Engineering', employeeNumber: '1906', costCenter: 'CC-7' },
      }),
    });
    expect(rich.status).toBe(201);
  });

  it('5. reads members with the profile the IdP sent, through the client', async () => {
    const everyone = [];
    for await (const member of host.members.all(`ext:${org}`)) everyone.push(member);
    expect(everyone).toHaveLength(13);
    const grace = await host.members.get(`ext:${org}`, 'grace@acme.example', 'userName');
    expect(grace).toMatchObject({ title: 'Rear Admiral', department: 'Engineering', employeeNumber: '1906', costCenter: 'CC-7', name: { givenName: 'Grace', familyName: 'Hopper' } });
    const engineering = await host.members.list(`ext:${org}`, { department: 'engineering' });
    expect(engineering.items.map((m) => m.userName)).toContain('grace@acme.example');
  });

  it('6. authorizes spend for a provisioned member', async () => {
    expect((await admin.request('PUT', `/api/admin/teams/${teamId}/spend/default`, { amount: 10_000 })).statusCode).toBe(200);
    const yes = await host.spend.authorize(`ext:${org}`, { member: { email: 'grace@acme.example' }, amount: 2_500, currency: 'USD' });
    expect(yes).toMatchObject({ allowed: true, remaining: 10_000 });
    const no = await host.spend.authorize(`ext:${org}`, { member: { email: 'grace@acme.example' }, amount: 20_000, currency: 'USD' });
    expect(no).toMatchObject({ allowed: false, reason: 'limit_exceeded' });
  });

  it('7. reads what happened from the events feed, resuming where it stopped', async () => {
    const feed = host.events.feed(`ext:${org}`, { limit: 5 });
    const types: string[] = [];
    for await (const event of feed) types.push(event.type);
    expect(types.filter((type) => type === 'user.created')).toHaveLength(13);
    expect(types).toContain('group.created');
    expect(types).toContain('sso.activated');
    const resumed = [];
    for await (const event of host.events.feed(`ext:${org}`, { after: feed.cursor })) resumed.push(event);
    expect(resumed).toEqual([]);
    const installation = await host.request('get', '/api/v1/events', { query: {} });
    expect(installation.events.some((e) => e.type === 'team.created' && e.resourceId === teamId)).toBe(true);
  });
});
