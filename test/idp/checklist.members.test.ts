// idp/CHECKLIST.md items 6–9 over HTTP (RFC 7644 §3.5.2 on Group `members`):
// removal by value array, whole-list replace, several operations and many
// members per request, idempotent add and remove. Bodies are Okta's, Entra's,
// authentik's and JumpCloud's as the checklist cites them; every request is
// followed by a GET of the group (and of a user's `groups`) showing what was
// stored.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, patchBody, type TestApp } from '../helpers/test-app.js';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
/** Okta has been seen sending this many memberships in one PATCH. */
const OKTA_BATCH = 256;

describe.each(DIALECTS)('CHECKLIST 6–9: group membership PATCH as IdPs send it (%s)', (dialect) => {
  let t: TestApp;
  let u: string[] = [];
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const res = await t.scim('POST', '/Bulk', {
      schemas: [BULK],
      Operations: Array.from({ length: OKTA_BATCH + 8 }, (_, i) => ({
        method: 'POST',
        path: '/Users',
        bulkId: `u${i}`,
        data: { schemas: [USER_SCHEMA], userName: `member${i}@okta.local`, displayName: `Member ${i}` },
      })),
    });
    expect(res.statusCode).toBe(200);
    u = res.json().Operations.map((op: { status: string; location: string }) => {
      expect(op.status).toBe('201');
      return op.location.split('/').pop() as string;
    });
  });
  afterAll(async () => t.close());

  const createGroup = async (memberIds: string[] = []) => {
    const res = await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `Group ${dialect} ${++seq}`, members: memberIds.map((value) => ({ value })) });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const patchGroup = (id: string, ...ops: unknown[]) => t.scim('PATCH', `/Groups/${id}`, patchBody(...ops));
  const members = async (groupId: string): Promise<string[]> => {
    const res = await t.scim('GET', `/Groups/${groupId}`);
    expect(res.statusCode).toBe(200);
    return (res.json().members ?? []).map((m: { value: string }) => m.value).sort();
  };
  const groupsOf = async (userId: string): Promise<string[]> =>
    ((await t.scim('GET', `/Users/${userId}`)).json().groups ?? []).map((g: { value: string }) => g.value);
  const sorted = (ids: string[]) => [...ids].sort();

  describe('CHECKLIST 6: remove with path "members" and a value array', () => {
    it('CHECKLIST 6: Entra "Remove" members [{"$ref": null, value}] x2 removes only those two', async () => {
      const group = await createGroup(u.slice(0, 4));
      const res = await patchGroup(group, { op: 'Remove', path: 'members', value: [{ $ref: null, value: u[1] }, { $ref: null, value: u[3] }] });
      expect(res.statusCode).toBe(204);
      expect(await members(group)).toEqual(sorted([u[0], u[2]]));
      expect(await groupsOf(u[1])).not.toContain(group);
      expect(await groupsOf(u[0])).toContain(group);
    });

    it('CHECKLIST 6: authentik / JumpCloud "remove" members [{value}] removes only that one', async () => {
      const group = await createGroup(u.slice(0, 3));
      expect((await patchGroup(group, { op: 'remove', path: 'members', value: [{ value: u[0] }] })).statusCode).toBe(204);
      expect(await members(group)).toEqual(sorted([u[1], u[2]]));
    });

    it('CHECKLIST 6: Okta member objects with display are removed by value', async () => {
      const group = await createGroup(u.slice(0, 2));
      expect((await patchGroup(group, { op: 'remove', path: 'members', value: [{ value: u[0], display: 'member0@okta.local' }] })).statusCode).toBe(204);
      expect(await members(group)).toEqual([u[1]]);
    });

    it('CHECKLIST 6: an empty value array removes nothing (it is not a bare remove)', async () => {
      const group = await createGroup(u.slice(0, 2));
      expect((await patchGroup(group, { op: 'Remove', path: 'members', value: [] })).statusCode).toBe(204);
      expect(await members(group)).toEqual(sorted(u.slice(0, 2)));
    });

    it('CHECKLIST 6: a value array entry without "value" is 400 invalidValue and the group is not emptied', async () => {
      const group = await createGroup(u.slice(0, 3));
      for (const value of [[{ display: 'member0@okta.local' }], [{ value: u[0] }, { $ref: null }], [{ value: '' }], [42]]) {
        const res = await patchGroup(group, { op: 'Remove', path: 'members', value });
        expect(res.statusCode, JSON.stringify(value)).toBe(400);
        expect(res.json()).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
      }
      expect(await members(group)).toEqual(sorted(u.slice(0, 3)));
    });
  });

  describe('CHECKLIST 7: replace on members replaces the whole list', () => {
    it('CHECKLIST 7: Okta full push keeps, drops and adds as the new list says', async () => {
      const group = await createGroup([u[0], u[1], u[2]]);
      const res = await patchGroup(group, { op: 'replace', path: 'members', value: [{ value: u[1], display: 'member1@okta.local' }, { value: u[5], display: 'member5@okta.local' }] });
      expect(res.statusCode).toBe(204);
      expect(await members(group)).toEqual(sorted([u[1], u[5]]));
      expect(await groupsOf(u[0])).not.toContain(group);
      expect(await groupsOf(u[5])).toContain(group);
    });

    it('CHECKLIST 7: Okta "Push now" of an empty group (replace members []) empties it', async () => {
      const group = await createGroup(u.slice(0, 3));
      // SCIM-SDK#757: OIN app "Push now" of an empty group.
      expect((await patchGroup(group, { op: 'replace', path: 'members', value: [] })).statusCode).toBe(204);
      expect(await members(group)).toEqual([]);
      for (const id of u.slice(0, 3)) expect(await groupsOf(id)).not.toContain(group);
    });

    it('CHECKLIST 7: Entra "Replace" members works like replace', async () => {
      const group = await createGroup([u[0]]);
      expect((await patchGroup(group, { op: 'Replace', path: 'members', value: [{ $ref: null, value: u[2] }] })).statusCode).toBe(204);
      expect(await members(group)).toEqual([u[2]]);
    });

    it('CHECKLIST 7: a replace list naming an unknown user is 400 invalidValue and the old list stays', async () => {
      const group = await createGroup([u[0], u[1]]);
      const res = await patchGroup(group, { op: 'replace', path: 'members', value: [{ value: u[2] }, { value: '00u-not-a-user' }] });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
      expect(await members(group)).toEqual(sorted([u[0], u[1]]));
    });
  });

  describe('CHECKLIST 8: several operations and many members in one PATCH', () => {
    it("CHECKLIST 8: Okta's documented body (remove by filter, then add) applies both", async () => {
      const group = await createGroup([u[0], u[1]]);
      const res = await patchGroup(group,
        { op: 'remove', path: `members[value eq "${u[0]}"]` },
        { op: 'add', path: 'members', value: [{ value: u[4], display: 'member4@okta.local' }] });
      expect(res.statusCode).toBe(204);
      expect(await members(group)).toEqual(sorted([u[1], u[4]]));
    });

    it(`CHECKLIST 8: ${OKTA_BATCH} members in one add operation are all added`, async () => {
      const group = await createGroup([u[OKTA_BATCH]]);
      const batch = u.slice(0, OKTA_BATCH);
      const res = await patchGroup(group, { op: 'add', path: 'members', value: batch.map((value, i) => ({ value, display: `member${i}@okta.local` })) });
      expect(res.statusCode).toBe(204);
      expect(await members(group)).toEqual(sorted([...batch, u[OKTA_BATCH]]));
      const page = (await t.scim('GET', `/Groups/${group}`)).json();
      expect(page.members).toHaveLength(OKTA_BATCH + 1);
    });

    it(`CHECKLIST 8: authentik's one-op-per-member request (${OKTA_BATCH} ops, adds and removes) applies every op`, async () => {
      const group = await createGroup(u.slice(0, 8));
      const res = await patchGroup(group,
        ...u.slice(8, OKTA_BATCH).map((value) => ({ op: 'add', path: 'members', value: [{ value }] })),
        ...u.slice(0, 8).map((value) => ({ op: 'remove', path: 'members', value: [{ value }] })));
      expect(res.statusCode).toBe(204);
      expect(await members(group)).toEqual(sorted(u.slice(8, OKTA_BATCH)));
    });

    it('CHECKLIST 8: operations apply in order (remove then add keeps; add then remove drops), with a rename', async () => {
      const group = await createGroup([u[0]]);
      const res = await patchGroup(group,
        { op: 'remove', path: `members[value eq "${u[0]}"]` },
        { op: 'add', path: 'members', value: [{ value: u[0] }] },
        { op: 'add', path: 'members', value: [{ value: u[1] }] },
        { op: 'Remove', path: 'members', value: [{ value: u[1] }] },
        { op: 'replace', value: { id: group, displayName: `Renamed ${group}` } });
      expect(res.statusCode).toBe(204);
      expect(await members(group)).toEqual([u[0]]);
      expect((await t.scim('GET', `/Groups/${group}`)).json().displayName).toBe(`Renamed ${group}`);
    });

    it('CHECKLIST 8: one bad operation after good ones is refused and none of them applies', async () => {
      const group = await createGroup([u[0], u[1]]);
      const before = (await t.scim('GET', `/Groups/${group}`)).json();
      const res = await patchGroup(group,
        { op: 'remove', path: `members[value eq "${u[0]}"]` },
        { op: 'add', path: 'members', value: [{ value: u[2] }] },
        { op: 'replace', path: 'displayName', value: '' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
      expect(await members(group)).toEqual(sorted([u[0], u[1]]));
      expect((await t.scim('GET', `/Groups/${group}`)).json()).toMatchObject({ displayName: before.displayName, meta: { version: before.meta.version } });
    });
  });

  describe('CHECKLIST 9: adding a present member or removing an absent one succeeds', () => {
    it('CHECKLIST 9: Okta add of a member already there (with display) is 204 and keeps one membership', async () => {
      const group = await createGroup([u[0]]);
      const res = await patchGroup(group, { op: 'add', path: 'members', value: [{ value: u[0], display: 'member0@okta.local' }, { value: u[1], display: 'member1@okta.local' }] });
      expect(res.statusCode).toBe(204);
      const body = (await t.scim('GET', `/Groups/${group}`)).json();
      expect(body.members.map((m: { value: string }) => m.value).sort()).toEqual(sorted([u[0], u[1]]));
      expect((await groupsOf(u[0])).filter((g) => g === group)).toHaveLength(1);
    });

    it('CHECKLIST 9: Entra "Add" of the same member twice in a row, and twice in one value, succeeds', async () => {
      const group = await createGroup();
      const add = { op: 'Add', path: 'members', value: [{ $ref: null, value: u[3] }, { $ref: null, value: u[3] }] };
      expect((await patchGroup(group, add)).statusCode).toBe(204);
      expect((await patchGroup(group, add)).statusCode).toBe(204);
      expect(await members(group)).toEqual([u[3]]);
    });

    it('CHECKLIST 9: removing a non-member (Entra value array, Okta filter, an id that is no resource) succeeds', async () => {
      const group = await createGroup([u[0]]);
      expect((await patchGroup(group, { op: 'Remove', path: 'members', value: [{ $ref: null, value: u[5] }] })).statusCode).toBe(204);
      expect((await patchGroup(group, { op: 'remove', path: `members[value eq "${u[6]}"]` })).statusCode).toBe(204);
      expect((await patchGroup(group, { op: 'remove', path: 'members[value eq "00u6a15d23T9AeHhF5d7"]' })).statusCode).toBe(204);
      expect(await members(group)).toEqual([u[0]]);
    });

    it("CHECKLIST 9: adding another team's user is not idempotent success: 400 invalidValue, group unchanged", async () => {
      const other = await t.services.teams.create({ slug: `other-${dialect}-${Date.now().toString(36)}` });
      const { secret } = await t.services.tokens.create(other.id, { allowWithoutSso: true });
      const created = await t.app.inject({
        method: 'POST',
        url: `/scim/v2/${other.id}/Users`,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/scim+json' },
        payload: JSON.stringify({ schemas: [USER_SCHEMA], userName: 'outsider@example.com' }),
      });
      expect(created.statusCode).toBe(201);
      const outsider = created.json().id;
      const group = await createGroup([u[0]]);
      const res = await patchGroup(group, { op: 'add', path: 'members', value: [{ value: outsider }] });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
      expect(await members(group)).toEqual([u[0]]);
    });

    it('CHECKLIST 9: a membership PATCH on a group that does not exist is 404, not success', async () => {
      const res = await patchGroup('6f1c0a52-0000-4000-8000-000000000000', { op: 'add', path: 'members', value: [{ value: u[0] }] });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ schemas: [ERROR], status: '404' });
    });
  });
});
