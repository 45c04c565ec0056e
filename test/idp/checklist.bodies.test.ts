// idp/CHECKLIST.md items 13–16 and 19 over HTTP (RFC 7643 §3 schemas and
// extensions, §7 mutability; RFC 7644 §3.3 create, §3.5.1 replace): the
// request bodies OneLogin, Entra, Okta and authentik actually send, with
// URNs we do not define, attributes we must ignore, `emails` as one object,
// PUTs that echo our own GET, and reads of deactivated users.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, patchBody, type TestApp } from '../helpers/test-app.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SCIM1_CORE = 'urn:scim:schemas:core:1.0';
const SCIM1_ENT = 'urn:scim:schemas:extension:enterprise:1.0';
const ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

describe.each(DIALECTS)('CHECKLIST 13–16, 19: request bodies as IdPs send them (%s)', (dialect) => {
  let t: TestApp;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const unique = (base: string) => `${base}.${dialect}.${++seq}`;
  const count = async (resource: 'Users' | 'Groups') => (await t.scim('GET', `/${resource}?count=0`)).json().totalResults as number;
  const read = async (path: string) => {
    const res = await t.scim('GET', path);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const create = async (resource: 'Users' | 'Groups', body: unknown) => {
    const res = await t.scim('POST', `/${resource}`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  describe('CHECKLIST 13: unknown and non-standard schemas URNs', () => {
    it('CHECKLIST 13: a OneLogin SCIM 1.0 template (core 1.0 and enterprise 1.0 URNs) is created, the 1.0 block read as the 2.0 extension', async () => {
      const userName = unique('jdoe@onelogin.example');
      const res = await t.scim('POST', '/Users', {
        schemas: [SCIM1_CORE, SCIM1_ENT],
        userName,
        name: { familyName: 'Doe', givenName: 'Jane' },
        emails: [{ value: userName, primary: true }],
        [SCIM1_ENT]: { department: 'Finance', manager: { managerId: 'mgr-7' } },
      });
      expect(res.statusCode, res.body).toBe(201);
      const stored = await read(`/Users/${res.json().id}`);
      expect(stored).toMatchObject({ userName, name: { familyName: 'Doe', givenName: 'Jane' }, [ENT]: { department: 'Finance', manager: { value: 'mgr-7' } } });
      expect(stored.schemas).toEqual(expect.arrayContaining([USER_SCHEMA, ENT]));
      expect(stored).not.toHaveProperty([SCIM1_ENT]);
    });

    it('CHECKLIST 13: Entra group create with the ADSCIM Group URN is 201 and readable', async () => {
      const displayName = unique('displayName');
      // entra.json create-group, verbatim.
      const res = await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA, ADSCIM_GROUP], externalId: '0c5a5e9a-1b2c-4d3e-8f00-6a7b8c9d0e1f', displayName, meta: { resourceType: 'Group' } });
      expect(res.statusCode, res.body).toBe(201);
      const stored = await read(`/Groups/${res.json().id}`);
      expect(stored).toMatchObject({ displayName, externalId: '0c5a5e9a-1b2c-4d3e-8f00-6a7b8c9d0e1f' });
      expect(stored.schemas).toContain(GROUP_SCHEMA);
    });

    it('CHECKLIST 13: unknown URNs in a PUT are accepted; a block under an unknown URN is kept in storage, not echoed (RFC 7643 §3)', async () => {
      const custom = 'urn:example:params:scim:schemas:extension:acme:1.0:User';
      const user = await create('Users', { schemas: [USER_SCHEMA, custom], userName: unique('acme'), [custom]: { costCenter: 'CC-7' } });
      const kept = async () => (await t.services.users.get(t.teamId, user.id)).user.resource[custom];
      expect(await kept()).toEqual({ costCenter: 'CC-7' });
      const put = await t.scim('PUT', `/Users/${user.id}`, { schemas: [SCIM1_CORE, custom, 'urn:ietf:params:scim:schemas:extension:nobody:2.0:User'], userName: user.userName, displayName: 'Put', [custom]: { costCenter: 'CC-8' } });
      expect(put.statusCode, put.body).toBe(200);
      const stored = await read(`/Users/${user.id}`);
      expect(stored).toMatchObject({ displayName: 'Put' });
      expect(stored[custom]).toBeUndefined();
      expect(stored.schemas).not.toContain(custom);
      expect(await kept()).toEqual({ costCenter: 'CC-8' });
    });

    it('CHECKLIST 13: an extension block that is not an object is 400 invalidValue and nothing is created', async () => {
      const before = await count('Users');
      for (const block of [{ [SCIM1_ENT]: 'Finance' }, { [ENT]: ['Finance'] }]) {
        const res = await t.scim('POST', '/Users', { schemas: [SCIM1_CORE, SCIM1_ENT], userName: unique('bad-block'), ...block });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json()).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
      }
      expect(await count('Users')).toBe(before);
    });
  });

  describe('CHECKLIST 14: read-only or irrelevant attributes in requests', () => {
    it('CHECKLIST 14: Okta create (password, groups: []) and Entra create (meta, roles: []) succeed; password never comes back', async () => {
      const okta = unique('test.user@okta.local');
      // okta.json create-user, verbatim.
      const o = await create('Users', {
        schemas: [USER_SCHEMA], userName: okta, name: { givenName: 'Test', familyName: 'User' },
        emails: [{ primary: true, value: okta, type: 'work' }], displayName: 'Test User', locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7', groups: [], password: '1mz050nq', active: true,
      });
      expect(o).not.toHaveProperty('password');
      expect(o).not.toHaveProperty('groups');
      const entra = unique('Test_User');
      const e = await create('Users', {
        schemas: [USER_SCHEMA, ENT], externalId: 'e-1', userName: entra, active: true,
        emails: [{ primary: true, type: 'work', value: `${entra}@testuser.com` }], meta: { resourceType: 'User' },
        name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' }, roles: [],
      });
      expect(e).not.toHaveProperty('roles');
      for (const id of [o.id, e.id]) {
        const stored = await read(`/Users/${id}`);
        expect(stored).not.toHaveProperty('password');
        expect(JSON.stringify(stored)).not.toContain('1mz050nq');
      }
      const listed = await read(`/Users?filter=${encodeURIComponent(`userName eq "${okta}"`)}`);
      expect(JSON.stringify(listed)).not.toContain('1mz050nq');
      expect((await read(`/Users?attributes=password&filter=${encodeURIComponent(`userName eq "${okta}"`)}`)).Resources[0]).not.toHaveProperty('password');
    });

    it('CHECKLIST 14: client-sent id, meta and groups are ignored, not stored and not applied', async () => {
      const group = await create('Groups', { schemas: [GROUP_SCHEMA], displayName: unique('not-joined') });
      const user = await create('Users', {
        schemas: [USER_SCHEMA], id: 'client-chosen-id', userName: unique('ro'),
        meta: { resourceType: 'User', created: '2001-01-01T00:00:00Z', version: 'W/"99"' },
        groups: [{ value: group.id, display: group.displayName }],
        photos: [], password: 'hunter2',
      });
      expect(user.id).not.toBe('client-chosen-id');
      expect(user.meta.created).not.toBe('2001-01-01T00:00:00Z');
      expect(user.meta.version).toBe('W/"1"');
      expect(user).not.toHaveProperty('photos');
      expect((await t.scim('GET', '/Users/client-chosen-id')).statusCode).toBe(404);
      expect(await read(`/Users/${user.id}`)).not.toHaveProperty('groups');
      expect(await read(`/Groups/${group.id}`)).not.toHaveProperty('members');
    });

    it('CHECKLIST 14: authentik create (photos: [], emails type "other") succeeds with no photos stored', async () => {
      const userName = unique('akadmin');
      const user = await create('Users', {
        userName, name: { formatted: 'authentik Default Admin ', givenName: 'authentik', familyName: 'Default Admin' },
        displayName: 'authentik Default Admin', photos: [], locale: 'en', active: true,
        emails: [{ value: `${userName}@example.com`, type: 'other', primary: true }],
      });
      const stored = await read(`/Users/${user.id}`);
      expect(stored).not.toHaveProperty('photos');
      expect(stored.emails).toEqual([{ value: `${userName}@example.com`, type: 'other', primary: true }]);
    });

    it('CHECKLIST 14: Okta password sync PATCH is accepted; the password is neither returned nor stored, so nothing changes', async () => {
      const user = await create('Users', { schemas: [USER_SCHEMA], userName: unique('pw-sync@okta.local'), password: 't1meMa$heen' });
      const before = await read(`/Users/${user.id}`);
      for (const op of [{ op: 'replace', value: { password: 'n3wPa$$word' } }, { op: 'replace', path: 'password', value: 'n3wPa$$word' }]) {
        const res = await t.scim('PATCH', `/Users/${user.id}`, patchBody(op));
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).not.toHaveProperty('password');
        expect(res.body).not.toContain('n3wPa$$word');
      }
      expect(await read(`/Users/${user.id}`)).toEqual(before);
    });

    it('CHECKLIST 14: a PATCH with an explicit path to id, meta or groups is 400 mutability and changes nothing', async () => {
      const user = await create('Users', { schemas: [USER_SCHEMA], userName: unique('ro-patch') });
      const before = await read(`/Users/${user.id}`);
      for (const op of [
        { op: 'replace', path: 'id', value: 'other-id' },
        { op: 'replace', path: 'meta.created', value: '2001-01-01T00:00:00Z' },
        { op: 'add', path: 'groups', value: [{ value: 'g-1' }] },
      ]) {
        const res = await t.scim('PATCH', `/Users/${user.id}`, patchBody(op));
        expect(res.statusCode, op.path).toBe(400);
        expect(res.json(), op.path).toMatchObject({ schemas: [ERROR], scimType: 'mutability' });
      }
      expect(await read(`/Users/${user.id}`)).toEqual(before);
    });
  });

  describe('CHECKLIST 15: emails as one object; type "other" or absent', () => {
    it('CHECKLIST 15: OneLogin emails as a single object is stored and answered as an array', async () => {
      const userName = unique('single@onelogin.example');
      const user = await create('Users', { schemas: [SCIM1_CORE], userName, name: { familyName: 'Single', givenName: 'Sam' }, emails: { value: userName, type: 'work', primary: true } });
      expect(user.emails).toEqual([{ value: userName, type: 'work', primary: true }]);
      expect((await read(`/Users/${user.id}`)).emails).toEqual([{ value: userName, type: 'work', primary: true }]);
      const found = await read(`/Users?filter=${encodeURIComponent(`emails.value eq "${userName}"`)}`);
      expect(found.Resources.map((r: { id: string }) => r.id)).toEqual([user.id]);
    });

    it('CHECKLIST 15: a single email object without type, and type "other", are kept and filterable', async () => {
      const plain = unique('notype@example.com');
      const other = unique('other@example.com');
      const a = await create('Users', { userName: plain, emails: { value: plain } });
      const b = await create('Users', { userName: other, emails: [{ value: other, type: 'other' }] });
      expect((await read(`/Users/${a.id}`)).emails).toEqual([{ value: plain }]);
      expect((await read(`/Users/${b.id}`)).emails).toEqual([{ value: other, type: 'other' }]);
      const byType = await read(`/Users?filter=${encodeURIComponent(`emails[type eq "other" and value eq "${other}"]`)}`);
      expect(byType.Resources.map((r: { id: string }) => r.id)).toEqual([b.id]);
    });

    it('CHECKLIST 15: a PATCH whose emails value is one object (replace, then add) stores an array', async () => {
      const user = await create('Users', { userName: unique('patch-email'), emails: [{ value: 'old@example.com', type: 'work' }] });
      const replaced = await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'replace', path: 'emails', value: { value: 'new@example.com', type: 'work', primary: true } }));
      expect(replaced.statusCode, replaced.body).toBe(200);
      expect((await read(`/Users/${user.id}`)).emails).toEqual([{ value: 'new@example.com', type: 'work', primary: true }]);
      const added = await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'add', path: 'emails', value: { value: 'home@example.com', type: 'home' } }));
      expect(added.statusCode, added.body).toBe(200);
      expect((await read(`/Users/${user.id}`)).emails).toEqual([{ value: 'new@example.com', type: 'work', primary: true }, { value: 'home@example.com', type: 'home' }]);
    });

    it('CHECKLIST 15: an email whose value is not a string is 400 invalidValue and nothing is created', async () => {
      const before = await count('Users');
      for (const emails of [{ value: { address: 'x@example.com' } }, [{ value: ['x@example.com'] }], true]) {
        const res = await t.scim('POST', '/Users', { userName: unique('bad-email'), emails });
        expect(res.statusCode, JSON.stringify(emails)).toBe(400);
        expect(res.json()).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
      }
      expect(await count('Users')).toBe(before);
    });
  });

  describe('CHECKLIST 16: PUT bodies that echo our GET or omit attributes', () => {
    it('CHECKLIST 16: GET /Users/{id} answers a User resource, not a ListResponse', async () => {
      const user = await create('Users', { schemas: [USER_SCHEMA], userName: unique('single') });
      const body = await read(`/Users/${user.id}`);
      expect(body.schemas).toEqual([USER_SCHEMA]);
      expect(body).toMatchObject({ id: user.id, userName: user.userName });
      expect(body).not.toHaveProperty('Resources');
      expect(body).not.toHaveProperty('totalResults');
    });

    it('CHECKLIST 16: Okta AIW PUT = our whole GET (groups, meta, $ref, extension) + a change: 200, change stored, nothing else moves', async () => {
      const user = await create('Users', {
        schemas: [USER_SCHEMA, ENT], userName: unique('aiw@okta.local'), externalId: '00u-aiw',
        name: { givenName: 'Test', familyName: 'User' }, emails: [{ primary: true, value: 'aiw@okta.local', type: 'work' }],
        active: true, [ENT]: { department: 'Tours' },
      });
      const group = await create('Groups', { schemas: [GROUP_SCHEMA], displayName: unique('AIW group'), members: [{ value: user.id }] });
      const echoed = await read(`/Users/${user.id}`);
      expect(echoed.groups).toEqual([expect.objectContaining({ value: group.id })]);
      const put = await t.scim('PUT', `/Users/${user.id}`, { ...echoed, name: { ...echoed.name, givenName: 'Another' } });
      expect(put.statusCode, put.body).toBe(200);
      const after = await read(`/Users/${user.id}`);
      expect(after).toMatchObject({ id: user.id, name: { givenName: 'Another', familyName: 'User' }, externalId: '00u-aiw', active: true, [ENT]: { department: 'Tours' } });
      expect(after.groups).toEqual(echoed.groups);
      expect(after.meta.created).toBe(echoed.meta.created);
      expect(after.meta.version).not.toBe(echoed.meta.version);
      expect((await read(`/Groups/${group.id}`)).members.map((m: { value: string }) => m.value)).toEqual([user.id]);
    });

    it('CHECKLIST 16: a PUT that omits groups and active keeps memberships and a suspension', async () => {
      const user = await create('Users', { schemas: [USER_SCHEMA], userName: unique('put-omits'), active: true });
      const group = await create('Groups', { schemas: [GROUP_SCHEMA], displayName: unique('keep me'), members: [{ value: user.id }] });
      await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'replace', value: { active: false } }));
      const put = await t.scim('PUT', `/Users/${user.id}`, { schemas: [USER_SCHEMA], userName: user.userName, displayName: 'Omits' });
      expect(put.statusCode, put.body).toBe(200);
      const after = await read(`/Users/${user.id}`);
      expect(after).toMatchObject({ displayName: 'Omits', active: false });
      expect(after.groups.map((g: { value: string }) => g.value)).toEqual([group.id]);
    });

    it("CHECKLIST 16: Okta AIW group PUT echoing our GET (members with $ref, type) keeps the members it lists", async () => {
      const [a, b] = [await create('Users', { userName: unique('ga') }), await create('Users', { userName: unique('gb') })];
      const group = await create('Groups', { schemas: [GROUP_SCHEMA], displayName: unique('AIW push'), members: [{ value: a.id }] });
      const echoed = await read(`/Groups/${group.id}`);
      const put = await t.scim('PUT', `/Groups/${group.id}`, { ...echoed, members: [...echoed.members, { value: b.id, display: 'gb' }] });
      expect(put.statusCode, put.body).toBe(200);
      expect((await read(`/Groups/${group.id}`)).members.map((m: { value: string }) => m.value).sort()).toEqual([a.id, b.id].sort());
    });

    it("CHECKLIST 16: a PUT taking another user's userName is 409 uniqueness and changes nothing", async () => {
      const a = await create('Users', { userName: unique('taken') });
      const b = await create('Users', { userName: unique('taker'), displayName: 'B' });
      const before = await read(`/Users/${b.id}`);
      const put = await t.scim('PUT', `/Users/${b.id}`, { ...before, userName: a.userName.toUpperCase(), displayName: 'Changed' });
      expect(put.statusCode).toBe(409);
      expect(put.json()).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
      expect(await read(`/Users/${b.id}`)).toEqual(before);
    });
  });

  describe('CHECKLIST 19: deactivated users stay readable', () => {
    it('CHECKLIST 19: after Okta PATCH {active:false} the user is read by id and by filter with active false', async () => {
      const userName = unique('deact@okta.local');
      const user = await create('Users', { schemas: [USER_SCHEMA], userName, active: true });
      expect((await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'replace', value: { active: false } }))).statusCode).toBe(200);
      expect(await read(`/Users/${user.id}`)).toMatchObject({ id: user.id, userName, active: false });
      const byName = await read(`/Users?filter=userName%20eq%20%22${encodeURIComponent(userName)}%22&startIndex=1&count=100`);
      expect(byName).toMatchObject({ totalResults: 1, Resources: [{ id: user.id, active: false }] });
      const inactive = await read(`/Users?filter=${encodeURIComponent('active eq false')}&count=200`);
      expect(inactive.Resources.map((r: { id: string }) => r.id)).toContain(user.id);
    });

    it('CHECKLIST 19: after an Okta AIW PUT with active:false the user is still read, and reactivation works', async () => {
      const user = await create('Users', { schemas: [USER_SCHEMA], userName: unique('aiw-deact'), active: true });
      const current = await read(`/Users/${user.id}`);
      expect((await t.scim('PUT', `/Users/${user.id}`, { ...current, active: false })).statusCode).toBe(200);
      expect((await read(`/Users/${user.id}`)).active).toBe(false);
      expect((await t.scim('PUT', `/Users/${user.id}`, { ...current, active: true })).statusCode).toBe(200);
      expect((await read(`/Users/${user.id}`)).active).toBe(true);
    });

    it('CHECKLIST 19: a deactivated user keeps the userName: creating it again is 409, not a second user', async () => {
      const userName = unique('still-mine');
      const user = await create('Users', { schemas: [USER_SCHEMA], userName, active: true });
      await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'Replace', path: 'active', value: 'False' }));
      const before = await count('Users');
      const again = await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName, active: true });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ schemas: [ERROR], scimType: 'uniqueness' });
      expect(await count('Users')).toBe(before);
      expect((await read(`/Users/${user.id}`)).active).toBe(false);
    });
  });
});
