// Changes a group undergoes without being named in the request: a member
// user or child group deleted. The group gets a new version (a stale ETag no
// longer matches, RFC 7644 §3.14) and one group.member_removed per group, in
// the deleting transaction; and the database refuses a membership that
// names nobody, whoever writes it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';

describe.each(DIALECTS)('indirect membership changes (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const create = async (path: string, body: Record<string, unknown>) => {
    const res = await t.scim('POST', path, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const groupWith = (displayName: string, members: string[]) =>
    create('/Groups', { schemas: [GROUP_SCHEMA], displayName, members: members.map((value) => ({ value })) });
  const eventsAbout = async (memberId: string) =>
    (await t.storage.db.selectFrom('events').select(['type', 'resource_id', 'data']).where('team_id', '=', t.teamId).orderBy('team_seq').execute())
      .map((e) => ({ type: e.type, resourceId: e.resource_id, data: JSON.parse(e.data) as Record<string, unknown> }))
      .filter((e) => e.data.memberId === memberId || e.resourceId === memberId);
  const memberCount = async (groupId: string) =>
    Number((await t.storage.db.selectFrom('groups').select('member_count').where('id', '=', groupId).executeTakeFirstOrThrow()).member_count);

  it('deleting a user gives each of its groups a new version and one group.member_removed', async () => {
    const userId = await create('/Users', { schemas: [USER_SCHEMA], userName: 'leaver@example.com' });
    const stayId = await create('/Users', { schemas: [USER_SCHEMA], userName: 'stayer@example.com' });
    const groups = [await groupWith('One', [userId, stayId]), await groupWith('Two', [userId]), await groupWith('Three', [userId])];
    const before = await Promise.all(groups.map((id) => t.scim('GET', `/Groups/${id}`)));

    expect((await t.scim('DELETE', `/Users/${userId}`)).statusCode).toBe(204);

    for (const [i, id] of groups.entries()) {
      // The copy the IdP cached is stale: no 304, and the member is gone.
      const after = await t.scim('GET', `/Groups/${id}`, undefined, { 'if-none-match': before[i].headers.etag as string });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(before[i].headers.etag);
      expect(after.json().meta.lastModified >= before[i].json().meta.lastModified).toBe(true);
      expect((after.json().members ?? []).map((m: { value: string }) => m.value)).toEqual(i === 0 ? [stayId] : []);
      expect(await memberCount(id)).toBe(i === 0 ? 1 : 0);
    }
    const events = (await eventsAbout(userId)).filter((e) => e.type === 'group.member_removed' || e.type === 'user.deleted');
    expect(events.map((e) => e.type)).toEqual(['group.member_removed', 'group.member_removed', 'group.member_removed', 'user.deleted']);
    expect(events.slice(0, 3).map((e) => e.data.groupId).sort()).toEqual([...groups].sort());
    expect(events.slice(0, 3).every((e) => e.data.reason === 'user.deleted')).toBe(true);
  });

  it('deleting a child group gives each parent a new version and one group.member_removed', async () => {
    const userId = await create('/Users', { schemas: [USER_SCHEMA], userName: 'nested@example.com' });
    const childId = await groupWith('Child', [userId]);
    const parents = [await groupWith('Parent A', [childId]), await groupWith('Parent B', [childId, userId])];
    const before = await Promise.all(parents.map((id) => t.scim('GET', `/Groups/${id}`)));

    expect((await t.scim('DELETE', `/Groups/${childId}`)).statusCode).toBe(204);

    for (const [i, id] of parents.entries()) {
      const after = await t.scim('GET', `/Groups/${id}`, undefined, { 'if-none-match': before[i].headers.etag as string });
      expect(after.statusCode).toBe(200);
      expect((after.json().members ?? []).map((m: { value: string }) => m.value)).toEqual(i === 0 ? [] : [userId]);
      expect(await memberCount(id)).toBe(i === 0 ? 0 : 1);
    }
    const events = (await eventsAbout(childId)).filter((e) => e.type === 'group.member_removed' || e.type === 'group.deleted');
    expect(events.map((e) => e.type)).toEqual(['group.member_removed', 'group.member_removed', 'group.deleted']);
    expect(events.slice(0, 2).map((e) => e.data.groupId).sort()).toEqual([...parents].sort());
    expect(events.slice(0, 2).every((e) => e.data.reason === 'group.deleted')).toBe(true);
    // The user is still where it was, directly, in Parent B.
    expect((await t.scim('GET', `/Users/${userId}`)).json().groups.map((g: { value: string }) => g.value)).toEqual([parents[1]]);
  });

  it('a user in no group is deleted without touching any group', async () => {
    const groupId = await groupWith('Bystander', []);
    const { headers } = await t.scim('GET', `/Groups/${groupId}`);
    const userId = await create('/Users', { schemas: [USER_SCHEMA], userName: 'loner@example.com' });
    expect((await t.scim('DELETE', `/Users/${userId}`)).statusCode).toBe(204);
    expect((await t.scim('GET', `/Groups/${groupId}`, undefined, { 'if-none-match': headers.etag as string })).statusCode).toBe(304);
  });

  it('the database refuses a membership naming a user or group that does not exist', async () => {
    const groupId = await groupWith('Guarded', []);
    const row = (memberId: string, type: 'User' | 'Group') => ({
      team_id: t.teamId, group_id: groupId, member_id: memberId, member_type: type, added_at: new Date().toISOString(),
      member_user_id: type === 'User' ? memberId : null, member_group_id: type === 'Group' ? memberId : null,
    });
    await expect(t.storage.db.insertInto('group_members').values(row('no-such-user', 'User')).execute()).rejects.toThrow();
    await expect(t.storage.db.insertInto('group_members').values(row('no-such-group', 'Group')).execute()).rejects.toThrow();
    // Nor may the reference columns disagree with member_id.
    const userId = await create('/Users', { schemas: [USER_SCHEMA], userName: 'mismatch@example.com' });
    await expect(t.storage.db.insertInto('group_members').values({ ...row('other-id', 'User'), member_user_id: userId }).execute()).rejects.toThrow();
    await expect(t.storage.db.insertInto('group_members').values({ ...row(userId, 'User'), member_user_id: null }).execute()).rejects.toThrow();
    expect(await memberCount(groupId)).toBe(0);
  });

  it('adding a member that does not exist is a SCIM 400 invalidValue and writes nothing', async () => {
    const groupId = await groupWith('Strict', []);
    const { headers } = await t.scim('GET', `/Groups/${groupId}`);
    const res = await t.scim('PATCH', `/Groups/${groupId}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: 'ghost' }] }] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await t.scim('GET', `/Groups/${groupId}`, undefined, { 'if-none-match': headers.etag as string })).statusCode).toBe(304);
  });
});
