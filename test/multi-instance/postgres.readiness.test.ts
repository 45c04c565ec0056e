// /readyz follows the database: an instance whose PostgreSQL goes away
// answers 503 (so the load balancer takes it out of rotation) and 200 again
// once the database is back, without a restart. The outage is made with a
// TCP proxy between the instance and PostgreSQL, never by stopping the
// machine's PostgreSQL that other tests use.

import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, POSTGRES_URL, USER_SCHEMA } from '../helpers/test-app.js';
import { createTeam, dropSchema, freshSchema, scimClient, startServer, type ServerProcess } from '../helpers/server-process.js';

const postgres = DIALECTS.includes('postgres');

/** A loopback TCP proxy to PostgreSQL that can be cut (listener closed, connections destroyed) and restored on the same port. */
function databaseProxy(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const open = () =>
    new Promise<number>((done, fail) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => {
        const address = server?.address();
        port = typeof address === 'object' && address ? address.port : 0;
        done(port);
      });
    });
  const cut = () =>
    new Promise<void>((done) => {
      for (const s of sockets) s.destroy();
      if (server) server.close(() => done());
      else done();
      server = undefined;
    });
  return { open, cut, connections: () => sockets.size };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `url` answers `status` (bounded); returns the last status seen. */
async function waitForStatus(url: string, status: number, attempts = 100): Promise<number> {
  let last = 0;
  for (let i = 0; i < attempts; i++) {
    last = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status, () => 0);
    if (last === status) return last;
    await sleep(100);
  }
  return last;
}

describe.runIf(postgres)('/readyz while PostgreSQL goes away and comes back', () => {
  const schema = freshSchema();
  const proxy = databaseProxy(new URL(POSTGRES_URL));
  let server: ServerProcess;
  let scim: ReturnType<typeof scimClient>;

  beforeAll(async () => {
    const port = await proxy.open();
    const viaProxy = new URL(POSTGRES_URL);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    server = await startServer({ databaseUrl: viaProxy.href, schema });
    const team = await createTeam(POSTGRES_URL, schema);
    scim = scimClient(server, team.teamId, team.token);
  });

  afterAll(async () => {
    await server?.stop();
    await proxy.cut();
    await dropSchema(POSTGRES_URL, schema);
  });

  it('answers 503 during the outage and 200 after it, in the same process', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'before@example.com' })).status).toBe(201);
    expect(proxy.connections()).toBeGreaterThan(0);

    await proxy.cut();
    const during = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
    expect(during.status).toBe(503);
    expect(await during.json()).toMatchObject({ status: 'unavailable' });
    // Liveness is not readiness: the process itself is fine, so it is not restarted.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // A SCIM request meanwhile fails as a server error, never as a client error.
    const failed = await scim('GET', '/Users?count=1');
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] });

    await proxy.open();
    expect(await waitForStatus(`${server.url}/readyz`, 200)).toBe(200);
    const after = await scim('GET', '/Users?filter=userName%20eq%20%22before%40example.com%22');
    expect(after.status).toBe(200);
    expect(after.body.totalResults).toBe(1);
    expect(server.child.exitCode).toBeNull();
  });

  it('stops with exit code 0 after the outage', async () => {
    expect(await server.stop(), server.output()).toBe(0);
  });
});
