// The edge on real sockets: a client that never finishes its headers is
// answered 408 and disconnected (headersTimeout), a connection past the cap
// is closed at once (maxConnections), and the URL logged for a request
// carries no token from its query string.

import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, openTestStorage, TEST_LIMITS, type TestApp } from '../helpers/test-app.js';
import { buildApp } from '../../src/http/app.js';
import { createServices } from '../../src/services.js';
import type { EdgeLimits } from '../../src/http/load-shedding.js';

const EDGE: EdgeLimits = {
  scimRate: { perMinute: 0, burst: 1 },
  apiRate: { perMinute: 0, burst: 1 },
  maxInFlight: 0,
  maxConnections: 2,
  headersTimeoutMs: 1000,
  keepAliveTimeoutMs: 30_000,
};

/** Writes `text` on a new connection; resolves with what it received once the server closes it (or, with keepOpen, once a response head arrived). */
function exchange(port: number, text: string, keepOpen = false): Promise<{ received: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (keepOpen && received.includes('\r\n\r\n')) resolve({ received, socket });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve({ received, socket }) : reject(error)));
    socket.on('close', () => resolve({ received, socket }));
    socket.on('connect', () => socket.write(text));
  });
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`;

describe.each(DIALECTS)('the edge on real sockets on %s', (dialect) => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp(dialect, { edge: EDGE });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => t.close());

  it('answers 408 and closes a connection whose headers never finish', async () => {
    const { received } = await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes connections past the cap at once and serves the ones within it', async () => {
    for (let i = 0; i < 100 && (await new Promise<number>((r) => t.app.server.getConnections((_e, n) => r(n)))) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    const open = [await exchange(port, get('/healthz'), true), await exchange(port, get('/healthz'), true)];
    for (const { received } of open) expect(received).toMatch(/^HTTP\/1\.1 200 /);
    const refused = await exchange(port, get('/healthz'));
    expect(refused.received).toBe('');
    for (const { socket } of open) socket.destroy();
  });
});

describe('request logs', () => {
  it('log the URL with a query token redacted', async () => {
    const lines: string[] = [];
    const { storage } = await openTestStorage('sqlite');
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({ services: createServices(storage), storage, publicUrl: 'http://127.0.0.1:8080', limits: TEST_LIMITS, logLevel: 'info', logStream: stream });
    try {
      const secret = 'rcs_in-the-query-string-0123456789abcdef';
      const res = await app.inject({ method: 'GET', url: `/scim/v2/some-team/Users?count=1&access_token=${secret}` });
      expect(res.statusCode).toBe(401);
      await app.inject({ method: 'GET', url: `/api/v1/teams?access_token=${secret}` });
      const logged = lines.join('');
      expect(logged).toContain('access_token=[redacted]');
      expect(logged).not.toContain(secret);
    } finally {
      await app.close();
      await storage.close();
    }
  });
});
