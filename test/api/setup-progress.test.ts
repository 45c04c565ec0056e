// The setup wizard's place is kept per team on the server (issue 14): a
// reload after Finish stays finished, and a reload after creating a token
// opens the step the admin was on, with only the steps they did marked done.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';

describe.each(DIALECTS)('setup progress on %s', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await signInAdmin(t, `progress-${dialect}@example.com`, 'owner');
    url = `/api/admin/teams/${t.teamId}/setup-progress`;
  });
  afterAll(async () => t.close());

  it('starts at the first step with nothing done', async () => {
    const res = await owner.request('GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ step: 0, completed: [], finishedAt: null, updatedAt: null, updatedBy: null });
  });

  it('keeps the step and the steps done, in wizard order', async () => {
    const res = await owner.request('PUT', url, { step: 2, completed: ['start', 'sso'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ step: 2, completed: ['sso', 'start'], finishedAt: null, updatedBy: `progress-${dialect}@example.com` });
    expect((await owner.request('GET', url)).json()).toMatchObject({ step: 2, completed: ['sso', 'start'] });
  });

  it('stays finished once finished, until a step is reopened', async () => {
    const done = (await owner.request('PUT', url, { step: 6, completed: ['sso'], finished: true })).json();
    expect(done).toMatchObject({ step: 7, completed: ['sso', 'start', 'credentials', 'idp', 'test', 'limits', 'review'] });
    expect(done.finishedAt).toEqual(expect.any(String));
    expect((await owner.request('GET', url)).json()).toMatchObject({ step: 7, finishedAt: done.finishedAt });
    const reopened = (await owner.request('PUT', url, { step: 5, completed: ['sso', 'start'] })).json();
    expect(reopened).toMatchObject({ step: 5, finishedAt: null });
  });

  it('refuses a malformed body and changes nothing', async () => {
    const before = (await owner.request('GET', url)).json();
    for (const body of [[], { step: 9 }, { step: 1.5 }, { step: 1, completed: ['nope'] }, { step: 1, finished: 'yes' }, { step: 1, extra: true }]) {
      const res = await owner.request('PUT', url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'request.invalid', message: expect.any(String) });
    }
    expect((await owner.request('GET', url)).json()).toEqual(before);
  });

  it('is read by members and moved by admins only', async () => {
    const member = await signInAdmin(t, `progress-member-${dialect}@example.com`, 'member');
    expect((await member.request('GET', url)).statusCode).toBe(200);
    expect((await member.request('PUT', url, { step: 1 })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});

describe.each(DIALECTS)('the sign-in page finds a team by short name on %s', (dialect) => {
  it('answers the team and its SSO start URL without a session, and 404 for an unknown one', async () => {
    const t = await createTestApp(dialect);
    try {
      const team = await t.services.teams.create({ slug: 'globex', name: 'Globex' });
      for (const ref of ['globex', 'GLOBEX', team.id]) {
        const res = await t.app.inject({ method: 'GET', url: `/api/admin/sso-sign-in/${ref}` });
        expect(res.statusCode, ref).toBe(200);
        expect(res.json()).toEqual({ teamId: team.id, slug: 'globex', name: 'Globex', startUrl: `/sso/${team.id}/start?purpose=admin` });
      }
      const missing = await t.app.inject({ method: 'GET', url: '/api/admin/sso-sign-in/initech' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('not_found');
    } finally {
      await t.close();
    }
  });
});
