// The HTTP edge: nosniff on every answer, tokens refused in SCIM URLs and
// redacted wherever a URL is recorded, refused-request noise sampled in the
// activity log, per-token and per-API-key rate limits (429 + Retry-After),
// the in-flight bound (503 + Retry-After, health exempt).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type ScimResponse, type TestApp } from '../helpers/test-app.js';
import type { EdgeLimits } from '../../src/http/load-shedding.js';

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

const EDGE: EdgeLimits = {
  scimRate: { perMinute: 60, burst: 3 },
  apiRate: { perMinute: 60, burst: 2 },
  maxInFlight: 3,
  maxConnections: 0,
  headersTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
};

describe.each(DIALECTS)('the HTTP edge on %s', (dialect) => {
  let t: TestApp;
  let held: (() => void)[] = [];
  const activity = async (teamId = t.teamId) => {
    await t.services.realtime.activity.flush();
    return (await t.services.realtime.activity.list(teamId, { limit: 200 })).items;
  };
  const metric = async (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec((await t.app.inject('/metrics')).body)?.[1] ?? NaN);

  beforeAll(async () => {
    t = await createTestApp(dialect, { edge: EDGE, services: { realtime: { activity: { flushIntervalMs: 10 } } } });
    // A route that stays in flight until the test lets it go: the in-flight bound, without timing.
    t.app.get('/test/held', () => new Promise<string>((resolve) => held.push(() => resolve('released'))));
  });
  afterAll(async () => t.close());

  it('sends X-Content-Type-Options: nosniff on SCIM, API, health and error answers', async () => {
    const answers = {
      scim: await t.scim('GET', '/ServiceProviderConfig'),
      scimRefused: await t.app.inject({ method: 'GET', url: `/scim/v2/${t.teamId}/Users` }),
      hostApi: await t.app.inject({ method: 'GET', url: `/api/v1/teams/${t.teamId}/events` }),
      adminApi: await t.app.inject({ method: 'GET', url: '/api/admin/teams' }),
      health: await t.app.inject('/healthz'),
    };
    for (const [name, res] of Object.entries(answers)) expect(res.headers['x-content-type-options'], name).toBe('nosniff');
  });

  it('refuses a token in the SCIM URL with 401 and a SCIM body, even next to a good header, and never records it', async () => {
    const leaked = 'rcs_leaked-in-the-url-0123456789';
    for (const url of [`/Users?access_token=${leaked}`, `/Users?count=1&ACCESS_TOKEN=${leaked}`, `/Users?access%5Ftoken=${leaked}`, `/Users?access_token=${t.token}`]) {
      const res = await t.scim('GET', url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401', detail: expect.stringMatching(/Authorization header/) });
    }
    const recorded = JSON.stringify(await activity());
    expect(recorded).toContain('access_token=[redacted]');
    expect(recorded).not.toContain(leaked);
    expect(recorded).not.toContain(t.token.slice(4));
  });

  it('writes one activity row per minute for requests without credentials to a team, and counts the rest', async () => {
    const quiet = await t.services.teams.create({ slug: `quiet-${dialect}` });
    const before = await metric('rollcall_activity_suppressed_total');
    for (let i = 0; i < 20; i++) {
      const res = await t.app.inject({ method: 'GET', url: `/scim/v2/${quiet.id}/Groups?i=${i}` });
      expect(res.statusCode).toBe(401);
    }
    // A different token presented is a different cause: it keeps its own row.
    await t.app.inject({ method: 'GET', url: `/scim/v2/${quiet.id}/Groups`, headers: { authorization: 'Bearer rcs_another-made-up-token-long-enough-to-look-real' } });
    const refused = (await activity(quiet.id)).filter((e) => e.status === 401);
    expect(refused.map((e) => e.authFailure).sort()).toEqual(['missing', 'unknown']);
    expect(await metric('rollcall_activity_suppressed_total')).toBe(before + 19);
  });

  describe('rate limits', () => {
    it('answers a SCIM token over its limit 429 with an integer Retry-After and a SCIM body; other tokens go on', async () => {
      const other = await t.services.teams.create({ slug: `other-${dialect}` });
      const otherToken = (await t.services.tokens.create(other.id, { allowWithoutSso: true })).secret;
      const token = (await t.services.tokens.create(t.teamId, { allowWithoutSso: true })).secret;
      const call = (teamId = t.teamId) => t.app.inject({ method: 'GET', url: `/scim/v2/${teamId}/Users?count=1`, headers: { authorization: `Bearer ${token}` } });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push(await call());
      expect(statuses.map((r) => r.statusCode)).toEqual([200, 200, 200, 429, 429]);
      const throttled = statuses[3];
      expect(throttled.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(throttled.headers['content-type']).toMatch(/application\/scim\+json/);
      expect((throttled as ScimResponse).json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '429', detail: expect.any(String) });
      // Another team's token has its own bucket.
      const res = await t.app.inject({ method: 'GET', url: `/scim/v2/${other.id}/Users`, headers: { authorization: `Bearer ${otherToken}` } });
      expect(res.statusCode).toBe(200);
      // The throttled token on another team's URL is refused as any wrong token is, not throttled.
      expect((await call(other.id)).statusCode).toBe(401);
      expect(await metric('rollcall_scim_rate_limited_total')).toBeGreaterThanOrEqual(2);
      // The activity log keeps one 429 row per minute, not one per refused request.
      expect((await activity()).filter((e) => e.status === 429)).toHaveLength(1);
    });

    it('answers an API key over its limit 429 with Retry-After and the API error body', async () => {
      const key = (await t.services.apiKeys.create({ label: 'host' })).secret;
      const call = () => t.app.inject({ method: 'GET', url: `/api/v1/teams/${t.teamId}/events`, headers: { authorization: `Bearer ${key}` } });
      const answers = [await call(), await call(), await call()];
      expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 429]);
      expect(answers[2].headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(answers[2].json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
      const fresh = (await t.services.apiKeys.create({ label: 'other host' })).secret;
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/teams/${t.teamId}/events`, headers: { authorization: `Bearer ${fresh}` } })).statusCode).toBe(200);
    });
  });

  it('answers 503 with Retry-After once the in-flight bound is reached, keeps health and metrics answering, and recovers', async () => {
    const pending = [1, 2, 3].map(() => t.app.inject('/test/held'));
    while (held.length < 3) await new Promise((r) => setImmediate(r));
    expect(await metric('rollcall_http_in_flight')).toBe(3);

    const fresh = (await t.services.tokens.create(t.teamId, { allowWithoutSso: true })).secret;
    const scim = await t.app.inject({ method: 'GET', url: `/scim/v2/${t.teamId}/Users`, headers: { authorization: `Bearer ${fresh}` } });
    expect(scim.statusCode).toBe(503);
    expect(scim.headers['retry-after']).toBe('1');
    expect(scim.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503' });
    const api = await t.app.inject('/api/admin/teams');
    expect(api.statusCode).toBe(503);
    expect(api.json()).toEqual({ error: { code: 'overloaded', message: expect.any(String) } });
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
    expect((await t.app.inject('/readyz')).statusCode).toBe(200);
    expect(await metric('rollcall_http_shed_total')).toBe(2);

    for (const release of held) release();
    held = [];
    expect((await Promise.all(pending)).map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(await metric('rollcall_http_in_flight')).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: `/scim/v2/${t.teamId}/Users`, headers: { authorization: `Bearer ${fresh}` } })).statusCode).toBe(200);
    // Shed requests proved nothing about their team: they are not in its activity log.
    expect((await activity()).filter((e) => e.status === 503)).toEqual([]);
  });
});
