// RFC 9865's cursor on the host and admin lists: `cursor` in (empty for the
// first page), `nextCursor` out (null on the last page); a walk returns
// every row once in the list's order, as startIndex does; a cursor of
// another list, filter, sort or team, or with startIndex, is refused.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';

const USERS = 45;

describe.each(DIALECTS)('host and admin list cursors (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;
  let key: string;
  let groupId: string;
  const userIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await signInAdmin(t, 'owner@example.com');
    key = (await t.services.apiKeys.create({ label: 'host' })).secret;
    for (let i = 0; i < USERS; i++) {
      const userName = `m${String((i * 17) % USERS).padStart(2, '0')}@example.com`;
      userIds.push((await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName, active: i % 4 !== 0 })).json().id);
    }
    for (let i = 0; i < 12; i++) await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `grp ${String((i * 5) % 12).padStart(2, '0')}` });
    groupId = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'many', members: userIds.filter((_, i) => i % 3 === 0).map((value) => ({ value })) })).json().id;
  });
  afterAll(async () => t.close());

  const host = (path: string) => t.app.inject({ method: 'GET', url: `/api/v1/teams/${t.teamId}${path}`, headers: { authorization: `Bearer ${key}` } });
  const dash = (path: string) => admin.request('GET', `/api/admin/teams/${t.teamId}${path}`);
  type Get = (path: string) => Promise<{ statusCode: number; json: () => { items: { id: string }[]; nextCursor?: string | null; startIndex?: number | null; totalResults: number } }>;

  const walk = async (get: Get, path: string, count: number) => {
    const ids: string[] = [];
    let cursor = '';
    for (let i = 0; i < 100; i++) {
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}count=${count}&cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      // Absent (null on a group's members, as with `after`): a cursor page has no index.
      expect(body.startIndex ?? undefined).toBeUndefined();
      ids.push(...body.items.map((x) => x.id));
      if (body.nextCursor === null) return { ids, total: body.totalResults };
      expect(typeof body.nextCursor).toBe('string');
      cursor = body.nextCursor as string;
    }
    throw new Error('the walk did not end');
  };
  const byIndex = async (get: Get, path: string) => (await get(`${path}${path.includes('?') ? '&' : '?'}count=200`)).json().items.map((x) => x.id);

  it('walks the host member list, filtered and by group, as startIndex orders it', async () => {
    for (const path of ['/members', '/members?active=true', `/members?group=${groupId}`, `/members?group=${groupId}&active=false`]) {
      const { ids, total } = await walk(host, path, 4);
      expect(ids, path).toEqual(await byIndex(host, path));
      expect(ids.length, path).toBe(total);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect((await walk(host, '/members', 7)).ids).toEqual(userIds);
  });

  it('walks the admin users (sorted, filtered) and groups lists, and a group\'s members by `cursor`', async () => {
    for (const path of ['/users?sortBy=userName', '/users?sortBy=status&sortOrder=descending', '/users?status=active&sortBy=name', `/users?group=${groupId}&sortBy=userName`]) {
      const { ids } = await walk(dash, path, 5);
      expect(ids, path).toEqual(await byIndex(dash, path));
    }
    const groups = await walk(dash, '/groups', 5);
    expect(groups.ids).toEqual(await byIndex(dash, '/groups'));
    expect(groups.ids).toHaveLength(13);
    const members = await walk(dash, `/groups/${groupId}/members`, 4);
    expect(members.ids).toEqual(await byIndex(dash, `/groups/${groupId}/members`));
  });

  it('refuses a cursor of another list, filter or team, a tampered one, and cursor with startIndex', async () => {
    const cursor = (await host('/members?active=true&count=2&cursor=')).json().nextCursor as string;
    expect((await host(`/members?active=true&count=2&cursor=${encodeURIComponent(cursor)}`)).statusCode).toBe(200);
    for (const path of [`/members?active=false&cursor=${encodeURIComponent(cursor)}`, `/members?cursor=${encodeURIComponent(cursor)}`, `/members?active=true&cursor=${encodeURIComponent(cursor.slice(1))}`, '/members?cursor=zzz']) {
      const res = await host(path);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.code, path).toBe('list.invalid_cursor');
    }
    const admins = await dash(`/users?status=active&cursor=${encodeURIComponent(cursor)}`);
    expect(admins.statusCode).toBe(400);
    expect(admins.json().error.code).toBe('list.invalid_cursor');
    const both = await host('/members?startIndex=2&cursor=');
    expect(both.statusCode).toBe(400);
    expect(both.json().error.code).toBe('request.invalid');
    expect((await dash('/groups?startIndex=1&cursor=')).statusCode).toBe(400);
    // Another team's key and list: its cursor means nothing here.
    const other = await t.services.teams.create({ slug: `other-${dialect}-${Date.now()}` });
    const otherKey = (await t.services.apiKeys.create({ label: 'other', teamId: other.id })).secret;
    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/teams/${other.id}/members?active=true&cursor=${encodeURIComponent(cursor)}`, headers: { authorization: `Bearer ${otherKey}` } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe('list.invalid_cursor');
  });

  it('walks the spend audit (newest first) by cursor, as startIndex orders it, and refuses another list\'s cursor', async () => {
    for (let i = 1; i <= 7; i++) expect((await admin.request('PUT', `/api/admin/teams/${t.teamId}/spend/default`, { amount: i * 100 })).statusCode).toBe(200);
    const ids: string[] = [];
    let cursor = '';
    for (let i = 0; i < 20; i++) {
      const body = (await dash(`/spend/audit?count=3&cursor=${encodeURIComponent(cursor)}`)).json();
      expect(body.startIndex).toBeUndefined();
      ids.push(...body.items.map((x: { id: string }) => x.id));
      if (body.nextCursor === null) break;
      cursor = body.nextCursor;
    }
    const byIndex = (await dash('/spend/audit?count=50')).json();
    expect(byIndex.totalResults).toBe(7);
    expect(ids).toEqual(byIndex.items.map((x: { id: string }) => x.id));
    const members = (await host('/members?count=2&cursor=')).json().nextCursor as string;
    const refused = await dash(`/spend/audit?cursor=${encodeURIComponent(members)}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('list.invalid_cursor');
    expect((await dash('/spend/audit?cursor=&startIndex=2')).statusCode).toBe(400);
    // count=0 by cursor: the total alone, no rows, no next page (it used to read past an empty page: a 500).
    const zero = await dash('/spend/audit?cursor=&count=0');
    expect(zero.statusCode, zero.body).toBe(200);
    expect(zero.json()).toMatchObject({ totalResults: 7, items: [], nextCursor: null });
  });

  it('walks the spend member lists (host and admin) by cursor, in provisioning order', async () => {
    for (const get of [host, dash]) {
      const ids: string[] = [];
      let cursor = '';
      for (let i = 0; i < 30; i++) {
        const body = (await get(`/spend/members?count=4&cursor=${encodeURIComponent(cursor)}`)).json();
        expect(body.startIndex).toBeUndefined();
        ids.push(...body.items.map((x: { member: { id: string } }) => x.member.id));
        if (body.nextCursor === null) break;
        cursor = body.nextCursor;
      }
      expect(ids).toEqual(userIds);
    }
    expect((await host('/spend/members?cursor=bad')).json().error.code).toBe('list.invalid_cursor');
    expect((await host('/spend/members?startIndex=3&count=2')).json().items.map((x: { member: { id: string } }) => x.member.id)).toEqual(userIds.slice(2, 4));
  });

  it('keeps startIndex paging as before', async () => {
    const body = (await host('/members?startIndex=3&count=2')).json();
    expect(body.startIndex).toBe(3);
    expect(body.nextCursor).toBeUndefined();
    expect(body.items.map((x: { id: string }) => x.id)).toEqual(userIds.slice(2, 4));
  });
});
