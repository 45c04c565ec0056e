// One tenant floods the SCIM endpoint over real sockets (300 connections, a
// few thousand requests, bounded): its excess is answered 429 with an integer
// Retry-After and a SCIM error body, while another tenant's requests are
// answered 200 during the flood. With the in-flight bound reached, the flood
// is answered 503 + Retry-After and health still answers. Statuses only, no
// timing.

import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { inParallel } from '../helpers/server-process.js';
import type { EdgeLimits } from '../../src/http/load-shedding.js';

const CONNECTIONS = 300;
const FLOOD_REQUESTS = 1500;
/** A generous ceiling for a loaded machine; nothing here asserts how long anything took. */
const TEST_TIMEOUT_MS = 120_000;
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

const edge = (maxInFlight: number): EdgeLimits => ({
  scimRate: { perMinute: 60, burst: 100 },
  apiRate: { perMinute: 0, burst: 1 },
  maxInFlight,
  maxConnections: 1000,
  headersTimeoutMs: 20_000,
  keepAliveTimeoutMs: 30_000,
});

interface Answer {
  status: number;
  retryAfter?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

function send(agent: Agent, port: number, path: string, token?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function listen(t: TestApp): Promise<number> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return (t.app.server.address() as AddressInfo).port;
}

describe.each(DIALECTS)('a flood from one tenant on %s', (dialect) => {
  let t: TestApp;
  let port: number;
  let other: { teamId: string; token: string };
  const flooder = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const quiet = new Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    // The in-flight bound is above the connection count: only the rate limit acts here.
    t = await createTestApp(dialect, { edge: edge(CONNECTIONS + 50) });
    const team = await t.services.teams.create({ slug: `other-${dialect}` });
    other = { teamId: team.id, token: (await t.services.tokens.create(team.id, { allowWithoutSso: true })).secret };
    port = await listen(t);
  });
  afterAll(async () => {
    flooder.destroy();
    quiet.destroy();
    await t.close();
  });

  it('throttles the flooding tenant with 429s and keeps answering the other tenant', async () => {
    let flooding = true;
    const flood = inParallel(Array.from({ length: FLOOD_REQUESTS }), CONNECTIONS, () => send(flooder, port, `${t.base}/Users?count=1`, t.token)).finally(() => {
      flooding = false;
    });
    const others: Answer[] = [];
    // The other tenant's IdP keeps syncing, one request at a time, while the flood lasts (at most 40 requests).
    do others.push(await send(quiet, port, `/scim/v2/${other.teamId}/Users?count=1`, other.token));
    while (flooding && others.length < 40);
    const flooded = await flood;

    expect(others.map((a) => a.status)).toEqual(others.map(() => 200));
    const statuses = new Set(flooded.map((a) => a.status));
    expect([...statuses].sort()).toEqual([200, 429]);
    const throttled = flooded.filter((a) => a.status === 429);
    // The burst got through; past it, at one request a second, nearly all of the rest was throttled.
    expect(flooded.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(100);
    expect(throttled.length).toBeGreaterThan(FLOOD_REQUESTS / 2);
    for (const a of throttled) {
      expect(a.retryAfter).toMatch(/^[1-9]\d*$/);
      expect(a.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '429' });
    }
  }, TEST_TIMEOUT_MS);
});

describe.each(DIALECTS)('a flood past the in-flight bound on %s', (dialect) => {
  const BOUND = 8;
  let t: TestApp;
  let port: number;
  let held: (() => void)[] = [];
  const flooder = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const holder = new Agent({ keepAlive: true, maxSockets: BOUND });

  beforeAll(async () => {
    t = await createTestApp(dialect, { edge: edge(BOUND) });
    // Requests that stay in flight until the test lets them go: the bound is reached without relying on timing.
    t.app.get('/test/held', () => new Promise<{ released: true }>((resolve) => held.push(() => resolve({ released: true }))));
    port = await listen(t);
  });
  afterAll(async () => {
    for (const release of held) release();
    flooder.destroy();
    holder.destroy();
    await t.close();
  });

  it('answers 503 with Retry-After instead of queueing, keeps health answering, and recovers', async () => {
    const holding = Array.from({ length: BOUND }, () => send(holder, port, '/test/held'));
    for (let i = 0; i < 500 && held.length < BOUND; i++) await new Promise((r) => setTimeout(r, 10));
    expect(held).toHaveLength(BOUND);

    const flooded = await inParallel(Array.from({ length: 900 }), CONNECTIONS, () => send(flooder, port, `${t.base}/Users?count=1`, t.token));
    expect(new Set(flooded.map((a) => a.status))).toEqual(new Set([503]));
    for (const a of flooded) {
      expect(a.retryAfter).toBe('1');
      expect(a.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503' });
    }
    expect((await send(flooder, port, '/healthz')).status).toBe(200);

    for (const release of held) release();
    held = [];
    expect((await Promise.all(holding)).map((a) => a.status)).toEqual(Array(BOUND).fill(200));
    expect((await send(flooder, port, `${t.base}/Users?count=1`, t.token)).status).toBe(200);
  }, TEST_TIMEOUT_MS);
});
