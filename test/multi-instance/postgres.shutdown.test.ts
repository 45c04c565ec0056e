// Graceful shutdown of one instance out of two: on SIGTERM it stops
// accepting connections, finishes every request it had already accepted,
// closes its pool and exits 0, while the other instance keeps serving.

import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, POSTGRES_URL, USER_SCHEMA } from '../helpers/test-app.js';
import { createTeam, dropSchema, freshSchema, scimClient, startServer, type ServerProcess } from '../helpers/server-process.js';

const postgres = DIALECTS.includes('postgres');

type Outcome = { status: number } | { error: string };

/**
 * A POST whose headers reach the server at once and whose body waits for
 * `finish()`. `Expect: 100-continue` makes the server confirm it has read the
 * headers, so the request is provably in flight before the SIGTERM.
 */
function heldPost(url: string, token: string, body: unknown): { accepted: Promise<void>; finish: () => void; outcome: Promise<Outcome> } {
  const payload = Buffer.from(JSON.stringify(body));
  const request = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', 'content-length': payload.length, expect: '100-continue' },
  });
  const accepted = new Promise<void>((done) => request.once('continue', () => done()));
  const outcome = new Promise<Outcome>((done) => {
    request.once('response', (res) => {
      res.resume();
      res.once('end', () => done({ status: res.statusCode ?? 0 }));
    });
    request.once('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
  });
  request.flushHeaders();
  void accepted.then(() => request.write(payload.subarray(0, 10)));
  return { accepted, finish: () => request.end(payload.subarray(10)), outcome };
}

/** One request on a connection of its own (no keep-alive reuse races). */
function post(url: string, token: string, body: unknown): Promise<Outcome> {
  return new Promise((done) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' } }, (res) => {
      res.resume();
      res.once('end', () => done({ status: res.statusCode ?? 0 }));
    });
    request.once('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
    request.end(JSON.stringify(body));
  });
}

describe.runIf(postgres)('graceful shutdown with two instances on one PostgreSQL schema', () => {
  const schema = freshSchema();
  let a: ServerProcess;
  let b: ServerProcess;
  let team: { teamId: string; token: string };

  beforeAll(async () => {
    [a, b] = await Promise.all([startServer({ databaseUrl: POSTGRES_URL, schema }), startServer({ databaseUrl: POSTGRES_URL, schema })]);
    team = await createTeam(POSTGRES_URL, schema);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await dropSchema(POSTGRES_URL, schema);
  });

  it('SIGTERM drains accepted requests, refuses new ones, exits 0; the other instance keeps serving', async () => {
    const usersUrl = (s: ServerProcess) => `${s.url}/scim/v2/${team.teamId}/Users`;
    const user = (name: string) => ({ schemas: [USER_SCHEMA], userName: `${name}@example.com` });

    // A steady stream of creations through instance A, three at a time.
    const streamed: { name: string; outcome: Outcome }[] = [];
    let stopping = false;
    const worker = async (w: number) => {
      for (let i = 0; i < 300; i++) {
        const name = `stream-${w}-${i}`;
        const outcome = await post(usersUrl(a), team.token, user(name));
        streamed.push({ name, outcome });
        if (stopping && ('error' in outcome || outcome.status === 503)) return;
      }
    };
    const stream = Promise.all([0, 1, 2].map(worker));

    const held = Array.from({ length: 5 }, (_, i) => ({ name: `held-${i}`, ...heldPost(usersUrl(a), team.token, user(`held-${i}`)) }));
    await Promise.all(held.map((h) => h.accepted));
    while (streamed.length < 20) await new Promise((r) => setTimeout(r, 10));

    stopping = true;
    process.kill(a.pid, 'SIGTERM');
    // Once A no longer accepts work, the held bodies are sent.
    for (let i = 0; i < 500; i++) {
      const probe = await post(usersUrl(a), team.token, user(`probe-${i}`));
      if ('error' in probe || probe.status === 503) break;
      streamed.push({ name: `probe-${i}`, outcome: probe });
    }
    for (const h of held) h.finish();

    const heldOutcomes = await Promise.all(held.map((h) => h.outcome));
    expect(heldOutcomes).toEqual(Array(5).fill({ status: 201 }));
    await stream;
    expect(await a.exited, a.output()).toBe(0);

    // Whatever A answered was true: no 500 from a pool closed under a request,
    // and every 201 is in the database, as read through B.
    const answered = streamed.filter((s) => 'status' in s.outcome);
    for (const s of answered) expect([201, 503]).toContain((s.outcome as { status: number }).status);
    const refused = streamed.filter((s) => 'error' in s.outcome).map((s) => (s.outcome as { error: string }).error);
    for (const code of refused) expect(['ECONNREFUSED', 'ECONNRESET']).toContain(code);

    const created = [...held.map((h) => h.name), ...answered.filter((s) => (s.outcome as { status: number }).status === 201).map((s) => s.name)];
    const db = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await db.connect();
    const stored = new Set((await db.query<{ user_name: string }>('select user_name from users')).rows.map((r) => r.user_name));
    await db.end();
    for (const name of created) expect(stored.has(`${name}@example.com`), name).toBe(true);

    const viaB = scimClient(b, team.teamId, team.token);
    const list = await viaB('GET', '/Users?count=1');
    expect(list.status).toBe(200);
    expect(list.body.totalResults).toBe(stored.size);
  });
});
