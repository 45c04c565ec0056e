// The events feed (/api/v1 and /api/admin): durable, ordered per team, read
// by an opaque cursor; a team's numbers are gap-free and follow commit order,
// so a reader that remembers its cursor never misses an event — including on
// PostgreSQL when transactions commit in another order than they started.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin } from '../helpers/admin-session.js';
import { createEventsRepository } from '../../src/storage/realtime/events-repository.js';
import type { Executor } from '../../src/storage/executor.js';

describe.each(DIALECTS)('events feed on %s', (dialect) => {
  let t: TestApp;
  let key: string;
  const get = (url: string, auth = key) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${auth}` } });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    key = (await t.services.apiKeys.create({ label: 'host' })).secret;
    for (let i = 0; i < 5; i++) await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `feed${i}@example.com` });
  });
  afterAll(async () => t.close());

  it('pages through a team\'s events in order, numbered 1, 2, 3… without gaps', async () => {
    const first = (await get(`/api/v1/teams/${t.teamId}/events?limit=3`)).json();
    expect(first.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
    expect(first.events[0]).toMatchObject({ type: 'token.created', teamId: t.teamId, data: { version: 1 } });
    expect(first.hasMore).toBe(true);
    const rest = (await get(`/api/v1/teams/${t.teamId}/events?after=${first.nextCursor}`)).json();
    expect(rest.events.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
      [4, 'user.created'],
      [5, 'user.created'],
      [6, 'user.created'],
    ]);
    expect(rest.hasMore).toBe(false);
    const after = (await get(`/api/v1/teams/${t.teamId}/events?after=${rest.nextCursor}`)).json();
    expect(after).toEqual({ events: [], nextCursor: rest.nextCursor, hasMore: false });
  });

  it('keeps each team to its own numbering', async () => {
    const other = await t.services.teams.create({ slug: `other-${dialect}` });
    await t.services.tokens.create(other.id, { allowWithoutSso: true });
    const page = (await get(`/api/v1/teams/${other.id}/events`)).json();
    expect(page.events.map((e: { seq: number; teamId: string }) => [e.seq, e.teamId])).toEqual([[1, other.id]]);
  });

  it('refuses a cursor it did not give out, and a bad limit', async () => {
    for (const after of ['12', 'c1.x', 'c2.5', '']) {
      const res = await get(`/api/v1/teams/${t.teamId}/events?after=${encodeURIComponent(after)}`);
      if (after === '') continue;
      expect(res.statusCode, after).toBe(400);
      expect(res.json().error.code).toBe('events.invalid_cursor');
    }
    expect((await get(`/api/v1/teams/${t.teamId}/events?limit=0`)).statusCode).toBe(400);
    expect((await get(`/api/v1/teams/${t.teamId}/events?limit=1001`)).statusCode).toBe(400);
  });

  it('serves /api/v1/events for a team-bound key, and an installation key the installation stream or the team it names', async () => {
    const bound = (await t.services.apiKeys.create({ teamId: t.teamId })).secret;
    const page = (await get('/api/v1/events?limit=2', bound)).json();
    expect(page.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    // Without teamId, an installation-wide key reads the installation stream (team.*, plan.changed).
    const installation = (await get('/api/v1/events')).json();
    expect(installation.events.map((e: { type: string; teamId: string }) => [e.type, e.teamId])).toContainEqual(['team.created', 'installation']);
    expect((await get(`/api/v1/events?teamId=${t.teamId}&limit=1`)).json().events).toHaveLength(1);
    const other = await t.services.teams.create({ slug: `elsewhere-${dialect}` });
    expect((await get(`/api/v1/events?teamId=${other.id}`, bound)).statusCode).toBe(404);
    expect((await get(`/api/v1/teams/${t.teamId}/events`, t.token)).statusCode).toBe(401);
  });

  it('shows the feed to the team\'s dashboard users, and to nobody else', async () => {
    const member = await signInAdmin(t, `viewer-${dialect}@example.com`, 'member');
    const res = await member.request('GET', `/api/admin/teams/${t.teamId}/events?limit=1`);
    expect(res.statusCode).toBe(200);
    expect(res.json().events[0].seq).toBe(1);
    const other = await t.services.teams.create({ slug: `stranger-${dialect}` });
    const stranger = await signInAdmin(t, `stranger-${dialect}@example.com`, 'owner', other.id);
    expect((await stranger.request('GET', `/api/admin/teams/${t.teamId}/events`)).statusCode).toBe(404);
  });

  it('numbers the events of concurrent writes 1…n in commit order', async () => {
    const before = (await get(`/api/v1/teams/${t.teamId}/events?limit=1000`)).json().events.length;
    await Promise.all(Array.from({ length: 20 }, (_, i) => t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `burst${i}@example.com` })));
    const seqs = (await get(`/api/v1/teams/${t.teamId}/events?limit=1000`)).json().events.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(Array.from({ length: before + 20 }, (_, i) => i + 1));
  });
});

describe.runIf(DIALECTS.includes('postgres'))('events feed on postgres: a late commit is never skipped', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('postgres');
  });
  afterAll(async () => t.close());

  it('holds a later writer behind an open transaction of the same team, so cursors stay exact', async () => {
    const events = createEventsRepository();
    const db = t.storage.db;
    const event = (id: string) => ({ id, teamId: t.teamId, type: 'user.updated', occurredAt: new Date().toISOString(), data: { version: 1 } });
    const start = await events.lastSeq(db, t.teamId);

    let commitA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => (commitA = resolve));
    let aAppended!: (pid: number) => void;
    const aHasAppended = new Promise<number>((resolve) => (aAppended = resolve));
    const a = db.transaction().execute(async (tx) => {
      await events.append(tx as Executor, [event('00000000-0000-4000-8000-00000000000a')]);
      aAppended((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0].pid);
      await aMayCommit;
    });
    const aPid = await aHasAppended;
    const b = db.transaction().execute(async (tx) => events.append(tx as Executor, [event('00000000-0000-4000-8000-00000000000b')]));

    // B is waiting for A's lock on the team's counter (seen by PostgreSQL, not by a clock).
    for (;;) {
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where ${aPid}::int = any(pg_blocking_pids(pid))`.execute(db);
      if (waiting.rows[0].n > 0) break;
    }
    expect(await events.listAfter(db, t.teamId, start, 10)).toEqual([]);
    commitA();
    await Promise.all([a, b]);
    const seen = await events.listAfter(db, t.teamId, start, 10);
    expect(seen.map((e) => [e.seq - start, e.id.slice(-1)])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });
});
