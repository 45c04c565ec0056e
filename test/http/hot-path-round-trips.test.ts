// The read hot path in database statements (issue 12): with the credential
// remembered (a SCIM token or an API key used within the last second),
// GET /Users/{id} and a `userName eq` lookup are one statement each, the
// user and its groups together, and a spend authorization is two. Every
// statement the services send is counted through a kysely plugin on the
// database handle they were given. Revoking the credential on this
// instance answers 401 at once, cache or not.

import { randomBytes } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createServices, type Services } from '../../src/services.js';
import { DIALECTS, openTestStorage, TEST_LIMITS, USER_SCHEMA } from '../helpers/test-app.js';

/** Counts statements the services run (transformResult sees every executed query, raw or built). */
function statementCounter() {
  let count = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      count++;
      return args.result;
    },
  };
  return { plugin, count: () => count, reset: () => void (count = 0) };
}

describe.each(DIALECTS)('hot-path round trips (%s)', (dialect) => {
  const counter = statementCounter();
  // The clock stands still: a remembered credential stays remembered, so the count is exact.
  const clock = { now: () => new Date('2026-11-10T12:00:00.000Z') };
  let app: FastifyInstance;
  let services: Services;
  let close: () => Promise<void>;
  let teamId: string;
  let token: string;
  let tokenId: string;
  let apiKey: string;
  let apiKeyId: string;
  let userId: string;
  let groupId: string;

  beforeAll(async () => {
    const { storage, drop } = await openTestStorage(dialect);
    // The activity log writes on its own timer: keep it out of the counted window.
    services = createServices({ ...storage, db: storage.db.withPlugin(counter.plugin) }, { clock, realtime: { activity: { flushIntervalMs: 3_600_000 } } });
    app = await buildApp({ services, storage, publicUrl: 'http://127.0.0.1:8080', limits: TEST_LIMITS, logLevel: 'silent' });
    close = async () => {
      await app.close();
      await storage.close();
      await drop();
    };
    teamId = (await services.teams.create({ slug: `hot-${randomBytes(3).toString('hex')}` })).id;
    ({ secret: token, token: { id: tokenId } } = await services.tokens.create(teamId, { allowWithoutSso: true }));
    ({ secret: apiKey, key: { id: apiKeyId } } = await services.apiKeys.create({ teamId, label: 'host' }));
    userId = (await services.users.create(teamId, { schemas: [USER_SCHEMA], userName: 'hot.path@example.com' })).user.id;
    groupId = (await services.groups.create(teamId, { displayName: 'Engineering', members: [{ value: userId }] })).group.id;
    await services.spend.policy.setGroupLimit(teamId, { kind: 'admin', accountId: null, email: 'a@example.com' }, groupId, { amount: 5_000 });
  });
  afterAll(async () => close?.());

  const scim = (url: string) => app.inject({ method: 'GET', url: `/scim/v2/${teamId}${url}`, headers: { authorization: `Bearer ${token}` } });
  const authorize = () =>
    app.inject({
      method: 'POST',
      url: `/api/v1/teams/${teamId}/spend/authorize`,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ member: { id: userId }, amount: 100, currency: 'USD' }),
    });
  /** Statements of one request, after a first one that warmed the caches. */
  async function statementsOf(send: () => Promise<{ statusCode: number }>, status = 200): Promise<number> {
    expect((await send()).statusCode).toBe(status);
    counter.reset();
    expect((await send()).statusCode).toBe(status);
    return counter.count();
  }

  it('GET /Users/{id} is one statement, its groups included', async () => {
    expect(await statementsOf(() => scim(`/Users/${userId}`))).toBe(1);
    expect((await scim(`/Users/${userId}`)).json()).toMatchObject({ id: userId, groups: [{ value: groupId, display: 'Engineering' }] });
  });

  it('a userName lookup is one statement, its groups included', async () => {
    const url = `/Users?filter=${encodeURIComponent('userName eq "HOT.PATH@example.com"')}`;
    expect(await statementsOf(() => scim(url))).toBe(1);
    expect((await scim(url)).json()).toMatchObject({ totalResults: 1, Resources: [{ id: userId, groups: [{ display: 'Engineering' }] }] });
  });

  it('a spend authorization is one statement, the API key check included', async () => {
    expect(await statementsOf(authorize)).toBe(1);
    expect((await authorize()).json()).toMatchObject({ allowed: true, limit: { amount: 5_000 } });
  });

  it('a team whose period is not the default reads its state again once, then in one statement, with the right totals', async () => {
    const other = (await services.teams.create({ slug: `period-${randomBytes(3).toString('hex')}` })).id;
    const key = (await services.apiKeys.create({ teamId: other, label: 'host' })).secret;
    const member = (await services.users.create(other, { schemas: [USER_SCHEMA], userName: 'period@example.com' })).user.id;
    // Periods from the 15th: on 10 November the period began on 15 October, not on 1 November (the default's).
    await services.spend.policy.updateSettings(other, { kind: 'admin', accountId: null, email: 'a@example.com' }, { period: { kind: 'monthly', anchor: 15 } });
    const host = (url: string, body: unknown) =>
      app.inject({ method: 'POST', url: `/api/v1/teams/${other}/spend/${url}`, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect((await host('usage', { eventId: 'e1', member: { id: member }, amount: 300, currency: 'USD' })).statusCode).toBe(201);
    const ask = () => host('authorize', { member: { id: member }, amount: 1, currency: 'USD' });
    counter.reset();
    const first = await ask();
    expect(first.json()).toMatchObject({ spent: 300, period: { start: '2026-10-15T00:00:00.000Z' } });
    expect(counter.count()).toBe(2);
    counter.reset();
    expect((await ask()).json()).toMatchObject({ spent: 300, period: { start: '2026-10-15T00:00:00.000Z' } });
    expect(counter.count()).toBe(1);
  });

  it('a revoked API key is refused at once on this instance, though it was remembered', async () => {
    expect((await authorize()).statusCode).toBe(200);
    await services.apiKeys.revoke(apiKeyId);
    expect((await authorize()).statusCode).toBe(401);
  });

  it('a revoked SCIM token is refused at once on this instance, though it was remembered', async () => {
    expect((await scim(`/Users/${userId}`)).statusCode).toBe(200);
    await services.tokens.revoke(tokenId);
    expect((await scim(`/Users/${userId}`)).statusCode).toBe(401);
  });

  it('a team\'s remembered API key stops working once the team is deleted (deleting revokes its keys)', async () => {
    const other = (await services.teams.create({ slug: `gone-${randomBytes(3).toString('hex')}` })).id;
    const key = (await services.apiKeys.create({ teamId: other, label: 'host' })).secret;
    const member = (await services.users.create(other, { schemas: [USER_SCHEMA], userName: 'gone@example.com' })).user.id;
    const send = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/teams/${other}/spend/authorize`,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ member: { id: member }, amount: 1, currency: 'USD' }),
      });
    expect((await send()).statusCode).toBe(200);
    await services.teamLifecycle.delete(other, 86_400_000);
    expect((await send()).statusCode).toBe(401);
  });
});
