import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy.js';
import { createDestinationCheck } from './destination-check.js';
import { createGuardedFetch } from './guarded-fetch.js';
import type { Resolve } from './guarded-lookup.js';
import { outboundRequest } from './outbound-request.js';

/** A resolver that answers each name from a script, one answer per call, and counts calls. */
function scripted(answers: Record<string, string[][]>) {
  const calls: string[] = [];
  const resolve: Resolve = async (host) => {
    calls.push(host);
    const next = answers[host]?.shift();
    if (!next) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return next.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, calls };
}

describe('outbound requests under the address policy', () => {
  let server: http.Server;
  let port: number;
  const seen: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/moved') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('internal secret');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (url: string, egress: Parameters<typeof outboundRequest>[0]) => outboundRequest(egress, { url: new URL(url), method: 'GET', headers: {}, timeoutMs: 5000, maxBytes: 1000 });

  it('refuses literal internal addresses in any spelling before connecting', async () => {
    const policy = createAddressPolicy();
    for (const host of ['127.0.0.1', '127.1', '0x7f.1', '2130706433', '0177.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '0.0.0.0', 'localhost', 'rollcall.localhost']) {
      await expect(get(`http://${host}:${port}/x`, { policy }), host).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    }
    expect(seen).toEqual([]);
  });

  it('refuses a name that resolves to an internal address, and connects only to the address it checked', async () => {
    const { resolve } = scripted({ 'inside.test': [['127.0.0.1']], 'mixed.test': [['127.0.0.2', '127.0.0.1']] });
    await expect(get(`http://inside.test:${port}/a`, { policy: createAddressPolicy(), resolve })).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    expect(seen).toEqual([]);
    // Only 127.0.0.1 is allowed: the disallowed first answer is skipped, the allowed one pinned.
    const answer = await get(`http://mixed.test:${port}/b`, { policy: createAddressPolicy(['127.0.0.1/32']), resolve });
    expect(answer.status).toBe(200);
    expect(seen).toEqual(['/b']);
  });

  it('checks every connection again: a name that turns private after the check (DNS rebinding) is refused', async () => {
    const { resolve, calls } = scripted({ 'rebind.test': [['93.184.216.34'], ['127.0.0.1']] });
    const policy = createAddressPolicy();
    expect(await createDestinationCheck(policy, resolve)(`http://rebind.test:${port}/hook`)).toBeNull();
    await expect(get(`http://rebind.test:${port}/c`, { policy, resolve })).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    expect(calls).toEqual(['rebind.test', 'rebind.test']);
    expect(seen).not.toContain('/c');
  });

  it('at save time refuses internal destinations and accepts a name that does not resolve', async () => {
    const { resolve } = scripted({ 'inside.test': [['10.0.0.1', 'fd00::1']] });
    const check = createDestinationCheck(createAddressPolicy(), resolve);
    expect(await check('https://inside.test/hook')).toMatch(/inside\.test is not a public address/);
    expect(await check('https://169.254.169.254/latest')).toMatch(/not a public address/);
    expect(await check('https://[::ffff:7f00:1]/x')).toMatch(/not a public address/);
    expect(await check('https://nowhere.test/hook')).toBeNull();
  });

  it('never follows a redirect, and fetch errors do not tell why the connection failed', async () => {
    const fetch = createGuardedFetch({ policy: createAddressPolicy(['127.0.0.1/32']) }, { timeoutMs: 5000, maxBytes: 1000 });
    const moved = await fetch(`http://127.0.0.1:${port}/moved`, { redirect: 'manual' } as never);
    expect(moved.status).toBe(302);
    expect(seen.filter((u) => u === '/moved')).toHaveLength(1);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const strict = createGuardedFetch({ policy: createAddressPolicy() }, { timeoutMs: 5000, maxBytes: 1000 });
    await expect(fetch(`http://127.0.0.1:${closedPort}/`)).rejects.toThrow(new RegExp(`^could not fetch http://127.0.0.1:${closedPort}/$`));
    await expect(strict(`http://127.0.0.1:${port}/`)).rejects.toThrow(/could not fetch .*not a public address/);
  });
});
