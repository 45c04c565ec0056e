// /readyz follows the database: an instance whose PostgreSQL goes away
// answers 503 (so the load balancer takes it out of rotation) and 200 again
// once the database is back, without a restart. The outage is made with a
// TCP proxy between the instance and PostgreSQL, never by stopping the
// machine's PostgreSQL that other tests use.

import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DIALECTS, POSTGRES_URL, USER_SCHEMA } from '../helpers/test-app.js';
import { createTeam, dropSchema, freshSchema, inParallel, scimClient, startServer, type ServerProcess } from '../helpers/server-process.js';

const postgres = DIALECTS.includes('postgres');

/**
 * A loopback TCP proxy to PostgreSQL with two kinds of outage: `cut` (the
 * listener closes and every connection is reset, as when the database host
 * is down) and `freeze` (nothing gets through and nothing is refused, as when
 * a network drops packets); `open` / `thaw` end them on the same port.
 */
function databaseProxy(target: URL) {
  const pairs = new Set<[Socket, Socket]>();
  const held = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let frozen = false;
  const open = () =>
    new Promise<number>((done, fail) => {
      server = createServer((client) => {
        client.on('error', () => undefined);
        if (frozen) {
          held.add(client);
          return;
        }
        const upstream = connect(Number(target.port || 5432), target.hostname);
        upstream.on('error', () => undefined);
        const pair: [Socket, Socket] = [client, upstream];
        pairs.add(pair);
        client.on('close', () => pairs.delete(pair));
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
      for (const socket of [...[...pairs].flat(), ...held]) socket.destroy();
      if (server) server.close(() => done());
      else done();
      server = undefined;
    });
  const freeze = () => {
    frozen = true;
    for (const [client, upstream] of pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  };
  const thaw = () => {
    frozen = false;
    // Connection attempts made during the outage have given up by now.
    for (const socket of held) socket.destroy();
    held.clear();
    for (const [client, upstream] of pairs) client.pipe(upstream).pipe(client);
  };
  return { open, cut, freeze, thaw, connections: () => pairs.size };
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

/** An instance whose only way to PostgreSQL is through `proxy`. */
async function instanceBehind(proxy: ReturnType<typeof databaseProxy>, schema: string, env: Record<string, string> = {}) {
  const via = new URL(POSTGRES_URL);
  via.hostname = '127.0.0.1';
  via.port = String(await proxy.open());
  const server = await startServer({ databaseUrl: via.href, schema, env });
  const team = await createTeam(POSTGRES_URL, schema);
  return { server, ...team, scim: scimClient(server, team.teamId, team.token) };
}

describe.runIf(postgres)('/readyz while PostgreSQL goes away and comes back', () => {
  const schema = freshSchema();
  const proxies: ReturnType<typeof databaseProxy>[] = [];
  const servers: ServerProcess[] = [];
  const setUp = async (env?: Record<string, string>) => {
    const proxy = databaseProxy(new URL(POSTGRES_URL));
    proxies.push(proxy);
    const instance = await instanceBehind(proxy, schema, env);
    servers.push(instance.server);
    return { proxy, ...instance };
  };

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(proxies.map((p) => p.cut()));
    await dropSchema(POSTGRES_URL, schema);
  });

  it('database down: 503 during the outage, 200 after it, in the same process, which then exits 0', async () => {
    const { proxy, server, scim } = await setUp();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'before@example.com' })).status).toBe(201);
    expect(proxy.connections()).toBeGreaterThan(0);

    // Writes are in flight when the connections drop, so some pooled clients
    // are checked out (inside a transaction, between two queries) at that moment.
    let completed = 0;
    const writes = inParallel(Array.from({ length: 300 }, (_, i) => i), 10, async (i) => {
      const res = await scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `during${i}@example.com` }).catch(() => ({ status: 0 }));
      completed++;
      return res.status;
    });
    while (completed < 30) await sleep(5);
    await proxy.cut();
    const statuses = await writes;
    expect(server.child.exitCode, server.output()).toBeNull();
    // Each write either committed before the cut or failed as a server error.
    expect(statuses.filter((s) => s !== 201 && s < 500)).toEqual([]);

    const during = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
    expect(during.status).toBe(503);
    expect(await during.json()).toMatchObject({ status: 'unavailable' });
    // Liveness is not readiness: the process itself is fine, so it is not restarted.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // A SCIM request meanwhile fails as "unavailable, retry", never as a client error or a 500.
    const failed = await scim('GET', '/Users?count=1');
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('5');
    expect(failed.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503' });

    await proxy.open();
    expect(await waitForStatus(`${server.url}/readyz`, 200)).toBe(200);
    const after = await scim('GET', '/Users?filter=userName%20eq%20%22before%40example.com%22');
    expect(after.status).toBe(200);
    expect(after.body.totalResults).toBe(1);
    expect(await server.stop(), server.output()).toBe(0);
  });

  it('database silent (packets dropped): /readyz answers 503 promptly and requests fail instead of hanging', async () => {
    const { proxy, server, scim, teamId, token } = await setUp({ ROLLCALL_PG_STATEMENT_TIMEOUT_MS: '1000' });
    await inParallel(Array.from({ length: 20 }, (_, i) => i), 10, (i) => scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `quiet${i}@example.com` }));

    proxy.freeze();
    // Without a client-side deadline these would wait for TCP to give up (minutes).
    const ready = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status, (e: Error) => e.name);
    expect(ready).toBe(503);
    expect(server.child.exitCode).toBeNull();
    const read = await fetch(`${server.url}/scim/v2/${teamId}/Users?count=1`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(25_000) }).then(
      (r) => r.status,
      (e: Error) => e.name,
    );
    expect(read).toBe(503);

    proxy.thaw();
    expect(await waitForStatus(`${server.url}/readyz`, 200)).toBe(200);
    expect((await scim('GET', '/Users?count=1')).status).toBe(200);
    expect(await server.stop(), server.output()).toBe(0);
  });

  it('a statement past the statement timeout (a lock held elsewhere): 503 with Retry-After, nothing written, then served again', async () => {
    const { server, scim } = await setUp({ ROLLCALL_PG_STATEMENT_TIMEOUT_MS: '500' });
    expect((await scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'first@example.com' })).status).toBe(201);

    // Another session holds the users table: every statement on it waits, until the timeout cancels it (57014).
    const locker = new pg.Client({ connectionString: POSTGRES_URL });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query(`lock table "${schema}".users in access exclusive mode`);
      const create = await scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'blocked@example.com' });
      expect(create.status, JSON.stringify(create.body)).toBe(503);
      expect(create.headers.get('retry-after')).toBe('5');
      expect(create.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503' });
      expect(create.body.detail).toMatch(/did not answer in time/);
      const lookup = await scim('GET', '/Users?filter=userName%20eq%20%22first%40example.com%22');
      expect(lookup.status).toBe(503);
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await locker.end();
    }

    // Nothing of the refused create was written, and the same request now succeeds.
    const blocked = await scim('GET', '/Users?filter=userName%20eq%20%22blocked%40example.com%22');
    expect(blocked.status).toBe(200);
    expect(blocked.body.totalResults).toBe(0);
    expect((await scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'blocked@example.com' })).status).toBe(201);
    // The operator sees why: the driver's own message is in the log.
    expect(server.output()).toMatch(/statement timeout/);
    expect(await server.stop(), server.output()).toBe(0);
  });

  it('a Bulk while the database does not answer: each operation 503 after one attempt, not retried one by one', async () => {
    const { server, scim } = await setUp({ ROLLCALL_PG_STATEMENT_TIMEOUT_MS: '500' });
    const locker = new pg.Client({ connectionString: POSTGRES_URL });
    await locker.connect();
    const logBefore = server.output().length;
    try {
      await locker.query('begin');
      await locker.query(`lock table "${schema}".users in access exclusive mode`);
      const Operations = Array.from({ length: 20 }, (_, i) => ({ method: 'POST', path: '/Users', bulkId: `u${i}`, data: { schemas: [USER_SCHEMA], userName: `bulk${i}@example.com` } }));
      const bulk = await scim('POST', '/Bulk', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations });
      expect(bulk.status).toBe(200);
      expect(bulk.body.Operations.map((o: { status: string }) => o.status)).toEqual(Operations.map(() => '503'));
      expect(bulk.body.Operations[0].response.detail).toMatch(/did not answer in time/);
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await locker.end();
    }
    // One statement was cancelled: the other 19 creates were answered without another try.
    const log = server.output().slice(logBefore);
    expect(log.split('\n').filter((line) => line.includes('canceling statement due to statement timeout'))).toHaveLength(1);
    const after = await scim('GET', '/Users?filter=userName%20sw%20%22bulk%22');
    expect(after.body.totalResults).toBe(0);
    expect(await server.stop(), server.output()).toBe(0);
  });
});
