// @rollcall/client against a real Rollcall listening on 127.0.0.1: members,
// spend, the events feed as an async iterator with resume, errors, retries
// after 429, and webhook verification of a real delivery.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRollcallClient, RollcallError, verifyWebhook, WebhookVerificationError, type RollcallClient } from '@rollcall/client';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin } from '../helpers/admin-session.js';

async function listening(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

describe.each(DIALECTS)('@rollcall/client on %s', (dialect) => {
  let t: TestApp;
  let client: RollcallClient;
  let userIds: string[];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const { secret } = await t.services.apiKeys.create({ label: 'client' });
    client = createRollcallClient({ baseUrl: await listening(t), apiKey: secret });
    userIds = [];
    for (const name of ['ada', 'bob', 'cyd']) {
      userIds.push((await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `${name}@example.com`, externalId: `ext-${name}`, emails: [{ value: `${name}@example.com`, primary: true }] })).json().id);
    }
    await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering', members: [{ value: userIds[0] }] });
  });
  afterAll(async () => t.close());

  it('reads members: a page, every page, and one by each lookup', async () => {
    const page = await client.members.list(t.teamId, { count: 2 });
    expect(page.items.map((m) => m.userName)).toEqual(['ada@example.com', 'bob@example.com']);
    expect(page.totalResults).toBe(3);
    const all = [];
    for await (const member of client.members.all(t.teamId, { count: 1 })) all.push(member.userName);
    expect(all).toEqual(['ada@example.com', 'bob@example.com', 'cyd@example.com']);
    expect((await client.members.get(t.teamId, userIds[1])).userName).toBe('bob@example.com');
    expect((await client.members.get(t.teamId, 'ext-cyd', 'externalId')).id).toBe(userIds[2]);
    expect((await client.members.get(t.teamId, 'ADA@example.com', 'email')).id).toBe(userIds[0]);
  });

  it('answers errors as RollcallError with the API code, status and request id', async () => {
    const missing = await client.members.get(t.teamId, 'nobody@example.com', 'userName').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(RollcallError);
    expect(missing).toMatchObject({ status: 404 });
    expect((missing as RollcallError).requestId).toBeTruthy();
    const bad = await client.spend.authorize(t.teamId, { member: { id: userIds[0] }, amount: 2.5, currency: 'USD' }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: 'spend.invalid_amount' });
  });

  it('authorizes spend, holds, captures and records usage', async () => {
    const owner = await signInAdmin(t, `owner-${dialect}@example.com`);
    expect((await owner.request('PUT', `/api/admin/teams/${t.teamId}/spend/default`, { amount: 10_000 })).statusCode).toBe(200);
    const decision = await client.spend.authorize(t.teamId, { member: { id: userIds[0] }, amount: 500, currency: 'USD' });
    expect(decision.allowed).toBe(true);
    const held = await client.spend.authorize(t.teamId, { member: { id: userIds[0] }, amount: 300, currency: 'USD', hold: true });
    expect(held.hold?.id).toBeTruthy();
    await client.spend.captureHold(t.teamId, held.hold!.id, { amount: 200 });
    expect((await client.spend.member(t.teamId, userIds[0])).spent).toBe(200);
    const usage = await client.spend.recordUsage(t.teamId, { member: { id: userIds[1] }, amount: 125, currency: 'USD', eventId: `evt-${dialect}` });
    expect(usage.replayed).toBe(false);
    const again = await client.spend.recordUsage(t.teamId, { member: { id: userIds[1] }, amount: 125, currency: 'USD', eventId: `evt-${dialect}` });
    expect(again).toEqual({ ...usage, replayed: true });
  });

  it('asks for a higher limit for a member, once at a time', async () => {
    const asked = await client.spend.requestIncrease(t.teamId, userIds[2], { amount: 50_000, reason: 'conference travel' });
    expect(asked).toMatchObject({ status: 'pending', amount: 50_000 });
    const again = await client.spend.requestIncrease(t.teamId, userIds[2], { amount: 60_000, reason: 'more' }).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 409, code: 'spend.request_pending' });
  });

  it('iterates the events feed and resumes from its cursor without missing or repeating', async () => {
    const first = client.events.feed(t.teamId, { limit: 2 });
    const seen: number[] = [];
    for await (const event of first) seen.push(event.seq);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual(seen.map((_, i) => i + 1));
    const resumeAt = first.cursor;
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'dee@example.com' });
    const later = [];
    for await (const event of client.events.feed(t.teamId, { after: resumeAt })) later.push(event);
    expect(later.map((e) => e.type)).toEqual(['user.created']);
    expect(later[0].seq).toBe(seen.length + 1);
  });

  it('follows the feed until aborted, handing out events written meanwhile', async () => {
    const start = client.events.feed(t.teamId);
    for await (const _ of start) void _;
    const controller = new AbortController();
    const following = client.events.feed(t.teamId, { after: start.cursor, follow: true, pollIntervalMs: 50, signal: controller.signal });
    const got: string[] = [];
    const reading = (async () => {
      for await (const event of following) {
        got.push(event.type);
        controller.abort();
      }
    })();
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'eve@example.com' });
    await reading.catch(() => undefined);
    expect(got).toEqual(['user.created']);
  });
});

describe('@rollcall/client retries', () => {
  it('waits out a 429 (Retry-After) and succeeds, for the caller one call', async () => {
    const t = await createTestApp('sqlite', { edge: { scimRate: { perMinute: 0, burst: 1 }, apiRate: { perMinute: 60, burst: 1 }, maxInFlight: 0, maxConnections: 0, headersTimeoutMs: 20_000, keepAliveTimeoutMs: 72_000 } });
    try {
      const { secret } = await t.services.apiKeys.create({});
      const baseUrl = await listening(t);
      const client = createRollcallClient({ baseUrl, apiKey: secret, retries: 2 });
      await client.members.list(t.teamId);
      const started = Date.now();
      const page = await client.members.list(t.teamId);
      expect(page.totalResults).toBe(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      const impatient = createRollcallClient({ baseUrl, apiKey: secret, retries: 0 });
      await expect(impatient.members.list(t.teamId)).rejects.toMatchObject({ status: 429 });
    } finally {
      await t.close();
    }
  });
});

describe('verifyWebhook', () => {
  const secret = 'whsec_test';
  const body = JSON.stringify({ id: 'e1', seq: 1, type: 'user.created' });
  const sign = async (ts: number, key = secret) => {
    const { signatureHeader } = await import('../../src/domain/realtime/webhooks-signature.js');
    return signatureHeader([key], ts, body);
  };

  it('accepts what Rollcall signs, in either header casing, with either secret of a rotation', async () => {
    const now = 1_800_000_000;
    const headers = { 'Rollcall-Signature': await sign(now), 'rollcall-timestamp': String(now) };
    expect(verifyWebhook({ secret, headers, body, nowSec: now })).toMatchObject({ id: 'e1', type: 'user.created' });
    expect(verifyWebhook({ secret: ['whsec_new', secret], headers: new Headers(headers), body: Buffer.from(body), nowSec: now + 10 }).seq).toBe(1);
  });

  it('refuses a changed body, a wrong secret, an old timestamp and missing headers', async () => {
    const now = 1_800_000_000;
    const headers = { 'rollcall-signature': await sign(now), 'rollcall-timestamp': String(now) };
    expect(() => verifyWebhook({ secret, headers, body: body.replace('e1', 'e2'), nowSec: now })).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook({ secret: 'whsec_other', headers, body, nowSec: now })).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook({ secret, headers, body, nowSec: now + 301 })).toThrow(/too old/);
    expect(() => verifyWebhook({ secret, headers: {}, body, nowSec: now })).toThrow(/missing/);
  });
});
