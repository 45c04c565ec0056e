// The team lifecycle over the host API (/api/v1/teams): idempotent create on
// externalId, keyset pages and filters, update and the plan gate, the three
// ways to name a team in a path, team-bound keys refused, and what a
// deletion does (SCIM 401 at once, keys revoked, invisible everywhere, slug
// and externalId free again, purge after the retention window), with the
// installation-wide events each change writes. Both dialects.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { createTestApp, DIALECTS, type ScimResponse, type TestApp } from '../helpers/test-app.js';
import type { Clock } from '../../src/domain/ports.js';
import { signInAdmin } from '../helpers/admin-session.js';

describe.each(DIALECTS)('team lifecycle over /api/v1/teams (%s)', (dialect) => {
  let t: TestApp;
  let key: string;
  let now = new Date('2026-03-01T10:00:00.000Z').getTime();
  const clock: Clock = { now: () => new Date(now) };
  const DAY = 86_400_000;

  const api = async (method: InjectOptions['method'], url: string, body?: unknown, secret = key) =>
    (await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${secret}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    })) as ScimResponse;
  const installationEvents = async () => (await api('GET', '/events?limit=1000')).json().events as { type: string; data: Record<string, unknown> }[];
  const teamCount = async () => (await t.services.teams.list()).length;

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { clock, teams: { deletedRetentionMs: 7 * DAY } } });
    key = (await t.services.apiKeys.create({ label: 'host' })).secret;
  });
  afterAll(async () => t.close());

  it('creates a team, answers a repeat with the same externalId as 200 with the same team, and refuses a conflicting repeat with 409', async () => {
    const created = await api('POST', '/teams', { name: 'Acme Inc', externalId: 'org_acme', plan: 'enterprise' });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team).toMatchObject({ name: 'Acme Inc', slug: 'acme-inc', plan: 'enterprise', externalId: 'org_acme', counts: { users: 0, groups: 0 } });
    expect(team.scimBaseUrl).toMatch(new RegExp(`/scim/v2/${team.id}$`));

    const again = await api('POST', '/teams', { name: 'Acme Inc', externalId: 'org_acme' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(team.id);
    const before = await teamCount();
    const conflict = await api('POST', '/teams', { name: 'Acme Corporation', externalId: 'org_acme' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('team.external_id_conflict');
    expect(await teamCount()).toBe(before);

    const created1 = (await installationEvents()).filter((e) => e.type === 'team.created' && (e.data.team as { id: string }).id === team.id);
    expect(created1).toHaveLength(1);
  });

  it('two creates with one externalId at once make one team: one 201, one 200', async () => {
    const before = await teamCount();
    const answers = await Promise.all([1, 2, 3].map(() => api('POST', '/teams', { name: 'Racer', externalId: 'org_race' })));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
    expect(await teamCount()).toBe(before + 1);
  });

  it('refuses bad input with the API error body and creates nothing', async () => {
    const before = await teamCount();
    const cases: [unknown, string][] = [
      [{ name: 'X', plan: 'gold' }, 'team.invalid_plan'],
      [{ slug: '123e4567-e89b-12d3-a456-426614174000' }, 'team.invalid_slug'],
      [{ slug: 'Not A Slug!' }, 'team.invalid_slug'],
      [{ name: 'X', colour: 'teal' }, 'team.invalid_request'],
      [{ name: 5 }, 'team.invalid_request'],
      [{ name: 'X', externalId: '' }, 'team.invalid_external_id'],
      [[1, 2], 'team.invalid_request'],
    ];
    for (const [body, code] of cases) {
      const res = await api('POST', '/teams', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
    }
    const taken = await api('POST', '/teams', { slug: 'acme-inc' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('team.slug_taken');
    expect(await teamCount()).toBe(before);
  });

  it('lists in keyset pages with an opaque cursor, and filters by externalId and slug', async () => {
    for (let i = 0; i < 5; i++) {
      now += 1000;
      expect((await api('POST', '/teams', { slug: `page-${i}`, externalId: `org_page_${i}` })).statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: ScimResponse = await api('GET', `/teams?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.teams.length).toBeLessThanOrEqual(2);
      seen.push(...body.teams.map((x: { slug: string }) => x.slug));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toEqual(expect.arrayContaining(['acme-inc', 'page-0', 'page-1', 'page-2', 'page-3', 'page-4']));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await teamCount());
    expect(seen.indexOf('page-0')).toBeLessThan(seen.indexOf('page-4'));

    expect((await api('GET', '/teams?externalId=org_page_3')).json().teams.map((x: { slug: string }) => x.slug)).toEqual(['page-3']);
    expect((await api('GET', '/teams?slug=page-1')).json().teams.map((x: { externalId: string }) => x.externalId)).toEqual(['org_page_1']);
    expect((await api('GET', '/teams?slug=nobody')).json()).toEqual({ teams: [], nextCursor: null });
    for (const query of ['limit=0', 'limit=201', 'limit=x', 'cursor=not-a-cursor']) {
      const res = await api('GET', `/teams?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(['team.invalid_request', 'team.invalid_cursor']).toContain(res.json().error.code);
    }
  });

  it('names a team in a path by id, slug or ext:<externalId>, on the team, members, spend and events routes', async () => {
    const team = (await api('POST', '/teams', { slug: 'refs', externalId: 'org/refs 1' })).json();
    const ext = `ext:${encodeURIComponent('org/refs 1')}`;
    for (const ref of [team.id, 'refs', 'REFS', ext]) {
      const res = await api('GET', `/teams/${ref}`);
      expect(res.statusCode, ref).toBe(200);
      expect(res.json().id, ref).toBe(team.id);
      expect((await api('GET', `/teams/${ref}/members?count=1`)).statusCode, ref).toBe(200);
      expect((await api('GET', `/teams/${ref}/events?limit=1`)).statusCode, ref).toBe(200);
      const spend = await api('POST', `/teams/${ref}/spend/authorize`, { member: { id: 'nobody' }, currency: 'USD', amount: 1 });
      expect(spend.json().error?.code ?? 'ok', ref).not.toBe('team.not_found');
    }
    expect((await api('GET', `/events?teamId=${ext}`)).statusCode).toBe(200);
    for (const ref of ['ext:org_nobody', 'nobody', '123e4567-e89b-12d3-a456-426614174000']) {
      const res = await api('GET', `/teams/${ref}/members`);
      expect(res.statusCode, ref).toBe(404);
      expect(res.json().error.code).toBe('team.not_found');
    }
    // A key bound to another team does not reach this one by any name.
    const other = (await t.services.apiKeys.create({ teamId: t.teamId })).secret;
    for (const ref of [team.id, 'refs', ext]) expect((await api('GET', `/teams/${ref}`, undefined, other)).statusCode, ref).toBe(404);
    expect((await api('GET', `/teams/${t.teamId}`, undefined, other)).statusCode).toBe(200);
  });

  it('a team-bound key gets 403 on creating, listing, changing and deleting teams, and changes nothing', async () => {
    const bound = (await t.services.apiKeys.create({ teamId: t.teamId })).secret;
    const before = await teamCount();
    for (const [method, url, body] of [
      ['POST', '/teams', { slug: 'sneaky' }],
      ['GET', '/teams', undefined],
      ['PATCH', `/teams/${t.teamId}`, { plan: 'free' }],
      ['DELETE', `/teams/${t.teamId}`, undefined],
    ] as const) {
      const res = await api(method, url, body, bound);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    expect(await teamCount()).toBe(before);
    expect((await t.services.teams.find(t.teamId)).plan).toBe('enterprise');
  });

  it('updates name, slug and externalId; a plan change gates SSO and SCIM at once and writes team.updated and plan.changed', async () => {
    const scimOk = async () => (await t.scim('GET', '/Users?count=1')).statusCode;
    expect(await scimOk()).toBe(200);
    const renamed = await api('PATCH', `/teams/${t.teamId}`, { name: 'Renamed', slug: 'renamed', externalId: 'org_renamed' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: t.teamId, name: 'Renamed', slug: 'renamed', externalId: 'org_renamed', plan: 'enterprise' });
    expect((await api('GET', '/teams/ext:org_renamed')).json().id).toBe(t.teamId);

    const owner = await signInAdmin(t, `owner-${dialect}@example.com`);
    expect((await owner.request('GET', `/api/admin/teams/${t.teamId}/sso`)).statusCode).toBe(200);
    expect((await api('PATCH', '/teams/renamed', { plan: 'team' })).json().plan).toBe('team');
    const refused = await t.scim('GET', '/Users?count=1');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/Enterprise/);
    const ssoRefused = await owner.request('GET', `/api/admin/teams/${t.teamId}/sso`);
    expect(ssoRefused.statusCode).toBe(403);
    expect(ssoRefused.json().error.code).toBe('plan.feature_unavailable');
    const events = await installationEvents();
    const planChanged = events.filter((e) => e.type === 'plan.changed');
    expect(planChanged.at(-1)?.data).toMatchObject({ from: 'enterprise', to: 'team', team: { id: t.teamId } });
    expect(events.filter((e) => e.type === 'team.updated').at(-1)?.data).toMatchObject({ changes: { plan: { from: 'enterprise', to: 'team' } } });
    expect(events.filter((e) => e.type === 'team.updated').at(-2)?.data).toMatchObject({
      changes: { name: { to: 'Renamed' }, slug: { to: 'renamed' }, externalId: { from: null, to: 'org_renamed' } },
    });

    expect((await api('PATCH', '/teams/renamed', { plan: 'enterprise' })).statusCode).toBe(200);
    expect(await scimOk()).toBe(200);
    expect((await owner.request('GET', `/api/admin/teams/${t.teamId}/sso`)).statusCode).toBe(200);

    // No change: no event. Bad input: 400, nothing changed.
    const count = (await installationEvents()).length;
    expect((await api('PATCH', '/teams/renamed', { name: 'Renamed' })).statusCode).toBe(200);
    for (const [body, status, code] of [
      [{}, 400, 'team.invalid_request'],
      [{ plan: 'gold' }, 400, 'team.invalid_plan'],
      [{ slug: 'acme-inc' }, 409, 'team.slug_taken'],
      [{ externalId: 'org_acme' }, 409, 'team.external_id_taken'],
      [{ name: 'X', id: 'y' }, 400, 'team.invalid_request'],
    ] as const) {
      const res = await api('PATCH', '/teams/renamed', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect((await installationEvents()).length).toBe(count);
    expect(await t.services.teams.find(t.teamId)).toMatchObject({ name: 'Renamed', slug: 'renamed', plan: 'enterprise', externalId: 'org_renamed' });
    // Clearing the externalId frees it.
    expect((await api('PATCH', '/teams/renamed', { externalId: null })).json().externalId).toBeNull();
    expect((await api('GET', '/teams/ext:org_renamed')).statusCode).toBe(404);
  });

  it('deletes a team: SCIM 401 at once, its keys revoked, invisible on every API, slug and externalId free, data purged after the retention window', async () => {
    const team = (await api('POST', '/teams', { slug: 'doomed', externalId: 'org_doomed' })).json();
    const { secret: scimToken } = await t.services.tokens.create(team.id, { allowWithoutSso: true });
    const scim = (path: string) => t.app.inject({ method: 'GET', url: `/scim/v2/${team.id}${path}`, headers: { authorization: `Bearer ${scimToken}` } });
    const user = (
      await t.app.inject({
        method: 'POST',
        url: `/scim/v2/${team.id}/Users`,
        headers: { authorization: `Bearer ${scimToken}`, 'content-type': 'application/scim+json' },
        payload: JSON.stringify({ userName: 'gone@example.com' }),
      })
    ).json();
    expect((await scim('/Users')).statusCode).toBe(200);
    // A SCIM OAuth client (migration 0015) and an access token it was issued.
    const { client, clientSecret } = await t.services.scimOAuth.create(team.id, { allowWithoutSso: true });
    const oauthToken = () =>
      t.app.inject({
        method: 'POST',
        url: `/scim/v2/${team.id}/oauth/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret }).toString(),
      });
    const issued = await oauthToken();
    expect(issued.statusCode, issued.body).toBe(200);
    const accessToken = issued.json().access_token as string;
    const viaOAuth = () => t.app.inject({ method: 'GET', url: `/scim/v2/${team.id}/Users`, headers: { authorization: `Bearer ${accessToken}` } });
    expect((await viaOAuth()).statusCode).toBe(200);
    const bound = (await t.services.apiKeys.create({ teamId: team.id })).secret;
    expect((await api('GET', `/teams/${team.id}`, undefined, bound)).statusCode).toBe(200);

    const deleted = await api('DELETE', '/teams/ext:org_doomed');
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual({ id: team.id, deletedAt: new Date(now).toISOString(), purgeAfter: new Date(now + 7 * DAY).toISOString() });

    expect((await scim('/Users')).statusCode).toBe(401);
    // Its OAuth clients are revoked with it: the access token stops, no new one is issued.
    expect((await viaOAuth()).statusCode).toBe(401);
    expect((await oauthToken()).statusCode).toBe(401);
    expect((await api('GET', `/teams/${team.id}`, undefined, bound)).statusCode).toBe(401);
    for (const ref of [team.id, 'doomed', 'ext:org_doomed']) {
      expect((await api('GET', `/teams/${ref}`)).statusCode, ref).toBe(404);
      expect((await api('DELETE', `/teams/${ref}`)).statusCode, ref).toBe(404);
    }
    expect((await api('GET', '/teams?slug=doomed')).json().teams).toEqual([]);
    expect((await api('GET', `/events?teamId=${team.id}`)).statusCode).toBe(404);
    const event = (await installationEvents()).find((e) => e.type === 'team.deleted');
    expect(event?.data).toMatchObject({ team: { id: team.id, slug: 'doomed', externalId: 'org_doomed' }, revoked: { scimTokens: 1, apiKeys: 1 } });

    // The slug and the externalId are free at once.
    const reborn = await api('POST', '/teams', { slug: 'doomed', externalId: 'org_doomed' });
    expect(reborn.statusCode).toBe(201);
    expect(reborn.json().id).not.toBe(team.id);

    // Data stays (unreachable) until the retention window has passed, then the purge removes it.
    const db = t.storage.db;
    const rows = async () => ({
      teams: (await db.selectFrom('teams').select('id').where('id', '=', team.id).execute()).length,
      users: (await db.selectFrom('users').select('id').where('team_id', '=', team.id).execute()).length,
      events: (await db.selectFrom('events').select('id').where('team_id', '=', team.id).execute()).length,
    });
    expect(await rows()).toEqual({ teams: 1, users: 1, events: expect.any(Number) });
    expect((await rows()).events).toBeGreaterThan(0);
    // The activity log writes in batches: let the team's requests land before the purge.
    await t.services.realtime.activity.flush();
    expect(await t.services.teamLifecycle.purgeDeleted(new Date(now - 7 * DAY))).toEqual([]);
    now += 8 * DAY;
    expect(await t.services.teamLifecycle.purgeDeleted(new Date(now - 7 * DAY))).toEqual([team.id]);
    expect(await rows()).toEqual({ teams: 0, users: 0, events: 0 });
    // No table keeps a row of the purged team.
    for (const table of await t.storage.db.introspection.getTables()) {
      if (!table.columns.some((c) => c.name === 'team_id')) continue;
      const left = await (db as unknown as Kysely<Record<string, { team_id: string }>>).selectFrom(table.name).select('team_id').where('team_id', '=', team.id).execute();
      expect(left.length, table.name).toBe(0);
    }
    expect(user.id).toBeDefined();
  });
});
