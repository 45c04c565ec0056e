// The gate between SSO and SCIM (PRODUCT.md rule 1): no SCIM token until the
// team's SSO is active (admin API and service; the CLI is in test/cli.test.ts);
// SCIM refused with a SCIM error, changing nothing, once SSO is disabled or
// when the team is not on the Enterprise plan; tokens issued with the
// override to a team that never had SSO keep working.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { activateSso } from './helpers/activate-sso.js';
import { createSamlIdp } from './helpers/saml-idp.js';
import { configure, postAcs, spMetadata, ssoUrl, startTest } from './helpers/sso-flow.js';

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe.each(DIALECTS)('the SSO gate on SCIM (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await signInAdmin(t, 'owner@example.com');
  });
  afterAll(async () => t.close());

  const scimAs = (teamId: string, secret: string, method: 'GET' | 'POST' = 'GET', body?: unknown) =>
    t.app.inject({
      method,
      url: `/scim/v2/${teamId}/Users`,
      headers: { authorization: `Bearer ${secret}`, ...(body ? { 'content-type': 'application/scim+json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });

  it('refuses to issue a SCIM token until SSO is active, saying why, then issues one', async () => {
    const refused = await owner.request('POST', `/api/admin/teams/${t.teamId}/scim-tokens`, { label: 'Okta' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({ code: 'scim.sso_required', message: expect.stringMatching(/^Set up and test SSO first: .*no SSO connection is configured/) });
    await expect(t.services.tokens.create(t.teamId)).rejects.toMatchObject({ code: 'scim.sso_required' });

    await configure(owner, t, { kind: 'saml', metadataXml: createSamlIdp().metadata() });
    const draft = await owner.request('POST', `/api/admin/teams/${t.teamId}/scim-tokens`, {});
    expect(draft.json().error.message).toMatch(/the SSO connection is draft/);

    await activateSso(t, owner, 'owner@example.com');
    const issued = await owner.request('POST', `/api/admin/teams/${t.teamId}/scim-tokens`, { label: 'Okta' });
    expect(issued.statusCode).toBe(201);
    expect((await scimAs(t.teamId, issued.json().secret)).statusCode).toBe(200);
  });

  it('pauses SCIM once SSO is disabled: a SCIM 403 that says why, and nothing changes', async () => {
    const { secret } = (await owner.request('POST', `/api/admin/teams/${t.teamId}/scim-tokens`, {})).json();
    const before = (await scimAs(t.teamId, secret)).json().totalResults;
    expect((await owner.request('POST', ssoUrl(t, '/disable'))).statusCode).toBe(200);

    for (const res of [await scimAs(t.teamId, secret), await scimAs(t.teamId, secret, 'POST', { schemas: [USER_SCHEMA], userName: 'paused@example.com' })]) {
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/scim\+json/);
      expect(res.json()).toMatchObject({ schemas: [SCIM_ERROR], status: '403', detail: expect.stringMatching(/^SSO is not active for this team .*Nothing was changed\.$/) });
    }
    // The token created by createTestApp (override, before SSO existed) is paused too: the team has had active SSO.
    expect((await t.scim('GET', '/Users')).statusCode).toBe(403);

    // Enabled again it is back to draft: still paused until a new test succeeds.
    expect((await owner.request('POST', ssoUrl(t, '/enable'))).json().status).toBe('draft');
    expect((await scimAs(t.teamId, secret)).statusCode).toBe(403);
    const idp = createSamlIdp();
    await configure(owner, t, { kind: 'saml', metadataXml: idp.metadata() });
    await postAcs(t, await idp.respond(await spMetadata(t), await startTest(owner, t), { email: 'owner@example.com' }));
    const resumed = await scimAs(t.teamId, secret);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json().totalResults).toBe(before);
  });

  it('answers another team\'s token with 401 as before: a refusal tells nothing about another team', async () => {
    await owner.request('POST', ssoUrl(t, '/disable'));
    const other = await t.services.teams.create({ slug: `gate-other-${dialect}` });
    const { secret } = await t.services.tokens.create(other.id, { allowWithoutSso: true });
    expect((await scimAs(t.teamId, secret)).statusCode).toBe(401);
    expect((await scimAs(other.id, secret)).statusCode).toBe(200);
  });

  it('keeps override tokens working for a team that never had active SSO, even with a draft connection', async () => {
    const fresh = await createTestApp(dialect);
    try {
      const admin = await signInAdmin(fresh, 'it@example.com');
      expect((await fresh.scim('GET', '/Users')).statusCode).toBe(200);
      await configure(admin, fresh, { kind: 'saml', metadataXml: createSamlIdp().metadata() });
      expect((await fresh.scim('GET', '/Users')).statusCode).toBe(200);
      await admin.request('POST', ssoUrl(fresh, '/disable'));
      expect((await fresh.scim('GET', '/Users')).statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('refuses SCIM, tokens and SSO to a team that is not on the Enterprise plan', async () => {
    const team = await t.services.teams.create({ slug: `gate-team-plan-${dialect}`, plan: 'team' });
    await expect(t.services.tokens.create(team.id, { allowWithoutSso: true })).rejects.toMatchObject({ code: 'plan.feature_unavailable' });
    const admin = await signInAdmin(t, 'it@teamplan.example', 'owner', team.id);
    for (const res of [await admin.request('GET', `/api/admin/teams/${team.id}/sso`), await admin.request('POST', `/api/admin/teams/${team.id}/scim-tokens`, {})]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toEqual({ code: 'plan.feature_unavailable', message: 'SSO and SCIM are Enterprise features; this team is on the team plan' });
    }

    // A team moved off Enterprise keeps its tokens, but SCIM answers "not on your plan".
    const downgraded = await createTestApp(dialect);
    try {
      await sql`update teams set plan = 'free' where id = ${downgraded.teamId}`.execute(downgraded.storage.db);
      const res = await downgraded.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'nope@example.com' });
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toMatch(/this team is on the free plan: SCIM is not on your plan, and nothing was changed/);
      await sql`update teams set plan = 'enterprise' where id = ${downgraded.teamId}`.execute(downgraded.storage.db);
      expect((await downgraded.scim('GET', '/Users')).json().totalResults).toBe(0);
    } finally {
      await downgraded.close();
    }
  });
});
