// Issue 12: `GET /Users?filter=groups.value eq "<id>"` pages are ranges of
// the membership index in users.seq order (group_members.member_seq,
// migration 0016; src/storage/scim-sql/membership-page.ts), deep pages from
// rank anchors per group version. Every page, at every depth and size, must
// be the list's default order, complete, with the right totalResults, also
// after members come and go (which moves the anchors).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, patchBody, type TestApp } from '../helpers/test-app.js';
import { createGroupUserPages } from '../../src/storage/scim-sql/membership-page.js';
import type { ListQuery } from '../../src/domain/directory/types.js';

describe.each(DIALECTS)('groups.value eq pages from the membership index (%s)', (dialect) => {
  let t: TestApp;
  const userIds: string[] = [];
  let group: string;
  let child: string;
  /** Members, in the order of creation of the users (their seq). */
  let expected: string[];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (let i = 0; i < 16; i++) userIds.push((await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `p${i}@example.com` })).json().id);
    child = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'child' })).json().id;
    // Added in an order unlike their seq, over several PATCHes, with a nested group among them.
    const order = [13, 2, 7, 0, 15, 4, 9, 11, 1, 6, 14, 3, 8];
    group = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'paged', members: [{ value: userIds[5] }, { value: child }] })).json().id;
    for (const i of order) await t.scim('PATCH', `/Groups/${group}`, patchBody({ op: 'add', path: 'members', value: [{ value: userIds[i] }] }));
    expected = userIds.filter((_, i) => i === 5 || order.includes(i));
  });
  afterAll(async () => t.close());

  const list = async (filter: string, count: number, startIndex: number) => {
    const res = await t.scim('GET', `/Users?filter=${encodeURIComponent(filter)}&count=${count}&startIndex=${startIndex}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { totalResults: number; Resources?: { id: string }[] };
  };

  const walk = async (count: number) => {
    const seen: string[] = [];
    for (let start = 1; start <= expected.length + count; start += count) {
      const page = await list(`groups.value eq "${group}"`, count, start);
      expect(page.totalResults).toBe(expected.length);
      seen.push(...(page.Resources ?? []).map((r) => r.id));
    }
    return seen;
  };

  it('pages in the default order, complete at every page size, over HTTP', async () => {
    for (const count of [1, 2, 3, 5, 100]) expect(await walk(count)).toEqual(expected);
    const past = await list(`groups.value eq "${group}"`, 5, expected.length + 1);
    expect(past.Resources ?? []).toEqual([]);
    expect(past.totalResults).toBe(expected.length);
  });

  it('gives the same ids as the unfiltered list filtered in memory', async () => {
    const all = (await t.scim('GET', '/Users?count=200')).json().Resources.map((r: { id: string }) => r.id) as string[];
    expect(all.filter((id) => expected.includes(id))).toEqual(expected);
  });

  it('reads deep pages from anchors, and moves them when members come and go', async () => {
    const pages = createGroupUserPages(3);
    const query = (startIndex: number, count: number): ListQuery => ({ startIndex, count, sortOrder: 'ascending' });
    const check = async (members: string[]) => {
      for (const count of [1, 2, 4]) {
        for (let start = 1; start <= members.length + 1; start++) {
          const page = await pages(t.storage.db, t.teamId, group, query(start, count));
          expect(page?.rows.map((r) => r.id)).toEqual(members.slice(start - 1, start - 1 + count));
          expect(page?.total).toBe(members.length);
        }
      }
    };
    await check(expected);
    // A member leaves, one comes back, one is deleted: new versions, new anchors.
    await t.scim('PATCH', `/Groups/${group}`, patchBody({ op: 'remove', path: `members[value eq "${userIds[2]}"]` }));
    await check(expected.filter((id) => id !== userIds[2]));
    await t.scim('PATCH', `/Groups/${group}`, patchBody({ op: 'add', path: 'members', value: [{ value: userIds[2] }, { value: userIds[10] }] }));
    await check(userIds.filter((id) => expected.includes(id) || id === userIds[10]));
    await t.scim('DELETE', `/Users/${userIds[7]}`);
    expected = userIds.filter((id) => (expected.includes(id) || id === userIds[10]) && id !== userIds[7]);
    await check(expected);
    expect(await walk(3)).toEqual(expected);
    expect(await pages(t.storage.db, t.teamId, '00000000-0000-4000-8000-000000000000', query(1, 5))).toBeUndefined();
    const other = await createTestApp(dialect);
    try {
      expect(await pages(t.storage.db, other.teamId, group, query(1, 5))).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('keeps and-ed conditions, a sort and members.value eq as before', async () => {
    const and = await list(`groups.value eq "${group}" and userName sw "p1"`, 100, 1);
    expect(and.Resources?.map((r) => r.id)).toEqual(expected.filter((id) => userIds.indexOf(id) >= 10 || userIds.indexOf(id) === 1));
    const sorted = await t.scim('GET', `/Users?filter=${encodeURIComponent(`groups.value eq "${group}"`)}&sortBy=userName&sortOrder=descending&count=3&startIndex=2`);
    const byName = [...expected].sort((a, b) => `p${userIds.indexOf(b)}@example.com`.localeCompare(`p${userIds.indexOf(a)}@example.com`));
    expect(sorted.json().Resources.map((r: { id: string }) => r.id)).toEqual(byName.slice(1, 4));
    const groups = (await t.scim('GET', `/Groups?filter=${encodeURIComponent(`members.value eq "${child}"`)}`)).json();
    expect(groups.Resources.map((r: { id: string }) => r.id)).toEqual([group]);
  });
});
