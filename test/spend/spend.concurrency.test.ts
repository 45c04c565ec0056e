// No overspend under real concurrency: 100 concurrent 1.00 holds against
// 10.00 remaining grant exactly 10 — on SQLite through concurrent requests
// to the app, on PostgreSQL through several pool connections and through two
// instances on one database. Concurrent retries of one usage event count once.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createServices } from '../../src/services.js';
import { openStorage } from '../../src/storage/database.js';
import { DIALECTS, POSTGRES_URL, TEST_LIMITS } from '../helpers/test-app.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

describe.each(DIALECTS)('concurrent spend (%s)', (dialect) => {
  let t: SpendTestApp;
  let ann: string;

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    ann = await t.user('ann');
    await t.adminApi('PUT', '/default', { amount: 1_000 });
  });
  afterAll(async () => t.close());

  const hold = (app = t.app) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/teams/${t.teamId}/spend/authorize`,
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ member: { id: ann }, amount: 100, currency: 'USD', hold: true }),
    });

  it('grants exactly 10 of 100 concurrent 1.00 holds against 10.00', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, () => hold()));
    expect(answers.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(answers.filter((r) => r.json().allowed)).toHaveLength(10);
    expect((await t.host('GET', `/members/${ann}`)).json()).toMatchObject({ held: 1_000, remaining: 0 });
    for (const r of answers.filter((a) => a.json().allowed)) await t.host('POST', `/holds/${r.json().hold.id}/release`);
    expect((await t.host('GET', `/members/${ann}`)).json()).toMatchObject({ held: 0, remaining: 1_000 });
  });

  it('counts one usage event once when its retries arrive together', async () => {
    const body = { eventId: 'together', member: { id: ann }, amount: 10, currency: 'USD' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.host('POST', '/usage', body)));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(19);
    expect((await t.host('GET', `/members/${ann}`)).json().spent).toBe(10);
  });

  it.runIf(dialect === 'postgres')('grants exactly 10 across two instances on one database', async () => {
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.storage.db)).rows[0].s;
    const second = await openStorage(POSTGRES_URL, { postgres: { schema, poolSize: 10 }, migrate: false });
    const other = await buildApp({ services: createServices(second, { clock: t.clock }), storage: second, publicUrl: 'http://127.0.0.1:8081', limits: TEST_LIMITS, logLevel: 'silent' });
    try {
      const left = (await t.host('GET', `/members/${ann}`)).json().remaining as number;
      expect(left).toBe(990);
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => hold(i % 2 === 0 ? t.app : other)));
      expect(answers.filter((r) => r.json().allowed)).toHaveLength(9);
      expect((await t.host('GET', `/members/${ann}`)).json()).toMatchObject({ held: 900, remaining: 90 });
    } finally {
      await other.close();
      await second.close();
    }
  });
});
