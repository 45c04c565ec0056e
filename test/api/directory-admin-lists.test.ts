// The dashboard's users and group-member lists (issue 14): server-side sort
// on an allowlist of columns, a group filter read from the membership index,
// and a group's members with their type and status in a documented order
// (the order added, then id) paged by startIndex or a keyset cursor.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';

describe.each(DIALECTS)('dashboard directory lists (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;
  const ids: Record<string, string> = {};
  let groupId: string;
  let subgroupId: string;
  const get = (path: string) => admin.request('GET', `/api/admin/teams/${t.teamId}${path}`);
  const names = (body: { items: { userName: string }[] }) => body.items.map((u) => u.userName);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await signInAdmin(t, 'owner@example.com');
    // Created in this order; userName, displayName and status each sort differently.
    for (const [userName, displayName, active] of [
      ['carol', 'Adams Carol', true],
      ['alice', 'Zed Alice', false],
      ['bob', 'Moss Bob', true],
      ['dave', 'Baker Dave', true],
    ] as const) {
      ids[userName] = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName, displayName, active })).json().id;
    }
    subgroupId = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Subgroup' })).json().id;
    const members = [{ value: ids.carol }, { value: ids.alice }, { value: subgroupId }, { value: ids.bob }];
    const res = await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineers', members });
    expect(res.statusCode).toBe(201);
    groupId = res.json().id;
    // A later touch to bob, so lastModified orders him last.
    await t.scim('PATCH', `/Users/${ids.bob}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'Lead' }] });
  });
  afterAll(async () => t.close());

  it('sorts users by each allowed column, both ways', async () => {
    expect(names((await get('/users?sortBy=userName')).json())).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(names((await get('/users?sortBy=userName&sortOrder=descending')).json())).toEqual(['dave', 'carol', 'bob', 'alice']);
    expect(names((await get('/users?sortBy=name')).json())).toEqual(['carol', 'dave', 'bob', 'alice']);
    expect(names((await get('/users?sortBy=status')).json())[0]).toBe('alice');
    expect(names((await get('/users?sortBy=status&sortOrder=descending')).json()).at(-1)).toBe('alice');
    expect(names((await get('/users?sortBy=lastModified&sortOrder=descending')).json())[0]).toBe('bob');
    // Without sortBy: the order created, as before.
    expect(names((await get('/users')).json())).toEqual(['carol', 'alice', 'bob', 'dave']);
  });

  it('refuses a sort column or order outside the allowlist, naming the allowed ones', async () => {
    for (const query of ['sortBy=resource', 'sortBy=password', 'sortBy=emails', 'sortOrder=up', 'sortBy=userName&sortOrder=desc']) {
      const res = await get(`/users?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('request.invalid');
    }
    expect((await get('/users?sortBy=nope')).json().error.message).toContain('userName, name, status, lastModified');
  });

  it("filters users to one group's direct members, with search, status and sort", async () => {
    const all = (await get(`/users?group=${groupId}&sortBy=userName`)).json();
    expect(all.totalResults).toBe(3);
    expect(names(all)).toEqual(['alice', 'bob', 'carol']);
    expect(names((await get(`/users?group=${groupId}&status=active&sortBy=userName&sortOrder=descending`)).json())).toEqual(['carol', 'bob']);
    expect(names((await get(`/users?group=${groupId}&q=bo`)).json())).toEqual(['bob']);
    const second = (await get(`/users?group=${groupId}&sortBy=userName&startIndex=2&count=1`)).json();
    expect({ total: second.totalResults, names: names(second) }).toEqual({ total: 3, names: ['bob'] });
    expect((await get(`/users?group=${subgroupId}`)).json()).toMatchObject({ totalResults: 0, items: [] });
  });

  it('answers 404 for a group filter naming no group of the team', async () => {
    const res = await get('/users?group=00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });

  it("lists a group's members with type and status, in the order added", async () => {
    const res = await get(`/groups/${groupId}/members`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.totalResults).toBe(4);
    const byId = new Map(body.items.map((m: { id: string }) => [m.id, m]));
    expect(byId.get(ids.alice)).toMatchObject({ type: 'User', status: 'suspended', userName: 'alice', display: 'Zed Alice' });
    expect(byId.get(ids.carol)).toMatchObject({ type: 'User', status: 'active', userName: 'carol' });
    expect(byId.get(subgroupId)).toMatchObject({ type: 'Group', status: null, display: 'Subgroup' });
    // Pages by startIndex and by cursor give the same order, each row once.
    const one = (await get(`/groups/${groupId}/members?count=1`)).json();
    const pagedByIndex = [one.items[0].id];
    const pagedByCursor = [one.items[0].id];
    let cursor = one.nextCursor as string | null;
    for (let i = 2; i <= 4; i++) {
      pagedByIndex.push((await get(`/groups/${groupId}/members?count=1&startIndex=${i}`)).json().items[0].id);
      const next = (await get(`/groups/${groupId}/members?count=1&after=${cursor}`)).json();
      pagedByCursor.push(next.items[0].id);
      cursor = next.nextCursor;
    }
    expect(pagedByIndex).toEqual(body.items.map((m: { id: string }) => m.id));
    expect(pagedByCursor).toEqual(pagedByIndex);
    expect(new Set(pagedByIndex).size).toBe(4);
    // After the last row: an empty page and no further cursor.
    expect((await get(`/groups/${groupId}/members?count=1&after=${cursor}`)).json()).toMatchObject({ items: [], nextCursor: null });
    // A page that is not full has no next cursor.
    expect(body.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not issue, and changes nothing', async () => {
    for (const after of ['nope', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      const res = await get(`/groups/${groupId}/members?after=${after}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('request.invalid');
    }
    expect((await get(`/groups/${groupId}/members`)).json().totalResults).toBe(4);
  });
});
