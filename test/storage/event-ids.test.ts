// Event ids are UUIDv7 (RFC 9562 §5.7): the Unix time in ms first, so the
// unique index on events.id grows at its end. Those the domain makes
// (domain/uuid-v7.ts) and those a set-based insert makes in SQL
// (dialect.randomUuid()) have the same shape, are unique, and follow time.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { uuidV7 } from '../../src/domain/uuid-v7.js';
import { createEventFactory } from '../../src/domain/events.js';
import { randomIds, systemClock } from '../../src/domain/ports.js';
import { DIALECTS, openTestStorage } from '../helpers/test-app.js';
import type { Storage } from '../../src/storage/database.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('uuidV7', () => {
  it('writes the version, the variant and the time in ms', () => {
    const at = Date.UTC(2026, 11, 2, 12, 0, 0, 123);
    const id = uuidV7(at);
    expect(id).toMatch(V7);
    expect(msOf(id)).toBe(at);
  });

  it('makes ids that increase strictly, within a millisecond too, and differ in their random bits', () => {
    const at = Date.now() + 60_000;
    const ids = Array.from({ length: 10_000 }, () => uuidV7(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(V7);
    // 10,000 ids in one millisecond borrow the next ones, never fall back.
    expect(msOf(ids[ids.length - 1])).toBeGreaterThanOrEqual(at);
    expect(msOf(ids[ids.length - 1])).toBeLessThan(at + 10);
    // 62 random bits: the tails of consecutive ids share nothing.
    const tails = new Set(ids.map((id) => id.slice(24)));
    expect(tails.size).toBe(ids.length);
  });

  it('is what events get from the real id source, and a clock earlier than the last id never goes back', () => {
    const event = createEventFactory(systemClock, randomIds);
    const a = event('t', 'user.created', { type: 'User', id: 'u' }, {}).id;
    const b = event('t', 'user.created', { type: 'User', id: 'u' }, {}).id;
    expect(a).toMatch(V7);
    expect(b > a).toBe(true);
    expect(uuidV7(0) > b).toBe(true);
  });
});

describe.each(DIALECTS)('dialect.randomUuid (%s)', (dialect) => {
  let storage: Storage;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ storage, drop } = await openTestStorage(dialect, { migrate: false }));
  });
  afterAll(async () => {
    await storage.close();
    await drop();
  });

  it('gives each row a distinct UUIDv7 of the statement time', async () => {
    const before = Date.now();
    const { rows } = await sql<{ id: string }>`with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000)
      select ${storage.sqlDialect.randomUuid()} as id from n`.execute(storage.db);
    const after = Date.now();
    expect(rows).toHaveLength(5000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(5000);
    for (const { id } of rows) {
      expect(id).toMatch(V7);
      expect(msOf(id)).toBeGreaterThanOrEqual(before - 1);
      expect(msOf(id)).toBeLessThanOrEqual(after + 1);
    }
    // Every variant value turns up (the variant nibble is 8, 9, a or b).
    expect(new Set(rows.map((r) => r.id[19]))).toEqual(new Set(['8', '9', 'a', 'b']));
  });
});
