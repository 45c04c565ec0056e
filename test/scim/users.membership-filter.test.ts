// Issue 12: lists filtered on one membership id (RFC 7644 §3.4.2.2
// `groups.value eq`, `members.value eq`) read from the membership index or
// walk the team, whichever is cheaper (src/storage/scim-sql/membership-page.ts): both
// ways must give the same pages and totals. Batches of member adds resolve
// members by primary key and still refuse another team's users.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, patchBody, type TestApp } from '../helpers/test-app.js';

describe.each(DIALECTS)('Membership filters and batches (%s)', (dialect) => {
  let t: TestApp;
  const userIds: string[] = [];
  let big: string;
  let small: string;
  let child: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (let i = 0; i < 12; i++) {
      userIds.push((await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `m${i}@example.com` })).json().id);
    }
    const group = async (displayName: string, members: string[]) =>
      (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName, members: members.map((value) => ({ value })) })).json().id as string;
    child = await group('child', [userIds[0]]);
    // Ten users and a nested group: walked for a page of 1, read from the index for a page of 100.
    big = await group('big', [...userIds.slice(1, 11), child]);
    small = await group('small', [userIds[11], userIds[3]]);
  });
  afterAll(async () => t.close());

  const list = async (path: string, filter: string, count: number, startIndex = 1) => {
    const res = await t.scim('GET', `${path}?filter=${encodeURIComponent(filter)}&count=${count}&startIndex=${startIndex}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { totalResults: number; Resources?: { id: string }[] };
  };
  const ids = (body: { Resources?: { id: string }[] }) => (body.Resources ?? []).map((r) => r.id);

  it('pages groups.value eq in creation order, the same one at a time and all at once, users only in the total', async () => {
    const all = await list('/Users', `groups.value eq "${big}"`, 100);
    expect(all.totalResults).toBe(10);
    expect(ids(all)).toEqual(userIds.slice(1, 11));
    const oneByOne: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const page = await list('/Users', `groups.value eq "${big}"`, 1, i);
      expect(page.totalResults).toBe(10);
      oneByOne.push(...ids(page));
    }
    expect(oneByOne).toEqual(userIds.slice(1, 11));
    expect(ids(await list('/Users', `groups[value eq "${small}"]`, 1))).toEqual([userIds[3]]);
    expect((await list('/Users', `groups[value eq "${small}"]`, 1)).totalResults).toBe(2);
  });

  it('counts and-ed conditions on the matches, and nothing for an unknown group', async () => {
    const page = await list('/Users', `groups.value eq "${big}" and userName sw "m1"`, 1);
    expect(page.totalResults).toBe(2);
    expect(ids(page)).toEqual([userIds[1]]);
    expect((await list('/Users', 'groups.value eq "00000000-0000-4000-8000-000000000000"', 1)).totalResults).toBe(0);
    expect((await list('/Users', `groups.value eq "${big}"`, 0)).totalResults).toBe(10);
  });

  it('keeps the total right as members leave and are deleted', async () => {
    const g = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'shrinking', members: userIds.slice(5, 9).map((value) => ({ value })) })).json().id;
    const doomed = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'doomed@example.com' })).json().id;
    expect((await t.scim('PATCH', `/Groups/${g}`, patchBody({ op: 'add', path: 'members', value: [{ value: doomed }] }))).statusCode).toBe(204);
    expect((await list('/Users', `groups.value eq "${g}"`, 1)).totalResults).toBe(5);
    expect((await t.scim('DELETE', `/Users/${doomed}`)).statusCode).toBe(204);
    expect((await t.scim('PATCH', `/Groups/${g}`, patchBody({ op: 'remove', path: `members[value eq "${userIds[5]}"]` }))).statusCode).toBe(204);
    const page = await list('/Users', `groups.value eq "${g}"`, 2);
    expect(page.totalResults).toBe(3);
    expect(ids(page)).toEqual(userIds.slice(6, 8));
  });

  it('lists the groups of a member with members.value eq', async () => {
    const page = await list('/Groups', `members.value eq "${userIds[3]}"`, 1);
    expect(page.totalResults).toBe(2);
    expect(ids(page)).toEqual([big]);
    expect(ids(await list('/Groups', `members[value eq "${child}"]`, 10))).toEqual([big]);
  });

  it('adds and removes a batch of members in one PATCH, one event each', async () => {
    const g = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'batch' })).json().id;
    const batch = userIds.slice(0, 8).map((value) => ({ value }));
    expect((await t.scim('PATCH', `/Groups/${g}`, patchBody({ op: 'add', path: 'members', value: [...batch, { value: child }] }))).statusCode).toBe(204);
    expect((await list('/Users', `groups.value eq "${g}"`, 100)).totalResults).toBe(8);
    expect((await t.scim('PATCH', `/Groups/${g}`, patchBody({ op: 'remove', path: 'members', value: batch.slice(0, 5) }))).statusCode).toBe(204);
    expect(ids(await list('/Users', `groups.value eq "${g}"`, 100))).toEqual(userIds.slice(5, 8));
    const events = await t.storage.db.selectFrom('events').select('type').where('team_id', '=', t.teamId).where('resource_id', '=', g).execute();
    expect(events.filter((e) => e.type === 'group.member_added')).toHaveLength(9);
    expect(events.filter((e) => e.type === 'group.member_removed')).toHaveLength(5);
  });

  it('keeps counting users only when a nested group is deleted', async () => {
    const outer = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'outer', members: [{ value: userIds[2] }] })).json().id;
    const inner = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'inner' })).json().id;
    expect((await t.scim('PATCH', `/Groups/${outer}`, patchBody({ op: 'add', path: 'members', value: [{ value: inner }, { value: userIds[4] }] }))).statusCode).toBe(204);
    expect((await list('/Users', `groups.value eq "${outer}"`, 1)).totalResults).toBe(2);
    expect((await t.scim('DELETE', `/Groups/${inner}`)).statusCode).toBe(204);
    const page = await list('/Users', `groups.value eq "${outer}"`, 1);
    expect(page.totalResults).toBe(2);
    expect(ids(page)).toEqual([userIds[2]]);
  });

  it("refuses a batch naming another team's user and changes nothing", async () => {
    const other = await t.services.teams.create({ slug: `other-${dialect}` });
    const stranger = (await t.services.users.create(other.id, { schemas: [USER_SCHEMA], userName: 'stranger@example.com' })).user.id;
    const g = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'guarded', members: [{ value: userIds[0] }] })).json().id;
    const res = await t.scim('PATCH', `/Groups/${g}`, patchBody({ op: 'add', path: 'members', value: [{ value: userIds[1] }, { value: stranger }, { value: userIds[2] }] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain(stranger);
    expect(ids(await list('/Users', `groups.value eq "${g}"`, 100))).toEqual([userIds[0]]);
  });
});
