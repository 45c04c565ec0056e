// store.batch (src/storage/directory/batched-writes.ts): many writes in one
// transaction, without a savepoint each. A write whose users.insert finds
// its userName taken leaves no row, no event and no count behind, and the
// writes around it commit. Any other failure of a write (it throws itself,
// or a statement of it fails, which on PostgreSQL aborts the transaction)
// makes the batch full and then roll back as a whole: nothing of it stays.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import type { StoredResource } from '../../src/domain/directory/types.js';
import type { DomainEvent } from '../../src/domain/events.js';
import { BatchAborted } from '../../src/storage/directory/batched-writes.js';

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

  type Scoped = Parameters<Parameters<TestApp['services']['store']['batch']>[0]>[0];
  const write = (scoped: Scoped, user: StoredResource, then?: () => Promise<void>) =>
    scoped.transaction(async (tx) => {
      await scoped.users.insert(tx, user);
      await scoped.events.append(tx, [created(user)]);
      await then?.();
    });

  it('drops a write whose userName is taken: no row, event or count of it remains, the others commit', async () => {
    const store = t.services.store;
    const [a, d] = ['sp.a', 'sp.d'].map(userNamed);
    const taken = userNamed('SP.A');
    const countBefore = await userCount();
    const eventsBefore = (await events()).length;
    await store.batch(async (scoped) => {
      await write(scoped, a);
      await expect(write(scoped, taken)).rejects.toMatchObject({ code: 'user.user_name_taken' });
      await write(scoped, d);
    });
    for (const kept of [a, d]) expect(await store.users.findById(store.db, t.teamId, kept.id)).toBeDefined();
    expect(await store.users.findById(store.db, t.teamId, taken.id)).toBeUndefined();
    expect(await emailRows(taken.id)).toBe(0);
    expect(await emailRows(a.id)).toBe(1);
    expect(await emailRows(d.id)).toBe(1);
    expect(await userCount()).toBe(countBefore + 2);
    const written = (await events()).slice(eventsBefore);
    expect(written.map((e) => e.resourceId)).toEqual([a.id, d.id]);
    expect(written.map((e) => e.seq)).toEqual([eventsBefore + 1, eventsBefore + 2]);
  });

  it.each([
    ['throws after its rows and event were written', (scoped: Scoped, user: StoredResource, _taken: string) => write(scoped, user, async () => Promise.reject(new Error('boom')))],
    [
      'finds a userName taken after its first row',
      (scoped: Scoped, user: StoredResource, taken: string) =>
        scoped.transaction(async (tx) => {
          await scoped.users.insert(tx, user);
          await scoped.users.insert(tx, userNamed(taken.toUpperCase()));
        }),
    ],
  ])('rolls the whole batch back when a write %s, and says it is full', async (_name, failing) => {
    const store = t.services.store;
    const taken = `sp.rolled.taken.${randomUUID()}`;
    await store.users.insert(store.db, userNamed(taken));
    const [a, b, d] = ['sp.rolled.1', 'sp.rolled.2', 'sp.rolled.3'].map((n) => userNamed(`${n}.${randomUUID()}`));
    const countBefore = await userCount();
    const eventsBefore = (await events()).length;
    let fullAfter: boolean | undefined;
    await expect(
      store.batch(async (scoped, full) => {
        await write(scoped, a);
        // Over a network (PostgreSQL) users' rows wait for one multi-row
        // insert: a userName that the table already holds is found then, when
        // the batch ends, and it rejects as a whole all the same.
        const failed = await failing(scoped, b, taken).then(
          () => false,
          () => true,
        );
        expect(failed).toBe(!(t.storage.sqlDialect.roundTrips && _name.includes('taken')));
        fullAfter = full();
        // A write after it is refused: the transaction is not fit to go on.
        if (failed) await expect(write(scoped, d)).rejects.toThrow(BatchAborted);
        else await write(scoped, d);
        fullAfter = failed ? fullAfter : true;
      }),
    ).rejects.toThrow(BatchAborted);
    expect(fullAfter).toBe(true);
    for (const gone of [a, b, d]) {
      expect(await store.users.findById(store.db, t.teamId, gone.id)).toBeUndefined();
      expect(await emailRows(gone.id)).toBe(0);
    }
    expect(await userCount()).toBe(countBefore);
    expect((await events()).length).toBe(eventsBefore);
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
    const limit = t.storage.sqlDialect.writesPerBatch;
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
