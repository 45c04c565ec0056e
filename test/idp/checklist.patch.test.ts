// idp/CHECKLIST.md items 1–5 over HTTP (RFC 7644 §3.5.2 PATCH as real IdPs
// send it to Users): op case, "True"/"False", path-less replace, keys that
// are paths, value-filter paths. Bodies are the ones in okta.json /
// entra.json or the vendors' documentation the checklist cites; every
// accepted request is followed by a GET that shows what was stored, every
// refused one by a GET that shows nothing changed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, patchBody, type TestApp } from '../helpers/test-app.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe.each(DIALECTS)('CHECKLIST 1–5: PATCH on Users as IdPs send it (%s)', (dialect) => {
  let t: TestApp;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  /** Entra's create body (entra.json create-user), with a unique userName. */
  const createUser = async (extra: Record<string, unknown> = {}) => {
    const userName = `Test_User_${dialect}_${++seq}`;
    const res = await t.scim('POST', '/Users', {
      schemas: [USER_SCHEMA, ENT],
      externalId: `ext-${seq}`,
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: `${userName}@testuser.com` }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const read = async (id: string) => {
    const res = await t.scim('GET', `/Users/${id}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const patch = (id: string, ...ops: unknown[]) => t.scim('PATCH', `/Users/${id}`, patchBody(...ops));
  /** The stored user minus what every write changes. */
  const stable = (user: Record<string, unknown>) => {
    const { meta: _meta, ...rest } = user;
    return rest;
  };
  const expectRefused = async (res: { statusCode: number; json: () => { schemas: string[]; status: string; scimType?: string } }, scimType: string) => {
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ schemas: [ERROR], status: '400', scimType });
  };

  describe('CHECKLIST 1: op in any case', () => {
    it('CHECKLIST 1: Entra "Add", "Replace", "Remove" and "REPLACE" act like add, replace, remove', async () => {
      const user = await createUser();
      // ms-compat "add a single-value string attribute", verbatim.
      expect((await patch(user.id, { op: 'Add', path: 'nickName', value: 'Babs' })).statusCode).toBe(200);
      expect((await read(user.id)).nickName).toBe('Babs');
      expect((await patch(user.id, { op: 'Replace', path: 'nickName', value: 'Barbara' })).statusCode).toBe(200);
      expect((await read(user.id)).nickName).toBe('Barbara');
      expect((await patch(user.id, { op: 'REPLACE', path: 'displayName', value: 'Pvlo' })).statusCode).toBe(200);
      expect((await read(user.id)).displayName).toBe('Pvlo');
      expect((await patch(user.id, { op: 'Remove', path: 'nickName' })).statusCode).toBe(200);
      const after = await read(user.id);
      expect(after.nickName).toBeUndefined();
      expect(after.displayName).toBe('Pvlo');
    });

    it('CHECKLIST 1: Entra "Add"/"Remove" on group members act like add/remove', async () => {
      const [a, b] = [await createUser(), await createUser()];
      const group = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `ops-${dialect}` })).json();
      const add = await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'Add', path: 'members', value: [{ $ref: null, value: a.id }, { $ref: null, value: b.id }] }));
      expect(add.statusCode).toBe(204);
      const remove = await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'Remove', path: 'members', value: [{ $ref: null, value: a.id }] }));
      expect(remove.statusCode).toBe(204);
      const members = (await t.scim('GET', `/Groups/${group.id}`)).json().members.map((m: { value: string }) => m.value);
      expect(members).toEqual([b.id]);
    });

    it('CHECKLIST 1: an op that is not add/replace/remove in any case is 400 invalidSyntax and nothing of the request applies', async () => {
      const user = await createUser();
      const before = stable(await read(user.id));
      for (const op of ['Update', 'delete', 'Merge', '']) {
        const res = await patch(user.id, { op: 'Replace', path: 'displayName', value: 'Changed' }, { op, path: 'nickName', value: 'x' });
        await expectRefused(res, 'invalidSyntax');
        expect(res.json().detail).toMatch(/op/);
      }
      expect(stable(await read(user.id))).toEqual(before);
    });
  });

  describe('CHECKLIST 2: active as a boolean and as "True"/"False"', () => {
    it('CHECKLIST 2: Entra "False" then "True" are stored and answered as JSON booleans', async () => {
      const user = await createUser();
      // ms-compat "disable users, without feature flag", verbatim.
      const off = await patch(user.id, { op: 'Replace', path: 'active', value: 'False' });
      expect(off.statusCode).toBe(200);
      expect(off.json().active).toBe(false);
      expect((await read(user.id)).active).toBe(false);
      const on = await patch(user.id, { op: 'Replace', path: 'active', value: 'True' });
      expect(on.json().active).toBe(true);
      expect((await read(user.id)).active).toBe(true);
    });

    it('CHECKLIST 2: a string "False" is stored as a boolean: the active filter finds the user', async () => {
      const user = await createUser();
      await patch(user.id, { op: 'Replace', path: 'active', value: 'False' });
      const filter = encodeURIComponent(`userName eq "${user.userName}" and active eq false`);
      const found = (await t.scim('GET', `/Users?filter=${filter}`)).json();
      expect(found.totalResults).toBe(1);
      expect(found.Resources[0]).toMatchObject({ id: user.id, active: false });
      const notFound = (await t.scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName}" and active eq true`)}`)).json();
      expect(notFound.totalResults).toBe(0);
    });

    it('CHECKLIST 2: JSON booleans (Okta, Entra with aadOptscim062020) and "false" in a path-less value work too', async () => {
      const user = await createUser();
      expect((await patch(user.id, { op: 'replace', path: 'active', value: false })).json().active).toBe(false);
      expect((await patch(user.id, { op: 'replace', value: { active: 'true' } })).json().active).toBe(true);
      expect((await patch(user.id, { op: 'Replace', value: { active: 'false' } })).json().active).toBe(false);
      expect((await read(user.id)).active).toBe(false);
    });

    it('CHECKLIST 2: a create with active "True" answers and stores active: true', async () => {
      const user = await createUser({ active: 'True' });
      expect(user.active).toBe(true);
      expect((await read(user.id)).active).toBe(true);
    });

    it('CHECKLIST 2: a PUT with active "False" (string) stores a boolean false', async () => {
      const user = await createUser();
      const put = await t.scim('PUT', `/Users/${user.id}`, { schemas: [USER_SCHEMA], userName: user.userName, active: 'False' });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().active).toBe(false);
      expect((await read(user.id)).active).toBe(false);
    });

    it('CHECKLIST 2: active that is no boolean ("maybe", 0, "") is 400 invalidValue and the user stays active', async () => {
      const user = await createUser();
      for (const value of ['maybe', 0, 'yes', '']) {
        await expectRefused(await patch(user.id, { op: 'Replace', path: 'active', value }), 'invalidValue');
      }
      expect((await read(user.id)).active).toBe(true);
    });
  });

  describe('CHECKLIST 3: replace without path, value an object of attributes', () => {
    it('CHECKLIST 3: Okta {active:false} deactivates and leaves every other attribute as it was', async () => {
      const user = await createUser({ nickName: 'Babs', [ENT]: { department: 'Tours' } });
      const before = stable(await read(user.id));
      // okta.json deactivate-user1, verbatim.
      const res = await patch(user.id, { op: 'replace', value: { active: false } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: user.id, active: false });
      expect(stable(await read(user.id))).toEqual({ ...before, active: false });
    });

    it('CHECKLIST 3: Okta {id, displayName} on a group renames it; the id is ignored, not rejected, and members stay', async () => {
      const member = await createUser();
      const group = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Test SCIMv2', members: [{ value: member.id }] })).json();
      // okta.json rename-group, verbatim.
      const res = await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'replace', value: { id: group.id, displayName: 'Test SCIMv20' } }));
      expect(res.statusCode).toBe(204);
      const after = (await t.scim('GET', `/Groups/${group.id}`)).json();
      expect(after).toMatchObject({ id: group.id, displayName: 'Test SCIMv20' });
      expect(after.members.map((m: { value: string }) => m.value)).toEqual([member.id]);
    });

    it('CHECKLIST 3: a path-less value carrying another id does not change the id', async () => {
      const group = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Keep my id' })).json();
      const res = await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'replace', value: { id: '00g1emaKYZTWRYYRRTSK', displayName: 'Renamed, same id' } }));
      expect(res.statusCode).toBe(204);
      expect((await t.scim('GET', `/Groups/${group.id}`)).json()).toMatchObject({ id: group.id, displayName: 'Renamed, same id' });
      expect((await t.scim('GET', '/Groups/00g1emaKYZTWRYYRRTSK')).statusCode).toBe(404);
    });

    it('CHECKLIST 3: authentik sends the whole group (schemas, id, externalId, displayName) and it is applied', async () => {
      const member = await createUser();
      const group = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'authentik admins', externalId: 'ak-1', members: [{ value: member.id }] })).json();
      // authentik _update_patch_general: op replace, no path, value = the group as authentik maps it.
      const res = await t.scim('PATCH', `/Groups/${group.id}`, patchBody({
        op: 'replace',
        value: { schemas: [GROUP_SCHEMA], id: group.id, externalId: 'ak-1', displayName: 'authentik Admins' },
      }));
      expect(res.statusCode).toBe(204);
      const after = (await t.scim('GET', `/Groups/${group.id}`)).json();
      expect(after).toMatchObject({ id: group.id, externalId: 'ak-1', displayName: 'authentik Admins', schemas: [GROUP_SCHEMA] });
      expect(after.members.map((m: { value: string }) => m.value)).toEqual([member.id]);
    });

    it('CHECKLIST 3: a path-less replace whose value is not an object is 400 invalidValue and changes nothing', async () => {
      const user = await createUser();
      const before = stable(await read(user.id));
      for (const value of [false, 'False', ['active'], null]) {
        await expectRefused(await patch(user.id, { op: 'replace', value }), 'invalidValue');
      }
      expect(stable(await read(user.id))).toEqual(before);
    });
  });

  describe('CHECKLIST 4: path-less value whose keys are paths', () => {
    it('CHECKLIST 4: Entra aadOptscim062020 "replace multiple attributes" lands in place, not as literal keys', async () => {
      const user = await createUser({ name: { givenName: 'givenName', familyName: 'familyName', middleName: 'Middle' }, [ENT]: { department: 'Tours' } });
      // ms-compat "Requests to replace multiple attributes", with feature flag.
      const res = await patch(user.id, {
        op: 'replace',
        value: {
          displayName: 'Pvlo',
          'emails[type eq "work"].value': 'TestBcwqnm@test.microsoft.com',
          'name.givenName': 'Gtfd',
          'name.familyName': 'Pkqf',
          externalId: 'Eqpj',
          [`${ENT}:employeeNumber`]: 'Eqpj',
        },
      });
      expect(res.statusCode).toBe(200);
      const stored = await read(user.id);
      expect(stored).toMatchObject({
        displayName: 'Pvlo',
        externalId: 'Eqpj',
        name: { givenName: 'Gtfd', familyName: 'Pkqf', middleName: 'Middle' },
        [ENT]: { employeeNumber: 'Eqpj', department: 'Tours' },
      });
      expect(stored.emails).toEqual([{ primary: true, type: 'work', value: 'TestBcwqnm@test.microsoft.com' }]);
      for (const literal of ['name.givenName', 'name.familyName', `${ENT}:employeeNumber`, 'emails[type eq "work"].value']) {
        expect(stored, literal).not.toHaveProperty([literal]);
      }
    });

    it('CHECKLIST 4: an Entra flag "add" with dotted keys sets sub-attributes of a user who had none', async () => {
      const user = await createUser({ name: undefined });
      expect((await read(user.id)).name).toBeUndefined();
      const res = await patch(user.id, { op: 'add', value: { 'name.givenName': 'Larry', 'name.familyName': 'Harris', [`${ENT}:department`]: 'Sales' } });
      expect(res.statusCode).toBe(200);
      const stored = await read(user.id);
      expect(stored.name).toEqual({ givenName: 'Larry', familyName: 'Harris' });
      expect(stored[ENT]).toEqual({ department: 'Sales' });
      expect(stored.schemas).toContain(ENT);
      expect(stored).not.toHaveProperty(['name.givenName']);
    });

    it('CHECKLIST 4: a key that is a malformed path is 400 invalidPath and no key of that value applies', async () => {
      const user = await createUser();
      const before = stable(await read(user.id));
      const res = await patch(user.id, { op: 'replace', value: { displayName: 'Half applied', 'emails[type eq "work".value': 'x@example.com' } });
      await expectRefused(res, 'invalidPath');
      expect(stable(await read(user.id))).toEqual(before);
    });
  });

  describe('CHECKLIST 5: value-filter paths', () => {
    it('CHECKLIST 5: Entra replaces emails[type eq "work"].value of an existing work email, other emails untouched', async () => {
      const user = await createUser({ emails: [{ type: 'home', value: 'home@example.com' }, { primary: true, type: 'work', value: 'old@example.com' }] });
      // entra.json update-multivalued, verbatim.
      const res = await patch(user.id,
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' });
      expect(res.statusCode).toBe(200);
      const stored = await read(user.id);
      expect(stored.name.familyName).toBe('updatedFamilyName');
      expect(stored.emails).toEqual([
        { type: 'home', value: 'home@example.com' },
        { primary: true, type: 'work', value: 'updatedEmail@microsoft.com' },
      ]);
    });

    it('CHECKLIST 5: emails[type eq "work"].value creates the work email when the user has none yet', async () => {
      const user = await createUser({ emails: [{ type: 'home', value: 'home@example.com' }] });
      const res = await patch(user.id, { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new.work@example.com' });
      expect(res.statusCode).toBe(200);
      const stored = await read(user.id);
      expect(stored.emails).toHaveLength(2);
      expect(stored.emails).toEqual(expect.arrayContaining([
        { type: 'home', value: 'home@example.com' },
        expect.objectContaining({ type: 'work', value: 'new.work@example.com' }),
      ]));
      const filter = encodeURIComponent('emails[type eq "work"].value eq "new.work@example.com"');
      expect((await t.scim('GET', `/Users?filter=${filter}`)).json().Resources.map((r: { id: string }) => r.id)).toEqual([user.id]);
    });

    it('CHECKLIST 5: emails[type eq "work"].value creates the emails attribute when the user has no emails at all', async () => {
      const user = await createUser({ emails: undefined });
      expect((await read(user.id)).emails).toBeUndefined();
      expect((await patch(user.id, { op: 'Add', path: 'emails[type eq "work"].value', value: 'first@example.com' })).statusCode).toBe(200);
      expect((await read(user.id)).emails).toEqual([expect.objectContaining({ type: 'work', value: 'first@example.com' })]);
    });

    it('CHECKLIST 5: members[value eq "<id>"] with no value (Okta, Entra flag) removes exactly that member', async () => {
      const [a, b, c] = [await createUser(), await createUser(), await createUser()];
      const group = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `filter-remove-${dialect}`, members: [a, b, c].map((u) => ({ value: u.id })) })).json();
      const res = await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'remove', path: `members[value eq "${b.id}"]` }));
      expect(res.statusCode).toBe(204);
      const members = (await t.scim('GET', `/Groups/${group.id}`)).json().members.map((m: { value: string }) => m.value).sort();
      expect(members).toEqual([a.id, c.id].sort());
    });

    it('CHECKLIST 5: a malformed value filter or an unknown sub-attribute is 400 invalidPath and changes nothing', async () => {
      const user = await createUser();
      const before = stable(await read(user.id));
      for (const path of ['emails[type eq "work".value', 'emails[type eq].value', 'emails[type eq "work"].nope']) {
        await expectRefused(await patch(user.id, { op: 'Replace', path, value: 'x@example.com' }), 'invalidPath');
      }
      expect(stable(await read(user.id))).toEqual(before);
    });
  });
});
