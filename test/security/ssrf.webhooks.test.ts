// SSRF through webhooks (issue 10): an admin must not be able to point
// deliveries at Rollcall's own host, the cloud metadata service or the
// internal network, in any spelling of the address or through a name that
// resolves there, at save time or later (DNS rebinding); the attempt log
// never shows what the receiver answered beyond its status and a few
// headers; redirects are never followed. An operator allowlist opens ranges.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import type { Resolve } from '../../src/net/guarded-lookup.js';

/** Names the tests resolve, one scripted answer per call (the last one repeats). */
function resolver(script: Record<string, string[][]>): Resolve {
  return async (host) => {
    const answers = script[host];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    const next = answers.length > 1 ? (answers.shift() as string[]) : answers[0];
    return next.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const SECRET_BODY = 'internal-secret-7f3a';

describe.each(DIALECTS)('webhook destinations (%s)', (dialect) => {
  let server: http.Server;
  let port: number;
  const hits: string[] = [];
  beforeAll(async () => {
    // Stands for an internal service: answers with something secret, or redirects.
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      req.resume();
      if (req.url === '/redirect') res.writeHead(307, { location: `http://127.0.0.1:${port}/target` }).end();
      else res.writeHead(req.url === '/fail' ? 500 : 200, { 'content-type': 'text/plain', 'x-internal': 'yes' }).end(SECRET_BODY);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  describe('with no allowlist', () => {
    let t: TestApp;
    let admin: AdminClient;
    let hooks: string;
    const script = { 'inside.test': [['10.0.0.5']], 'rebind.test': [['93.184.216.34'], ['127.0.0.1']], 'mixed.test': [['8.8.8.8', '169.254.169.254']] };
    beforeAll(async () => {
      t = await createTestApp(dialect, { services: { egress: { allowCidrs: [], resolve: resolver(script) } } });
      admin = await signInAdmin(t, `ssrf-${dialect}@example.com`, 'admin');
      hooks = `/api/admin/teams/${t.teamId}/webhooks`;
    });
    afterAll(() => t.close());

    it('refuses every internal destination at creation, in every spelling, and creates nothing', async () => {
      const hosts = [
        `127.0.0.1:${port}`, '127.1', '0x7f.1', '2130706433', '0177.0.0.1', '0.0.0.0', '0.1.2.3', 'localhost', 'rollcall.localhost',
        '10.0.0.1', '172.16.0.1', '172.31.255.1', '192.168.1.1', '100.64.0.1', '169.254.169.254', '224.0.0.1', '240.0.0.1', '255.255.255.255',
        '[::1]', '[::]', '[fc00::1]', '[fd00::1]', '[fe80::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[64:ff9b::7f00:1]', '[64:ff9b::a00:1]', '[2002:7f00:1::]', '[2002:c0a8:101::]', '[::127.0.0.1]',
        'inside.test',
      ];
      for (const host of hosts) {
        const res = await admin.request('POST', hooks, { url: `http://${host}/hook` });
        expect(res.statusCode, host).toBe(400);
        expect(res.json().error, host).toMatchObject({ code: 'webhook.invalid', message: expect.stringMatching(/is not a public address/) });
      }
      expect((await admin.request('GET', hooks)).json().items).toEqual([]);
    });

    it('refuses Rollcall\'s own /metrics, and a change of URL to an internal address (the endpoint keeps its URL)', async () => {
      expect((await admin.request('POST', hooks, { url: `http://127.0.0.1:8080/metrics` })).statusCode).toBe(400);
      const created = await admin.request('POST', hooks, { url: 'https://hooks.example.com/in' });
      expect(created.statusCode).toBe(201);
      const id = created.json().endpoint.id;
      const patched = await admin.request('PATCH', `${hooks}/${id}`, { url: 'http://169.254.169.254/latest/meta-data/', description: 'changed' });
      expect(patched.statusCode).toBe(400);
      expect((await admin.request('GET', `${hooks}/${id}`)).json()).toMatchObject({ url: 'https://hooks.example.com/in', description: null });
      await admin.request('DELETE', `${hooks}/${id}`);
    });

    it('checks again when delivering: a name that turned internal after the check (DNS rebinding) is refused, and nothing is sent', async () => {
      const created = await admin.request('POST', hooks, { url: `http://rebind.test:${port}/rebound`, eventTypes: ['user.created'] });
      expect(created.statusCode).toBe(201);
      await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `rebind-${dialect}@example.com` });
      const { webhookDelivery } = t.services.realtime;
      await webhookDelivery.dispatch();
      for (const job of await webhookDelivery.claim(10)) await webhookDelivery.attempt(job);
      expect(hits).not.toContain('/rebound');
      const id = created.json().endpoint.id;
      const [delivery] = (await admin.request('GET', `${hooks}/${id}/deliveries`)).json().items;
      const detail = (await admin.request('GET', `${hooks}/${id}/deliveries/${delivery.id}`)).json();
      expect(detail.attemptLog[0]).toMatchObject({ outcome: 'failed', responseStatus: null, responseHeaders: null, error: expect.stringMatching(/^refused: rebind\.test is not a public address/) });
      await admin.request('DELETE', `${hooks}/${id}`);
    });
  });

  describe('with 127.0.0.1 allowed by the operator', () => {
    let t: TestApp;
    let admin: AdminClient;
    let hooks: string;
    beforeAll(async () => {
      t = await createTestApp(dialect, { services: { egress: { allowCidrs: ['127.0.0.1/32'], resolve: resolver({ 'two.test': [['127.0.0.2', '127.0.0.1']] }) } } });
      admin = await signInAdmin(t, `ssrf-allow-${dialect}@example.com`, 'admin');
      hooks = `/api/admin/teams/${t.teamId}/webhooks`;
    });
    afterAll(() => t.close());

    async function deliverTo(path: string, host = `127.0.0.1:${port}`) {
      const created = await admin.request('POST', hooks, { url: `http://${host}${path}`, eventTypes: ['user.created'] });
      expect(created.statusCode, path).toBe(201);
      await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `allow-${path.slice(1)}-${dialect}@example.com` });
      const { webhookDelivery } = t.services.realtime;
      await webhookDelivery.dispatch();
      for (const job of await webhookDelivery.claim(10)) await webhookDelivery.attempt(job);
      const id = created.json().endpoint.id;
      const [delivery] = (await admin.request('GET', `${hooks}/${id}/deliveries`)).json().items;
      const res = await admin.request('GET', `${hooks}/${id}/deliveries/${delivery.id}`);
      await admin.request('DELETE', `${hooks}/${id}`);
      return res;
    }

    it('delivers to the allowed range, and other internal ranges stay refused', async () => {
      expect((await admin.request('POST', hooks, { url: 'http://127.0.0.2/hook' })).statusCode).toBe(400);
      expect((await admin.request('POST', hooks, { url: 'http://10.0.0.1/hook' })).statusCode).toBe(400);
      const res = await deliverTo('/ok');
      expect(res.json().attemptLog[0]).toMatchObject({ outcome: 'succeeded', responseStatus: 200, responseHeaders: { 'content-type': 'text/plain' } });
    });

    it('keeps status and safe headers only, never the answer\'s body or other headers', async () => {
      const res = await deliverTo('/fail');
      expect(res.json().attemptLog[0]).toMatchObject({ outcome: 'failed', responseStatus: 500, error: 'the endpoint answered HTTP 500' });
      expect(res.body).not.toContain(SECRET_BODY);
      expect(res.body).not.toContain('x-internal');
      expect(res.json().attemptLog[0]).not.toHaveProperty('responseExcerpt');
    });

    it('does not follow a redirect: the 3xx is a failed attempt with its status', async () => {
      const res = await deliverTo('/redirect');
      expect(res.json().attemptLog[0]).toMatchObject({ outcome: 'failed', responseStatus: 307, error: expect.stringMatching(/HTTP 307 \(redirects are not followed\)/) });
      expect(hits).not.toContain('/target');
    });

    it('connects to the address it checked: of a name\'s answers, the allowed one', async () => {
      const res = await deliverTo('/pinned', `two.test:${port}`);
      expect(res.json().attemptLog[0]).toMatchObject({ outcome: 'succeeded', responseStatus: 200 });
      expect(hits).toContain('/pinned');
    });
  });
});
