// Structured logs carry a request id and never a secret.

import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createServices } from '../../src/services.js';
import { openTestStorage, TEST_LIMITS } from '../helpers/test-app.js';
import type { FastifyInstance } from 'fastify';
import type { Storage } from '../../src/storage/database.js';

describe('request logging', () => {
  const lines: string[] = [];
  let app: FastifyInstance;
  let storage: Storage;
  let secret: string;
  let teamId: string;
  beforeAll(async () => {
    ({ storage } = await openTestStorage('sqlite'));
    const services = createServices(storage);
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    app = await buildApp({ services, storage, publicUrl: 'http://127.0.0.1:8080', limits: TEST_LIMITS, logLevel: 'info', logStream: stream });
    teamId = (await services.teams.create({ slug: 'logs' })).id;
    secret = (await services.tokens.create(teamId, { allowWithoutSso: true })).secret;
  });
  afterAll(async () => {
    await app.close();
    await storage.close();
  });

  it('logs each request with its id, echoes the id, and never logs the token', async () => {
    const res = await app.inject({ method: 'GET', url: `/scim/v2/${teamId}/Users`, headers: { authorization: `Bearer ${secret}`, 'x-request-id': 'req-123' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-123');
    await app.inject({ method: 'GET', url: `/scim/v2/${teamId}/Users`, headers: { authorization: `Bearer ${secret}wrong` } });
    const entries = lines.map((l) => JSON.parse(l) as { reqId?: string });
    expect(entries.some((e) => e.reqId === 'req-123')).toBe(true);
    expect(lines.join('\n')).not.toContain(secret.slice(4));
  });

  it('writes one line per request, when it completes, with method, URL without secrets, status and time', async () => {
    lines.length = 0;
    const url = `/scim/v2/${teamId}/Users?access_token=${secret}&count=1`;
    const res = await app.inject({ method: 'GET', url, headers: { 'x-request-id': 'one-line', authorization: `Bearer ${secret}` } });
    expect(res.statusCode).toBe(401);
    const entries = lines.map((l) => JSON.parse(l) as { reqId?: string; msg?: string; req?: { method?: string; url?: string; remoteAddress?: string }; res?: { statusCode?: number }; responseTime?: unknown });
    const mine = entries.filter((e) => e.reqId === 'one-line');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET', url: `/scim/v2/${teamId}/Users?access_token=[redacted]&count=1` },
      res: { statusCode: 401 },
    });
    expect(typeof mine[0].responseTime).toBe('number');
    expect(lines.join('\n')).not.toContain(secret.slice(4));
  });

  it('exposes health, readiness and Prometheus metrics', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).json()).toMatchObject({ status: 'ready', database: 'sqlite' });
    const metrics = await app.inject('/metrics');
    expect(metrics.body).toContain('rollcall_http_requests_total');
    expect(metrics.body).toMatch(/route="\/scim\/v2\/:teamId\/Users"/);
  });
});

describe('request logging at debug', () => {
  it('adds the arrival line, still without secrets', async () => {
    const lines: string[] = [];
    const { storage } = await openTestStorage('sqlite');
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const app = await buildApp({ services: createServices(storage), storage, publicUrl: 'http://127.0.0.1:8080', limits: TEST_LIMITS, logLevel: 'debug', logStream: stream });
    try {
      await app.inject({ method: 'GET', url: '/healthz?access_token=sekrit', headers: { 'x-request-id': 'dbg', authorization: 'Bearer sekrit' } });
      const mine = lines.map((l) => JSON.parse(l) as { reqId?: string; msg?: string }).filter((e) => e.reqId === 'dbg');
      expect(mine.map((e) => e.msg)).toEqual(['incoming request', 'request completed']);
      expect(lines.join('\n')).not.toContain('sekrit');
    } finally {
      await app.close();
      await storage.close();
    }
  });
});
