// Webhooks end to end: endpoints managed in the admin API (secret shown
// once), every event delivered at least once and signed (HMAC-SHA256 over
// timestamp and body), retried with backoff while the receiver is down, every
// attempt recorded, manual redelivery, and an endpoint that keeps failing
// disabled with a `webhook.endpoint_disabled` event. Backoff is shortened to
// milliseconds by configuration instead of waiting hours.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { startWebhookWorker, type Worker } from '../../src/workers/webhook-worker.js';
import { eventually, startReceiver, type Receiver } from './webhook-receiver.js';

const FAST = { retry: { baseMs: 20, maxMs: 100, windowMs: 60_000 }, disableAfterMs: 60_000, pollMs: 20, timeoutMs: 2_000, concurrency: 4 };

async function setup(dialect: (typeof DIALECTS)[number], webhooks: Partial<typeof FAST> = {}) {
  const t = await createTestApp(dialect, { services: { realtime: { webhooks: { ...FAST, ...webhooks } } } });
  const { realtime } = t.services;
  const worker = startWebhookWorker({ delivery: realtime.webhookDelivery, signal: realtime.signal, options: realtime.options.webhooks });
  const admin = await signInAdmin(t, `hooks-${dialect}@example.com`, 'admin');
  return { t, worker, admin };
}

describe.each(DIALECTS)('webhooks on %s', (dialect) => {
  let t: TestApp;
  let worker: Worker;
  let admin: AdminClient;
  let receiver: Receiver;
  let hooks: string;

  beforeAll(async () => {
    ({ t, worker, admin } = await setup(dialect));
    receiver = await startReceiver();
    hooks = `/api/admin/teams/${t.teamId}/webhooks`;
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
    await receiver.close();
  });

  const feedIds = async (afterSeq: number, types?: string[]) =>
    (await t.services.realtime.feed.listAfter(t.teamId, afterSeq, 10_000)).filter((e) => !types || types.includes(e.type)).map((e) => e.id);

  it('manages endpoints: the secret only in the create answer, checked input, admins only', async () => {
    const member = await signInAdmin(t, `member-${dialect}@example.com`, 'member');
    expect((await member.request('POST', hooks, { url: receiver.url })).statusCode).toBe(403);
    for (const body of [{ url: 'not a url' }, { url: 'ftp://example.com/x' }, { url: 'https://user:pw@example.com/' }, { url: receiver.url, eventTypes: ['nope.happened'] }, { url: receiver.url, eventTypes: [] }, { url: receiver.url, enabled: 'yes' }]) {
      const res = await admin.request('POST', hooks, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('webhook.invalid');
    }
    const created = await admin.request('POST', hooks, { url: 'https://example.com/hooks#frag', eventTypes: ['user.*', 'group.created'], description: 'CRM' });
    expect(created.statusCode).toBe(201);
    const { endpoint, secret } = created.json();
    expect(secret).toMatch(/^whsec_[\w-]{40,}$/);
    expect(endpoint).toMatchObject({ url: 'https://example.com/hooks', eventTypes: ['user.*', 'group.created'], enabled: true, status: 'active', description: 'CRM' });
    const listed = await admin.request('GET', hooks);
    expect(listed.body).not.toContain(secret);
    expect(listed.json().items.map((e: { id: string }) => e.id)).toContain(endpoint.id);
    expect((await admin.request('PATCH', `${hooks}/${endpoint.id}`, { enabled: false })).json()).toMatchObject({ enabled: false, status: 'disabled', disabledReason: 'manual' });
    expect((await admin.request('PATCH', `${hooks}/${endpoint.id}`, { enabled: true, eventTypes: ['*'] })).json()).toMatchObject({ enabled: true, eventTypes: ['*'], disabledReason: null });
    expect((await admin.request('PATCH', `${hooks}/${endpoint.id}`, { url: 'gopher://x' })).statusCode).toBe(400);
    expect((await admin.request('DELETE', `${hooks}/${endpoint.id}`)).statusCode).toBe(204);
    const gone = await admin.request('GET', `${hooks}/${endpoint.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('webhook.not_found');
  });

  it('delivers every event signed; while the receiver is down it retries, and once back nothing is lost', async () => {
    const created = (await admin.request('POST', hooks, { url: `${receiver.url}/all` })).json();
    receiver.secret = created.secret;
    const got = () => receiver.received.filter((r) => r.path.endsWith('/all'));
    const start = await t.services.realtime.feed.endSeq(t.teamId);
    const users: string[] = [];
    for (let i = 0; i < 3; i++) users.push((await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `hook${i}@example.com` })).json().id);
    await eventually(() => got().length >= 3, worker.wake);
    expect(got().every((r) => r.signatureOk)).toBe(true);
    expect(got()[0].headers).toMatchObject({ 'rollcall-event-type': 'user.created', 'rollcall-delivery-attempt': '1', 'content-type': 'application/json' });

    await receiver.down();
    for (let i = 3; i < 8; i++) users.push((await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `hook${i}@example.com` })).json().id);
    await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Hooked', members: users.map((value) => ({ value })) });
    // Several failed attempts for every waiting delivery, seen in the attempt record.
    const deliveries = `${hooks}/${created.endpoint.id}/deliveries`;
    await eventually(async () => {
      const pending = (await admin.request('GET', `${deliveries}?status=pending&limit=200`)).json().items as { attempts: number }[];
      return pending.length > 0 && pending.every((d) => d.attempts >= 3);
    }, worker.wake);
    const endpoint = (await admin.request('GET', `${hooks}/${created.endpoint.id}`)).json();
    expect(endpoint).toMatchObject({ status: 'failing', enabled: true });
    expect(endpoint.consecutiveFailures).toBeGreaterThanOrEqual(3);

    await receiver.up();
    const expected = await feedIds(start);
    await eventually(() => expected.every((id) => got().some((r) => r.event.id === id)), worker.wake);
    expect(got().every((r) => r.signatureOk)).toBe(true);
    expect(new Set(got().map((r) => r.event.id))).toEqual(new Set(expected));
    // Each answer is recorded once it is in: wait for the last records.
    const all = async () => (await admin.request('GET', `${deliveries}?limit=200`)).json().items as { id: string; status: string; attempts: number }[];
    await eventually(async () => (await all()).every((d) => d.status === 'delivered'));
    expect((await admin.request('GET', `${hooks}/${created.endpoint.id}`)).json().status).toBe('active');
    const list = await all();
    expect(list).toHaveLength(expected.length);
    const retried = list.find((d) => d.attempts >= 3) as { id: string };
    const detail = (await admin.request('GET', `${deliveries}/${retried.id}`)).json();
    expect(detail.attemptLog.slice(0, -1).every((a: { outcome: string; error: string }) => a.outcome === 'failed' && a.error === 'connection refused')).toBe(true);
    expect(detail.attemptLog.at(-1)).toMatchObject({ outcome: 'succeeded', responseStatus: 204 });
    expect(detail.attemptLog.map((a: { attempt: number }) => a.attempt)).toEqual(detail.attemptLog.map((_: unknown, i: number) => i + 1));
    await admin.request('DELETE', `${hooks}/${created.endpoint.id}`);
  });

  it('redelivers a delivery on request, as a new delivery of the same event', async () => {
    const created = (await admin.request('POST', hooks, { url: `${receiver.url}/again`, eventTypes: ['token.created'] })).json();
    receiver.secret = created.secret;
    await t.services.tokens.create(t.teamId, { label: 'redeliver', allowWithoutSso: true });
    const deliveries = `${hooks}/${created.endpoint.id}/deliveries`;
    await eventually(async () => (await admin.request('GET', deliveries)).json().items[0]?.status === 'delivered', worker.wake);
    const original = (await admin.request('GET', deliveries)).json().items[0];
    const count = receiver.received.filter((r) => r.event.id === original.eventId).length;
    const again = await admin.request('POST', `${deliveries}/${original.id}/redeliver`);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ eventId: original.eventId, redeliveryOf: original.id, status: 'pending' });
    await eventually(() => receiver.received.filter((r) => r.event.id === original.eventId).length === count + 1, worker.wake);
    const last = receiver.received.filter((r) => r.event.id === original.eventId).at(-1);
    expect(last?.headers['rollcall-delivery-id']).toBe(again.json().id);
    expect(last?.signatureOk).toBe(true);
    expect((await admin.request('POST', `${deliveries}/no-such-delivery/redeliver`)).statusCode).toBe(404);
    await admin.request('DELETE', `${hooks}/${created.endpoint.id}`);
  });

  it('purges finished delivery records past retention, never pending ones', async () => {
    const created = (await admin.request('POST', hooks, { url: `${receiver.url}/purge`, eventTypes: ['token.*'] })).json();
    const deliveries = `${hooks}/${created.endpoint.id}/deliveries`;
    const statuses = async () => (await admin.request('GET', deliveries)).json().items.map((d: { status: string }) => d.status);
    await t.services.tokens.create(t.teamId, { label: 'delivered', allowWithoutSso: true });
    await eventually(async () => (await statuses()).join() === 'delivered', worker.wake);
    receiver.answer = 500;
    await t.services.tokens.create(t.teamId, { label: 'waiting', allowWithoutSso: true });
    await eventually(async () => (await statuses()).join() === 'pending,delivered', worker.wake);
    await t.services.realtime.webhooks.purge(new Date(Date.now() + 60_000));
    expect(await statuses()).toEqual(['pending']);
    receiver.answer = 204;
    await admin.request('DELETE', `${hooks}/${created.endpoint.id}`);
  });

  it('sends only the event types an endpoint asked for', async () => {
    const created = (await admin.request('POST', hooks, { url: `${receiver.url}/typed`, eventTypes: ['group.*'] })).json();
    receiver.secret = created.secret;
    const start = await t.services.realtime.feed.endSeq(t.teamId);
    const user = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'typed@example.com' })).json();
    await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Typed', members: [{ value: user.id }] });
    const expected = await feedIds(start, ['group.created', 'group.member_added']);
    const typed = () => receiver.received.filter((r) => r.path.endsWith('/typed'));
    await eventually(() => typed().length >= expected.length, worker.wake);
    expect(typed().map((r) => r.event.type).sort()).toEqual(['group.created', 'group.member_added']);
    await admin.request('DELETE', `${hooks}/${created.endpoint.id}`);
  });

  it('signs with both secrets during a rotation', async () => {
    const created = (await admin.request('POST', hooks, { url: `${receiver.url}/rotation`, eventTypes: ['user.created'] })).json();
    const rotated = (await admin.request('POST', `${hooks}/${created.endpoint.id}/rotate-secret`)).json();
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.endpoint.secretRotatingUntil).toEqual(expect.any(String));
    receiver.secret = created.secret;
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'rotated@example.com' });
    const rotation = () => receiver.received.filter((r) => r.path.endsWith('/rotation'));
    await eventually(() => rotation().length > 0, worker.wake);
    const got = rotation()[0];
    expect(String(got.headers['rollcall-signature']).split(',')).toHaveLength(2);
    expect(got.signatureOk).toBe(true);
    receiver.secret = rotated.secret;
    const { verifySignature } = await import('../../src/domain/realtime/webhooks-signature.js');
    expect(verifySignature({ secret: rotated.secret, header: String(got.headers['rollcall-signature']), timestamp: String(got.headers['rollcall-timestamp']), body: got.body, nowSec: Math.floor(Date.now() / 1000) })).toBe(true);
    await admin.request('DELETE', `${hooks}/${created.endpoint.id}`);
  });
});

describe.each(DIALECTS)('a webhook endpoint that keeps failing, on %s', (dialect) => {
  let t: TestApp;
  let worker: Worker;
  let admin: AdminClient;
  let receiver: Receiver;
  beforeAll(async () => {
    ({ t, worker, admin } = await setup(dialect, { disableAfterMs: 300 }));
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
    await receiver.close();
  });

  it('is disabled with a notice event and a visible state; re-enabled, it delivers what waited', async () => {
    const hooks = `/api/admin/teams/${t.teamId}/webhooks`;
    const failing = (await admin.request('POST', hooks, { url: receiver.url, eventTypes: ['user.*'] })).json();
    const watcher = (await admin.request('POST', hooks, { url: `${receiver.url}/watcher`, eventTypes: ['webhook.*'] })).json();
    receiver.answer = (r) => (r.headers['rollcall-event-type'] === 'webhook.endpoint_disabled' ? 204 : 500);
    receiver.secret = failing.secret;
    const user = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'doomed@example.com' })).json();
    await eventually(async () => (await admin.request('GET', `${hooks}/${failing.endpoint.id}`)).json().enabled === false, worker.wake);
    const state = (await admin.request('GET', `${hooks}/${failing.endpoint.id}`)).json();
    expect(state).toMatchObject({ status: 'disabled', disabledReason: 'failing', disabledAt: expect.any(String) });

    const notices = (await t.services.realtime.feed.listAfter(t.teamId, 0, 1000)).filter((e) => e.type === 'webhook.endpoint_disabled');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ resourceType: 'Webhook', resourceId: failing.endpoint.id, data: { version: 1, endpoint: { id: failing.endpoint.id, url: receiver.url }, reason: 'failing' } });
    await eventually(() => receiver.received.some((r) => r.event.type === 'webhook.endpoint_disabled' && r.headers['rollcall-delivery-id'] !== undefined), worker.wake);
    expect(watcher.endpoint.id).toBeDefined();
    const report = (await admin.request('GET', `/api/admin/teams/${t.teamId}/diagnostics`)).json();
    expect(report.checks.find((c: { id: string }) => c.id === 'webhooks')).toMatchObject({ status: 'warning' });

    receiver.answer = 204;
    await admin.request('PATCH', `${hooks}/${failing.endpoint.id}`, { enabled: true });
    await eventually(() => receiver.received.some((r) => r.event.resourceId === user.id && r.headers['rollcall-delivery-attempt'] !== '1' && r.signatureOk), worker.wake);
    expect((await admin.request('GET', `${hooks}/${failing.endpoint.id}`)).json()).toMatchObject({ status: 'active', consecutiveFailures: 0 });
  });
});
