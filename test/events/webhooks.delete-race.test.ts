// An endpoint deleted while one of its deliveries is in flight: recording the
// attempt and the deletion (which takes the endpoint's deliveries with it)
// must queue, not deadlock on PostgreSQL nor fail on a foreign key because
// the attempt outlived its delivery. Nothing is left behind either way.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { startWebhookWorker, type Worker } from '../../src/workers/webhook-worker.js';
import { eventually, startReceiver, type Receiver } from './webhook-receiver.js';

const FAST = { retry: { baseMs: 20, maxMs: 100, windowMs: 60_000 }, disableAfterMs: 60_000, pollMs: 20, timeoutMs: 2_000, concurrency: 4 };

describe.each(DIALECTS)('webhook endpoint deleted mid-delivery on %s', (dialect) => {
  let t: TestApp;
  let worker: Worker;
  let admin: AdminClient;
  let receiver: Receiver;
  const errors: unknown[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { realtime: { webhooks: FAST } } });
    const { realtime } = t.services;
    worker = startWebhookWorker({ delivery: realtime.webhookDelivery, signal: realtime.signal, options: realtime.options.webhooks, onError: (error) => errors.push(error) });
    admin = await signInAdmin(t, `hooks-${dialect}@example.com`, 'admin');
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
    await receiver.close();
  });

  it('records nothing for the deleted endpoint and reports no worker error', async () => {
    const hooks = `/api/admin/teams/${t.teamId}/webhooks`;
    const { endpoint } = (await admin.request('POST', hooks, { url: receiver.url })).json();
    let deletion: Promise<unknown> | undefined;
    // The receiver deletes the endpoint while the attempt is being answered.
    receiver.answer = () => {
      deletion ??= admin.request('DELETE', `${hooks}/${endpoint.id}`);
      return 500;
    };
    for (let i = 0; i < 5; i++) await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `gone-${i}@example.com` });
    await eventually(() => deletion !== undefined);
    expect(((await deletion) as { statusCode: number }).statusCode).toBe(204);
    await eventually(async () => (await admin.request('GET', `${hooks}/${endpoint.id}`)).statusCode === 404);
    // Let the worker finish whatever attempts were in flight.
    await new Promise((r) => setTimeout(r, 300));
    expect(errors.map(String)).toEqual([]);
  });
});
