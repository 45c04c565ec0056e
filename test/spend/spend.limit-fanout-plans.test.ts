// The set-based limit fan-out reads only the changed team's rows on SQLite,
// whose planner has no statistics: every statement a default or group
// change runs (count, sample, the what-if's spenders, the events' INSERT …
// SELECT) reaches users, memberships and spend totals through an index
// range or a key, never a scan of the whole table. A scan costs nothing
// here and seconds in a database that also holds a million-member team:
// the what-if's spenders walked every user of every team (issue 12).

import { CompiledQuery as Compiled, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LimitChangedTemplate, LimitFanOut } from '../../src/domain/spend/store.js';
import type { Executor } from '../../src/storage/executor.js';
import { createEventsRepository } from '../../src/storage/realtime/events-repository.js';
import { createLimitFanOutRepository } from '../../src/storage/spend/limit-fanout-repository.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

describe('limit fan-out query plans (sqlite)', () => {
  let t: SpendTestApp;
  let group: string;
  let limited: string;

  beforeAll(async () => {
    t = await createSpendTestApp('sqlite');
    const ids: string[] = [];
    for (const name of ['ann', 'bob', 'cat', 'dan']) ids.push(await t.user(name));
    group = await t.group('Big', ids);
    limited = await t.group('Small', ids.slice(0, 2));
    await t.adminApi('PUT', `/group-limits/${limited}`, { amount: 50 });
    await t.adminApi('PUT', `/overrides/${ids[3]}`, { amount: 70 });
  });
  afterAll(async () => t.close());

  /** `db` with every statement it runs recorded in `statements`. */
  function recording<T extends object>(db: T, statements: CompiledQuery[]): Executor {
    const bound = (target: object, key: string | symbol) => {
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    };
    const real = (db as unknown as Executor).getExecutor();
    const executor = new Proxy(real, {
      get: (target, key) =>
        key === 'executeQuery'
          ? (query: CompiledQuery) => {
              statements.push(query);
              return target.executeQuery(query);
            }
          : bound(target, key),
    });
    return new Proxy(db, { get: (target, key) => (key === 'getExecutor' ? () => executor : bound(target, key)) }) as unknown as Executor;
  }

  async function scans(statements: CompiledQuery[]): Promise<string[]> {
    const found: string[] = [];
    for (const s of statements) {
      const plan = await t.storage.db.executeQuery<{ detail: string }>(Compiled.raw(`explain query plan ${s.sql}`, [...s.parameters]));
      for (const { detail } of plan.rows) {
        // A SCAN of a table (by any alias); scans of the CTEs, the JSON rows and short lists are fine.
        if (/^SCAN /.test(detail) && !/^SCAN (lim|lb|la|l|x|s|wins|w|impact|json_each|CONSTANT)\b|^SCAN \(subquery/.test(detail)) found.push(`${detail} in ${s.sql.slice(0, 100)}`);
      }
    }
    return found;
  }

  const fallback = (amount: number | null) => ({ key: amount === null ? 'unlimited' : `${amount}:hard`, json: JSON.stringify({ amount, mode: 'hard' }) });
  const template: LimitChangedTemplate = { type: 'spend.limit_changed', occurredAt: '2026-11-10T12:00:00.000Z', parts: ['{"member":{"id":', ',"userName":', '},"previous":', ',"current":', '}'] };

  it.each(['default', 'group'] as const)('counting, sampling, replaying and writing a %s change scans no table whole', async (target) => {
    const plan: LimitFanOut =
      target === 'default'
        ? { teamId: t.teamId, scope: { target }, now: '2026-11-10T12:00:00.000Z', groups: [], fallback: { before: fallback(null), after: fallback(100) } }
        : {
            teamId: t.teamId,
            scope: { target, groupId: group },
            now: '2026-11-10T12:00:00.000Z',
            groups: [
              { groupId: limited, before: { rank: 0, ...fallback(50) }, after: { rank: 1, ...fallback(50) } },
              { groupId: group, before: null, after: { rank: 0, ...fallback(100) } },
            ],
            fallback: { before: fallback(null), after: fallback(null) },
          };
    const statements: CompiledQuery[] = [];
    const fanOut = createLimitFanOutRepository(t.storage.sqlDialect, createEventsRepository(t.storage.sqlDialect));
    const db = recording(t.storage.db, statements);
    const counted = await fanOut.countLimitChanges(db, plan);
    expect(counted.affected).toBeGreaterThan(0);
    expect(await fanOut.limitChangesSample(db, plan, 20)).toHaveLength(counted.affected);
    await fanOut.limitSpenders(db, plan, '2026-10-01T00:00:00.000Z');
    await t.storage.db.transaction().execute(async (tx) => {
      expect(await fanOut.appendLimitChanges(recording(tx, statements), plan, template)).toBe(counted.affected);
    });
    expect(statements.length).toBeGreaterThanOrEqual(4);
    expect(await scans(statements)).toEqual([]);
  });
});
