// store.batch (src/storage/directory/batched-writes.ts): many writes in one
// transaction, each in a savepoint. A write that fails, whether it throws
// itself or a statement of it fails (which on PostgreSQL aborts everything
// after it unless rolled back to the savepoint), leaves no row, no event and
// no count behind; the writes around it commit.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import type { StoredResource } from '../../src/domain/directory/types.js';
import type { DomainEvent } from '../../src/domain/events.js';

describe.each(DIALECTS)('batched writes (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const now = new Date().toISOString();
  const userNamed = (userName: string): StoredResource => ({
    id: randomUUID(),
    teamId: t.teamId,
    resource: { schemas: [USER_SCHEMA], userName, active: true, emails: [{ value: `${userName}@example.com` }] },
    created: now,
    lastModified: now,
    version: 1,
  });
  const created = (user: StoredResource): DomainEvent => ({ id: randomUUID(), teamId: t.teamId, type: 'user.created', occurredAt: now, resourceType: 'User', resourceId: user.id, data: {} });
  const userCount = async () => (await t.scim('GET', '/Users?count=0')).json().totalResults as number;
  const events = async () => t.services.store.events.listAfter(t.services.store.db, t.teamId, 0, 10_000);
  const emailRows = async (userId: string) =>
    (await t.storage.db.selectFrom('user_emails').select('user_id').where('user_id', '=', userId).execute()).length;

  it('rolls a failed write back to its savepoint: no row, event or count of it remains, the others commit', async () => {
    const store = t.services.store;
    const [a, b, c, d] = ['sp.a', 'sp.b', 'sp.c', 'sp.d'].map(userNamed);
    const countBefore = await userCount();
    const eventsBefore = (await events()).length;
    type Scoped = typeof store;
    const write = (scoped: Scoped, user: StoredResource, then?: () => Promise<void>) =>
      scoped.transaction(async (tx) => {
        await scoped.users.insert(tx, user);
        await scoped.events.append(tx, [created(user)]);
        await then?.();
      });
    await store.batch(async (scoped) => {
      await write(scoped, a);
      // Throws after its rows and event were written.
      await expect(
        write(scoped, b, async () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      // A statement fails (a userName taken) after the write's first row.
      await expect(
        scoped.transaction(async (tx) => {
          await scoped.users.insert(tx, c);
          await scoped.users.insert(tx, { ...userNamed('SP.A'), id: randomUUID() });
        }),
      ).rejects.toMatchObject({ code: 'user.user_name_taken' });
      await write(scoped, d);
    });
    for (const kept of [a, d]) expect(await store.users.findById(store.db, t.teamId, kept.id)).toBeDefined();
    for (const gone of [b, c]) {
      expect(await store.users.findById(store.db, t.teamId, gone.id)).toBeUndefined();
      expect(await emailRows(gone.id)).toBe(0);
    }
    expect(await emailRows(a.id)).toBe(1);
    expect(await emailRows(d.id)).toBe(1);
    expect(await userCount()).toBe(countBefore + 2);
    const written = (await events()).slice(eventsBefore);
    expect(written.map((e) => e.resourceId)).toEqual([a.id, d.id]);
    expect(written.map((e) => e.seq)).toEqual([eventsBefore + 1, eventsBefore + 2]);
  });

  it('commits nothing of a batch whose own work fails', async () => {
    const store = t.services.store;
    const user = userNamed('sp.whole');
    const countBefore = await userCount();
    await expect(
      store.batch(async (scoped) => {
        await scoped.transaction(async (tx) => {
          await scoped.users.insert(tx, user);
          await scoped.events.append(tx, [created(user)]);
        });
        throw new Error('the batch fails after a write succeeded');
      }),
    ).rejects.toThrow('the batch fails');
    expect(await store.users.findById(store.db, t.teamId, user.id)).toBeUndefined();
    expect(await userCount()).toBe(countBefore);
  });

  it('says it is full after the dialect’s number of writes', async () => {
    const store = t.services.store;
    const limit = t.storage.sqlDialect.savepointsPerTransaction;
    let writes = 0;
    await store.batch(async (scoped, full) => {
      while (!full() && writes < 1000) {
        await scoped.transaction(async () => undefined);
        writes++;
      }
    });
    // The time budget may end it sooner on a slow machine, never later.
    expect(writes).toBeLessThanOrEqual(limit);
    expect(writes).toBeGreaterThan(0);
  });
});
