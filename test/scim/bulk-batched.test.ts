// Bulk runs consecutive POST /Users in shared transactions, without a savepoint per
// operation (src/storage/directory/batched-writes.ts). What the client sees
// must not change: each operation succeeds or fails on its own, failOnErrors
// still counts, bulkId references resolve across transaction boundaries, and
// the response is the one a transaction per operation gave
// (bulk-batched.expected.json was captured from that implementation).

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, PATCH_OP, type TestApp } from '../helpers/test-app.js';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const EXPECTED = JSON.parse(readFileSync(new URL('./bulk-batched.expected.json', import.meta.url), 'utf8')) as unknown;
/** More than one transaction holds on either database (sqlDialect.writesPerBatch: 250). */
const MANY = 450;

const user = (bulkId: string, userName: string, extra: Record<string, unknown> = {}) => ({
  method: 'POST',
  path: '/Users',
  bulkId,
  data: { schemas: [USER_SCHEMA], userName, ...extra },
});

/** Ids (uuids) replaced by id1, id2, … in order of first appearance, so two runs compare. */
function normalized(body: unknown): unknown {
  const seen = new Map<string, string>();
  const text = JSON.stringify(body).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
    if (!seen.has(id)) seen.set(id, `id${seen.size + 1}`);
    return seen.get(id) as string;
  });
  return JSON.parse(text);
}

const idOf = (location: string) => location.split('/').pop() as string;

describe.each(DIALECTS)('Bulk in shared transactions (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const userCount = async () => (await t.scim('GET', '/Users?count=0')).json().totalResults as number;
  const events = async () => t.services.store.events.listAfter(t.services.store.db, t.teamId, 0, 10_000);

  it('answers a mixed batch of successes and failures as a transaction per operation did', async () => {
    const res = await t.scim('POST', '/Bulk', {
      schemas: [BULK],
      Operations: [
        user('u1', 'mixed.alice', { emails: [{ value: 'alice@example.com', type: 'work', primary: true }] }),
        { method: 'POST', path: '/Users', bulkId: 'u2', data: { schemas: [USER_SCHEMA], displayName: 'no userName' } },
        user('u3', 'MIXED.ALICE'),
        { method: 'POST', path: '/Groups', bulkId: 'g1', data: { schemas: [GROUP_SCHEMA], displayName: 'Mixed', members: [{ value: 'bulkId:u1' }, { value: 'bulkId:u4' }] } },
        user('u4', 'mixed.bob'),
        { method: 'PATCH', path: '/Users/bulkId:u4', data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Bob' }] } },
        { method: 'POST', path: '/Users', data: { schemas: [USER_SCHEMA], userName: 'mixed.nobulkid' } },
        user('u5', 'mixed.carol', { active: false }),
        { method: 'POST', path: '/Users/abc', bulkId: 'u6', data: { schemas: [USER_SCHEMA], userName: 'mixed.dave' } },
        { method: 'PATCH', path: '/Users/bulkId:nope', data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] } },
        { method: 'DELETE', path: '/Users/bulkId:u5' },
        user('u7', 'mixed.erin', { name: { givenName: 'Erin', familyName: 'E' }, unknownAttribute: 1 }),
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(normalized(res.json())).toEqual(EXPECTED);
  });

  it('resolves bulkId references across transaction boundaries, forward and backward', async () => {
    const before = await userCount();
    const ops: unknown[] = [{ method: 'PATCH', path: `/Users/bulkId:b${MANY - 10}`, data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'late' }] } }];
    for (let i = 0; i < MANY; i++) ops.push(user(`b${i}`, `boundary.${i}`));
    ops.push({ method: 'POST', path: '/Groups', bulkId: 'bg', data: { schemas: [GROUP_SCHEMA], displayName: 'Boundary', members: [{ value: 'bulkId:b0' }, { value: 'bulkId:b250' }, { value: `bulkId:b${MANY - 1}` }] } });
    const res = await t.scim('POST', '/Bulk', { schemas: [BULK], Operations: ops });
    const out = res.json().Operations as { bulkId?: string; status: string; location?: string; version?: string }[];
    expect(out).toHaveLength(MANY + 2);
    expect(out.every((o) => o.status === '201' || o.status === '200')).toBe(true);
    expect(await userCount()).toBe(before + MANY);
    const byBulkId = new Map(out.filter((o) => o.bulkId).map((o) => [o.bulkId as string, idOf(o.location as string)]));
    const patched = out.find((o) => o.location?.endsWith(byBulkId.get(`b${MANY - 10}`) as string) && o.status === '200');
    expect(patched?.version).toBe('W/"2"');
    expect((await t.scim('GET', `/Users/${byBulkId.get(`b${MANY - 10}`)}`)).json().displayName).toBe('late');
    const group = (await t.scim('GET', `/Groups/${byBulkId.get('bg')}`)).json();
    expect(group.members.map((m: { value: string }) => m.value).sort()).toEqual([byBulkId.get('b0'), byBulkId.get('b250'), byBulkId.get(`b${MANY - 1}`)].sort());
  });

  it('stops after failOnErrors errors spread over two transactions, keeping what ran', async () => {
    const before = await userCount();
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'taken.1' });
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'taken.2' });
    const ops = Array.from({ length: 300 }, (_, i) => user(`f${i}`, i === 10 ? 'taken.1' : i === 250 ? 'taken.2' : `fail.${i}`));
    const res = await t.scim('POST', '/Bulk', { schemas: [BULK], failOnErrors: 2, Operations: ops });
    const out = res.json().Operations as { status: string }[];
    expect(out).toHaveLength(251);
    expect(out[10].status).toBe('409');
    expect(out[250].status).toBe('409');
    expect(out.filter((o) => o.status === '201')).toHaveLength(249);
    expect(await userCount()).toBe(before + 2 + 249);
    expect((await t.scim('GET', '/Users?filter=userName%20eq%20%22fail.251%22')).json().totalResults).toBe(0);
  });

  it('writes one user.created per created user, in operation order, and none for a failed one', async () => {
    const seqBefore = (await events()).length;
    const ops = Array.from({ length: 250 }, (_, i) => user(`e${i}`, i === 120 ? 'events.0' : `events.${i}`));
    const out = (await t.scim('POST', '/Bulk', { schemas: [BULK], Operations: ops })).json().Operations as { status: string; location?: string }[];
    expect(out[120].status).toBe('409');
    const created = out.filter((o) => o.status === '201').map((o) => idOf(o.location as string));
    expect(created).toHaveLength(249);
    const written = (await events()).slice(seqBefore);
    expect(written.map((e) => e.type)).toEqual(created.map(() => 'user.created'));
    expect(written.map((e) => e.resourceId)).toEqual(created);
    expect(written.map((e) => e.seq)).toEqual(written.map((_, i) => seqBefore + i + 1));
  });

  it('writes the emails of created users, and none of a failed one (filter on emails.value)', async () => {
    const withEmail = (bulkId: string, userName: string) => user(bulkId, userName, { emails: [{ value: `${userName}@mail.example`, type: 'work' }] });
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'mail.taken' });
    const out = (await t.scim('POST', '/Bulk', { schemas: [BULK], Operations: [withEmail('m1', 'mail.one'), withEmail('m2', 'MAIL.TAKEN'), withEmail('m3', 'mail.three')] })).json().Operations as { status: string }[];
    expect(out.map((o) => o.status)).toEqual(['201', '409', '201']);
    const byEmail = async (value: string) => (await t.scim('GET', `/Users?filter=${encodeURIComponent(`emails.value eq "${value}"`)}`)).json().totalResults as number;
    expect(await byEmail('mail.one@mail.example')).toBe(1);
    expect(await byEmail('mail.three@mail.example')).toBe(1);
    expect(await byEmail('MAIL.TAKEN@mail.example')).toBe(0);
  });

  it('runs the operations of a transaction that failed as a whole again, one at a time, answering as before', async () => {
    const users = t.services.users;
    const real = users.batch;
    let batches = 0;
    // The first transaction fails after its creates ran (as a failed commit would); the second cannot begin.
    users.batch = (async (fn: Parameters<typeof real>[0]) => {
      batches++;
      if (batches === 1) return real(async (batch) => {
        await fn(batch);
        throw new Error('commit failed');
      });
      if (batches === 2) throw new Error('cannot begin');
      return real(fn);
    }) as typeof real;
    try {
      const before = await userCount();
      const seqBefore = (await events()).length;
      const taken = 'fallback.taken';
      await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: taken });
      const ops = [
        ...Array.from({ length: 5 }, (_, i) => user(`fb${i}`, i === 2 ? taken : `fallback.${i}`)),
        { method: 'PATCH', path: '/Users/bulkId:fb0', data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] } },
        ...Array.from({ length: 3 }, (_, i) => user(`fc${i}`, `fallback.c${i}`)),
      ];
      const out = (await t.scim('POST', '/Bulk', { schemas: [BULK], Operations: ops })).json().Operations as { status: string; bulkId?: string; location?: string }[];
      expect(out.map((o) => o.status)).toEqual(['201', '201', '409', '201', '201', '200', '201', '201', '201']);
      expect(batches).toBeGreaterThanOrEqual(3);
      expect(await userCount()).toBe(before + 1 + 7);
      const created = out.filter((o) => o.status === '201').map((o) => idOf(o.location as string));
      const written = (await events()).slice(seqBefore + 1);
      expect(written.filter((e) => e.type === 'user.created').map((e) => e.resourceId)).toEqual(created);
    } finally {
      users.batch = real;
    }
  });

  it('runs a transaction again one create at a time when a create fails past its userName check (no savepoint to return to)', async () => {
    const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const users = t.services.store.users;
    const real = users.resolveRefs;
    let calls = 0;
    // The first manager lookup fails (as a lost connection would), after its create inserted the row.
    users.resolveRefs = (async (...args: Parameters<typeof real>) => {
      if (++calls === 1) throw new Error('lookup failed');
      return real(...args);
    }) as typeof real;
    try {
      const before = await userCount();
      const seqBefore = (await events()).length;
      await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'abort.taken' });
      const ops = [
        ...Array.from({ length: 3 }, (_, i) => user(`ab${i}`, `abort.${i}`)),
        user('ab3', 'abort.managed', { schemas: [USER_SCHEMA, ENT], [ENT]: { manager: { value: 'bulkId:ab0' } } }),
        user('ab4', 'ABORT.TAKEN'),
        ...Array.from({ length: 3 }, (_, i) => user(`ab${5 + i}`, `abort.${5 + i}`)),
      ];
      const out = (await t.scim('POST', '/Bulk', { schemas: [BULK], Operations: ops })).json().Operations as { status: string; bulkId?: string; location?: string }[];
      expect(out.map((o) => o.status)).toEqual(['201', '201', '201', '201', '409', '201', '201', '201']);
      expect(out.map((o) => o.bulkId)).toEqual(ops.map((o) => o.bulkId));
      expect(calls).toBeGreaterThanOrEqual(2);
      expect(await userCount()).toBe(before + 1 + 7);
      const created = out.filter((o) => o.status === '201').map((o) => idOf(o.location as string));
      for (const id of created) expect((await t.scim('GET', `/Users/${id}`)).statusCode).toBe(200);
      const managed = (await t.scim('GET', `/Users/${created[3]}`)).json();
      expect(managed[ENT].manager.value).toBe(created[0]);
      const written = (await events()).slice(seqBefore + 1);
      expect(written.map((e) => e.type)).toEqual(created.map(() => 'user.created'));
      expect(written.map((e) => e.resourceId)).toEqual(created);
      expect(written.map((e) => e.seq)).toEqual(written.map((_, i) => seqBefore + 2 + i));
    } finally {
      users.resolveRefs = real;
    }
  });

  it('answers 409 for a userName the team already holds and keeps the run in shared transactions (not one at a time)', async () => {
    const users = t.services.users;
    const [realBatch, realCreate] = [users.batch, users.create];
    let batches = 0;
    let singles = 0;
    users.batch = ((fn: Parameters<typeof realBatch>[0]) => (batches++, realBatch(fn))) as typeof realBatch;
    users.create = ((...args: Parameters<typeof realCreate>) => (singles++, realCreate(...args))) as typeof realCreate;
    try {
      await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'held.7' });
      const before = await userCount();
      const seqBefore = (await events()).length;
      singles = 0;
      const ops = Array.from({ length: 20 }, (_, i) => user(`h${i}`, i === 7 ? 'HELD.7' : `held.x${i}`));
      const out = (await t.scim('POST', '/Bulk', { schemas: [BULK], Operations: ops })).json().Operations as { status: string; location?: string }[];
      expect(out.map((o) => o.status)).toEqual(ops.map((_, i) => (i === 7 ? '409' : '201')));
      expect(singles).toBe(0);
      expect(batches).toBeLessThanOrEqual(2);
      expect(await userCount()).toBe(before + 19);
      const created = out.filter((o) => o.status === '201').map((o) => idOf(o.location as string));
      const written = (await events()).slice(seqBefore);
      expect(written.map((e) => e.resourceId)).toEqual(created);
      expect(written.map((e) => e.seq)).toEqual(written.map((_, i) => seqBefore + i + 1));
    } finally {
      users.batch = realBatch;
      users.create = realCreate;
    }
  });

  it('creates each userName once when two Bulks of overlapping userNames run at the same time', async () => {
    const before = await userCount();
    const seqBefore = (await events()).length;
    // Each names 300 users, 150 of them also in the other (in another order), so the overlap spans transactions.
    const first = Array.from({ length: 300 }, (_, i) => user(`p${i}`, `overlap.${i}`));
    const second = Array.from({ length: 300 }, (_, i) => user(`q${i}`, `OVERLAP.${(449 - i)}`));
    const [a, b] = await Promise.all([t.scim('POST', '/Bulk', { schemas: [BULK], Operations: first }), t.scim('POST', '/Bulk', { schemas: [BULK], Operations: second })]);
    const outA = a.json().Operations as { status: string; location?: string }[];
    const outB = b.json().Operations as { status: string; location?: string }[];
    expect(outA).toHaveLength(300);
    expect(outB).toHaveLength(300);
    const statusOf = new Map<number, string[]>();
    outA.forEach((o, i) => statusOf.set(i, [...(statusOf.get(i) ?? []), o.status]));
    outB.forEach((o, i) => statusOf.set(449 - i, [...(statusOf.get(449 - i) ?? []), o.status]));
    for (const [n, statuses] of statusOf) {
      if (n >= 150 && n < 300) expect(statuses.sort()).toEqual(['201', '409']);
      else expect(statuses).toEqual(['201']);
    }
    expect(await userCount()).toBe(before + 450);
    const created = [...outA, ...outB].filter((o) => o.status === '201').map((o) => idOf(o.location as string));
    const written = (await events()).slice(seqBefore);
    expect(written).toHaveLength(450);
    expect(new Set(written.map((e) => e.resourceId))).toEqual(new Set(created));
    expect(written.map((e) => e.seq)).toEqual(written.map((_, i) => seqBefore + i + 1));
  });

  it('lets exactly one of a Bulk create and a concurrent POST of the same userName win', async () => {
    for (let round = 0; round < 3; round++) {
      const ops = Array.from({ length: 150 }, (_, i) => user(`c${i}`, `race${round}.${i}`));
      const [bulk, single] = await Promise.all([
        t.scim('POST', '/Bulk', { schemas: [BULK], Operations: ops }),
        t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `RACE${round}.100` }),
      ]);
      const bulkOp = bulk.json().Operations[100];
      expect([bulkOp.status, String(single.statusCode)].sort()).toEqual(['201', '409']);
      const found = (await t.scim('GET', `/Users?filter=userName%20eq%20%22race${round}.100%22`)).json();
      expect(found.totalResults).toBe(1);
      expect(bulk.json().Operations.filter((o: { status: string }) => o.status === '201')).toHaveLength(bulkOp.status === '201' ? 150 : 149);
    }
  });
});
