// The example host app (examples/host-app) run against a real Rollcall: it
// enables Enterprise for an organisation (team + portal link), authorizes a
// charge for a provisioned member and accepts Rollcall's signed webhooks
// while refusing forged ones.

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostApp, serveHostApp, type HostAppOptions } from '../../examples/host-app/host-app.js';
import type { RollcallEvent } from '@rollcall/client';
import { createTestApp, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { dashboardClient, followPortalLink } from '../helpers/portal-session.js';
import { activateSso } from '../sso/helpers/activate-sso.js';
import { startWebhookWorker, type Worker } from '../../src/workers/webhook-worker.js';

const FAST = { retry: { baseMs: 20, maxMs: 100, windowMs: 60_000 }, disableAfterMs: 60_000, pollMs: 20, timeoutMs: 2_000, concurrency: 2 };

async function until<T>(probe: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('examples/host-app against a real Rollcall', () => {
  const key = 'rck_' + randomBytes(32).toString('base64url');
  const received: RollcallEvent[] = [];
  let t: TestApp;
  let worker: Worker;
  let server: Server;
  let hostUrl: string;
  const options: HostAppOptions = { rollcallUrl: '', apiKey: key, onEvent: (event) => received.push(event) };

  beforeAll(async () => {
    t = await createTestApp('sqlite', { services: { hostApiKeys: [key], realtime: { webhooks: FAST } } });
    const { realtime } = t.services;
    worker = startWebhookWorker({ delivery: realtime.webhookDelivery, signal: realtime.signal, options: realtime.options.webhooks });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    options.rollcallUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    server = serveHostApp(createHostApp(options));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await worker.stop();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(hostUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('enables Enterprise for an organisation, charges a member and receives verified webhooks', async () => {
    const enabled = await post('/orgs/org_7/enterprise', { name: 'Initech' });
    expect(enabled.status).toBe(200);
    expect(enabled.json.setupUrl).toMatch(/\/api\/admin\/portal\?portal_token=rcp_/);
    expect((await post('/orgs/org_7/enterprise', { name: 'Initech' })).json.teamId).toBe(enabled.json.teamId);

    // The customer's IT admin uses the link: SSO, a SCIM token, a webhook to the host app.
    const teamId = enabled.json.teamId as string;
    const admin = dashboardClient(t, await followPortalLink(t, enabled.json.setupUrl as string));
    await activateSso({ ...t, teamId }, admin, 'it@initech.example');
    const hook = await admin.request('POST', `/api/admin/teams/${teamId}/webhooks`, { url: `${hostUrl}/webhooks/rollcall` });
    expect(hook.statusCode).toBe(201);
    options.webhookSecret = hook.json().secret;
    const token = (await admin.request('POST', `/api/admin/teams/${teamId}/scim-tokens`, {})).json().secret as string;
    const created = await fetch(`${options.rollcallUrl}/scim/v2/${teamId}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: [USER_SCHEMA], userName: 'milton@initech.example', emails: [{ value: 'milton@initech.example', primary: true }] }),
    });
    expect(created.status).toBe(201);
    expect((await admin.request('PUT', `/api/admin/teams/${teamId}/spend/default`, { amount: 1_000 })).statusCode).toBe(200);

    expect((await post('/orgs/org_7/charge', { email: 'milton@initech.example', cents: 400 })).json).toMatchObject({ allowed: true, remaining: 1_000 });
    expect((await post('/orgs/org_7/charge', { email: 'milton@initech.example', cents: 4_000 })).json).toMatchObject({ allowed: false, reason: 'limit_exceeded' });

    const userCreated = await until(() => received.find((e) => e.type === 'user.created'));
    expect(userCreated.teamId).toBe(teamId);
  });

  it('refuses a webhook it cannot verify', async () => {
    const forged = await post('/webhooks/rollcall', { id: 'x', type: 'user.deleted' }, { 'rollcall-signature': 'v1=' + '0'.repeat(64), 'rollcall-timestamp': String(Math.floor(Date.now() / 1000)) });
    expect(forged.status).toBe(400);
    expect(received.some((e) => e.id === 'x')).toBe(false);
  });
});
