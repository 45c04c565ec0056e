// Groups and memberships over HTTP (RFC 7644 §3.5.2, CHECKLIST 3, 6–9, 12, 17).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, patchBody, type TestApp } from '../helpers/test-app.js';

describe.each(DIALECTS)('Groups and members (%s)', (dialect) => {
  let t: TestApp;
  const userIds: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (let i = 0; i < 5; i++) {
      const res = await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `member${i}@example.com`, displayName: `Member ${i}` });
      userIds.push(res.json().id);
    }
  });
  afterAll(async () => t.close());

  const members = async (groupId: string) =>
    ((await t.scim('GET', `/Groups/${groupId}`)).json().members ?? []).map((m: { value: string }) => m.value).sort();
  const createGroup = async (displayName: string, memberIds: string[] = []) =>
    (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName, members: memberIds.map((value) => ({ value })) })).json();

  it('creates a group with members and shows them with display and type', async () => {
    const group = await createGroup('Engineering', [userIds[0], userIds[1]]);
    expect(group.id).toBeTruthy();
    const res = await t.scim('GET', `/Groups/${group.id}`);
    expect(res.json().members).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: userIds[0], display: 'Member 0', type: 'User' })]),
    );
    const user = (await t.scim('GET', `/Users/${userIds[0]}`)).json();
    expect(user.groups).toEqual([expect.objectContaining({ value: group.id, display: 'Engineering' })]);
  });

  it('adds members with PATCH add (Okta: value + display) and answers 204', async () => {
    const group = await createGroup('Add');
    const res = await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'add', path: 'members', value: [{ value: userIds[0], display: 'x' }, { value: userIds[1] }] }));
    expect(res.statusCode).toBe(204);
    expect(await members(group.id)).toEqual([userIds[0], userIds[1]].sort());
  });

  it('adding a member already there, or removing one that is not, succeeds (CHECKLIST 9)', async () => {
    const group = await createGroup('Idempotent', [userIds[0]]);
    expect((await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'Add', path: 'members', value: [{ value: userIds[0] }] }))).statusCode).toBe(204);
    expect((await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'remove', path: `members[value eq "${userIds[3]}"]` }))).statusCode).toBe(204);
    expect(await members(group.id)).toEqual([userIds[0]]);
  });

  it('removes only the listed members for path "members" + value array (Entra, CHECKLIST 6)', async () => {
    const group = await createGroup('Entra remove', userIds.slice(0, 3));
    await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'Remove', path: 'members', value: [{ value: userIds[1] }] }));
    expect(await members(group.id)).toEqual([userIds[0], userIds[2]].sort());
  });

  it('removes by value filter (Okta) and empties only on a bare remove', async () => {
    const group = await createGroup('Okta remove', userIds.slice(0, 3));
    await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'remove', path: `members[value eq "${userIds[0]}"]` }));
    expect(await members(group.id)).toEqual([userIds[1], userIds[2]].sort());
    await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'remove', path: 'members' }));
    expect(await members(group.id)).toEqual([]);
  });

  it('replace on members replaces the list, including with [] (CHECKLIST 7)', async () => {
    const group = await createGroup('Replace', userIds.slice(0, 2));
    await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'replace', path: 'members', value: [{ value: userIds[3] }] }));
    expect(await members(group.id)).toEqual([userIds[3]]);
    await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'replace', path: 'members', value: [] }));
    expect(await members(group.id)).toEqual([]);
  });

  it('renames with a no-path replace carrying id (Okta) and mixes remove and add in one request', async () => {
    const group = await createGroup('Before', [userIds[0]]);
    const res = await t.scim('PATCH', `/Groups/${group.id}`, patchBody(
      { op: 'replace', value: { id: group.id, displayName: 'After' } },
      { op: 'remove', path: `members[value eq "${userIds[0]}"]` },
      { op: 'add', path: 'members', value: [{ value: userIds[4] }] },
    ));
    expect(res.statusCode).toBe(204);
    const after = (await t.scim('GET', `/Groups/${group.id}`)).json();
    expect(after.displayName).toBe('After');
    expect(after.members.map((m: { value: string }) => m.value)).toEqual([userIds[4]]);
  });

  it('refuses an unknown member with 400 invalidValue and changes nothing', async () => {
    const group = await createGroup('Strict', [userIds[0]]);
    const res = await t.scim('PATCH', `/Groups/${group.id}`, patchBody(
      { op: 'add', path: 'members', value: [{ value: userIds[1] }] },
      { op: 'add', path: 'members', value: [{ value: 'no-such-user' }] },
    ));
    expect(res.statusCode).toBe(400);
    expect(res.json().scimType).toBe('invalidValue');
    expect(await members(group.id)).toEqual([userIds[0]]);
  });

  it('honours excludedAttributes=members on /Groups and /Groups/{id} (CHECKLIST 12)', async () => {
    const group = await createGroup('Excluded', [userIds[0]]);
    const one = (await t.scim('GET', `/Groups/${group.id}?excludedAttributes=members`)).json();
    expect(one.members).toBeUndefined();
    expect(one.displayName).toBe('Excluded');
    const list = (await t.scim('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Excluded"')}`)).json();
    expect(list.totalResults).toBe(1);
    expect(list.Resources[0].members).toBeUndefined();
  });

  it('deleting a user removes them from their groups', async () => {
    const user = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'leaver@example.com' })).json();
    const group = await createGroup('Leavers', [user.id, userIds[0]]);
    await t.scim('DELETE', `/Users/${user.id}`);
    expect(await members(group.id)).toEqual([userIds[0]]);
  });

  it('deletes a group: 204 then 404, and users no longer list it', async () => {
    const group = await createGroup('Doomed', [userIds[2]]);
    expect((await t.scim('DELETE', `/Groups/${group.id}`)).statusCode).toBe(204);
    expect((await t.scim('GET', `/Groups/${group.id}`)).statusCode).toBe(404);
    const user = (await t.scim('GET', `/Users/${userIds[2]}`)).json();
    expect((user.groups ?? []).map((g: { value: string }) => g.value)).not.toContain(group.id);
  });
});
