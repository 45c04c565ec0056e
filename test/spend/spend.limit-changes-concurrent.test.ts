// Admin limit changes that race on one team: on SQLite as concurrent
// requests to one app, on PostgreSQL from two instances on one database.
// Each change takes the team's events lock before it reads the policy, so
// the changes take turns: every member's spend.limit_changed events form a
// chain (each previous is the one before's current) that ends at the limit
// the final settings give, and each response's affectedMembers is the
// number of events its change wrote.

import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createServices } from '../../src/services.js';
import { openStorage, type Storage } from '../../src/storage/database.js';
import { DIALECTS, POSTGRES_URL, TEST_LIMITS } from '../helpers/test-app.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

type Limit = { amount: number | null; mode: string };

describe.each(DIALECTS)('concurrent admin limit changes (%s)', (dialect) => {
  let t: SpendTestApp;
  let other: FastifyInstance | undefined;
  let second: Storage | undefined;
  const users: string[] = [];
  let g1: string;
  let g2: string;

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    for (let i = 0; i < 30; i++) users.push(await t.user(`member${i}`));
    g1 = await t.group('First', users.slice(0, 20));
    g2 = await t.group('Second', users.slice(10, 30));
    await t.adminApi('PUT', `/overrides/${users[15]}`, { amount: 1 });
    if (dialect === 'postgres') {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.storage.db)).rows[0].s;
      second = await openStorage(POSTGRES_URL, { postgres: { schema, poolSize: 10 }, migrate: false });
      other = await buildApp({ services: createServices(second, { clock: t.clock }), storage: second, publicUrl: 'http://127.0.0.1:8081', limits: TEST_LIMITS, logLevel: 'silent' });
    }
  });
  afterAll(async () => {
    await other?.close();
    await second?.close();
    await t.close();
  });

  /** An admin request through this instance (even) or the other one (odd, PostgreSQL only). */
  const send = (i: number, method: 'PUT' | 'DELETE', path: string, body?: unknown) => {
    if (i % 2 === 0 || !other) return t.adminApi(method, path, body);
    return other.inject({
      method,
      url: `/api/admin/teams/${t.teamId}/spend${path}`,
      headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  };

  it('writes events whose chains end at the final limits, one per member affected', async () => {
    const before = (await t.events('spend.limit_changed')).length;
    let answered = 0;
    for (let round = 0; round < 4; round++) {
      const changes = [
        () => send(0, 'PUT', `/group-limits/${g1}`, { amount: 5_000 + round * 10, mode: round % 2 ? 'soft' : 'hard' }),
        () => send(1, 'PUT', `/group-limits/${g2}`, { amount: 7_000 + round * 10, mode: 'soft' }),
        () => send(2, 'PUT', '/default', { amount: 1_000 + round * 10 }),
        () => send(3, round % 2 ? 'PUT' : 'DELETE', `/group-limits/${g1}`, round % 2 ? { amount: 9_000 + round } : undefined),
        () => send(5, 'PUT', `/overrides/${users[25]}`, { amount: 100 + round }),
      ];
      const answers = await Promise.all(changes.map((c) => c()));
      for (const a of answers) {
        expect(a.statusCode).toBe(200);
        answered += a.json().affectedMembers as number;
      }
    }
    const events = (await t.events('spend.limit_changed')).slice(before);
    expect(events).toHaveLength(answered);

    const same = (a: Limit, b: Limit) => a.amount === b.amount && (a.amount === null || a.mode === b.mode);
    for (const id of users) {
      const mine = events.filter((e) => e.resourceId === id).map((e) => e.data as { previous: Limit; current: Limit });
      for (let i = 1; i < mine.length; i++) expect(same(mine[i].previous, mine[i - 1].current)).toBe(true);
      const actual = (await t.host('GET', `/members/${id}`)).json().limit as Limit;
      if (mine.length > 0) expect(mine[mine.length - 1].current).toEqual(actual);
    }
  });
});
