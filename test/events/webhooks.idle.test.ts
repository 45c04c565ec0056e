// Issue 12: the webhook worker wakes after every commit of every team; while
// no endpoint is enabled it reads that once and runs no dispatch or claim
// transaction. An endpoint created (or enabled) later gets its events.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { startWebhookWorker, type Worker } from '../../src/workers/webhook-worker.js';
import type { WebhookDelivery } from '../../src/domain/realtime/webhooks-delivery.js';
import { eventually, startReceiver, type Receiver } from './webhook-receiver.js';

const FAST = { retry: { baseMs: 20, maxMs: 100, windowMs: 60_000 }, disableAfterMs: 60_000, pollMs: 20, timeoutMs: 2_000, concurrency: 4 };

describe.each(DIALECTS)('webhook worker without endpoints on %s', (dialect) => {
  let t: TestApp;
  let worker: Worker;
  let admin: AdminClient;
  let receiver: Receiver;
  const calls = { hasWork: 0, dispatch: 0, claim: 0 };

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { realtime: { webhooks: FAST } } });
    const { realtime } = t.services;
    const real = realtime.webhookDelivery;
    // The real delivery, counted.
    const delivery: WebhookDelivery = {
      ...real,
      hasWork: async () => {
        calls.hasWork++;
        return real.hasWork();
      },
      dispatch: async () => {
        calls.dispatch++;
        return real.dispatch();
      },
      claim: async (limit) => {
        calls.claim++;
        return real.claim(limit);
      },
    };
    worker = startWebhookWorker({ delivery, signal: realtime.signal, options: realtime.options.webhooks });
    admin = await signInAdmin(t, `idle-${dialect}@example.com`, 'admin');
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
    await receiver.close();
  });

  it('runs no dispatch or claim while no endpoint exists, then delivers once one does', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `idle${i}@example.com` })).statusCode).toBe(201);
    }
    const seen = calls.hasWork;
    await eventually(() => calls.hasWork > seen + 2);
    expect(calls.dispatch).toBe(0);
    expect(calls.claim).toBe(0);

    const created = await admin.request('POST', `/api/admin/teams/${t.teamId}/webhooks`, { url: receiver.url, eventTypes: ['user.created'] });
    expect(created.statusCode).toBe(201);
    expect((await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'after@example.com' })).statusCode).toBe(201);
    await eventually(() => receiver.received.length > 0);
    expect(receiver.received.map((r) => r.event.type)).toEqual(['user.created']);
    expect(calls.dispatch).toBeGreaterThan(0);
    expect(calls.claim).toBeGreaterThan(0);
  });
});
