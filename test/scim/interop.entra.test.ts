// Issue 13, Entra ID and Microsoft's SCIM validator: `manager` sent as the
// manager's bare id, and `attributes=` naming a value filter.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, patchBody, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const MANAGER = `${ENT}:manager`;

describe.each(DIALECTS)('Interop with Entra ID and Microsoft\'s validator (%s)', (dialect) => {
  let t: TestApp;
  let n = 0;
  const unique = (prefix: string) => `${prefix}-${++n}@example.com`;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  async function createUser(extra: Record<string, unknown> = {}) {
    const res = await t.scim('POST', '/Users', { schemas: [USER_SCHEMA, ENT], userName: unique('u'), ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const managerOf = async (id: string) => (await t.scim('GET', `/Users/${id}`)).json()[ENT]?.manager;

  describe('manager as a bare id', () => {
    it('PATCH Add and Replace with the manager URN as path and a bare id set manager.value', async () => {
      const boss = await createUser();
      const other = await createUser();
      const user = await createUser();
      const add = await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'Add', path: MANAGER, value: boss.id }));
      expect(add.statusCode, add.body).toBe(200);
      expect(add.json()[ENT].manager).toEqual({ value: boss.id });
      const replace = await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'Replace', path: MANAGER, value: other.id }));
      expect(replace.statusCode, replace.body).toBe(200);
      expect(await managerOf(user.id)).toEqual({ value: other.id });
    });

    it('PATCH without a path whose value maps the manager URN to a bare id sets the manager', async () => {
      const boss = await createUser();
      const user = await createUser();
      const res = await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'replace', value: { [MANAGER]: boss.id } }));
      expect(res.statusCode, res.body).toBe(200);
      expect(await managerOf(user.id)).toEqual({ value: boss.id });
      const other = await createUser();
      // The same id inside the extension object, with or without a path.
      await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'Add', value: { [ENT]: { manager: other.id } } }));
      expect(await managerOf(user.id)).toEqual({ value: other.id });
      await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'Replace', path: ENT, value: { manager: boss.id } }));
      expect(await managerOf(user.id)).toEqual({ value: boss.id });
    });

    it('POST and PUT accept "manager" as a bare id inside the enterprise extension', async () => {
      const boss = await createUser();
      const user = await createUser({ [ENT]: { manager: boss.id, department: 'Sales' } });
      expect(user[ENT]).toEqual({ manager: { value: boss.id }, department: 'Sales' });
      const other = await createUser();
      const put = await t.scim('PUT', `/Users/${user.id}`, { schemas: [USER_SCHEMA, ENT], userName: user.userName, [ENT]: { manager: other.id } });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()[ENT]).toEqual({ manager: { value: other.id } });
    });

    it('an empty string or null as the manager removes it', async () => {
      const boss = await createUser();
      const user = await createUser({ [ENT]: { manager: { value: boss.id }, department: 'Sales' } });
      for (const op of [
        { op: 'Replace', path: MANAGER, value: '' },
        { op: 'Add', path: MANAGER, value: null },
        { op: 'replace', value: { [MANAGER]: '' } },
        { op: 'Replace', path: MANAGER, value: null },
      ]) {
        await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'add', path: MANAGER, value: boss.id }));
        expect(await managerOf(user.id)).toEqual({ value: boss.id });
        const res = await t.scim('PATCH', `/Users/${user.id}`, patchBody(op));
        expect(res.statusCode, res.body).toBe(200);
        expect(await managerOf(user.id), JSON.stringify(op)).toBeUndefined();
      }
      expect((await t.scim('GET', `/Users/${user.id}`)).json()[ENT]).toEqual({ department: 'Sales' });
      const put = await t.scim('PUT', `/Users/${user.id}`, { schemas: [USER_SCHEMA, ENT], userName: user.userName, [ENT]: { manager: '', department: 'Ops' } });
      expect(put.json()[ENT]).toEqual({ department: 'Ops' });
    });

    it('a manager that is neither an id nor an object is still 400 invalidValue and changes nothing', async () => {
      const user = await createUser({ [ENT]: { department: 'Sales' } });
      const res = await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'Add', path: MANAGER, value: 42 }));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().scimType).toBe('invalidValue');
      const after = (await t.scim('GET', `/Users/${user.id}`)).json();
      expect(after.meta.version).toBe(user.meta.version);
    });
  });

  describe('attributes= with a value filter', () => {
    let id: string;
    const q = (params: string) => t.scim('GET', `/Users?filter=${encodeURIComponent('userName sw "vf-"')}&${params}`);
    beforeAll(async () => {
      const res = await t.scim('POST', '/Users', {
        schemas: [USER_SCHEMA],
        userName: 'vf-1@example.com',
        displayName: 'Value Filter',
        emails: [
          { value: 'work@example.com', type: 'work', primary: true },
          { value: 'home@example.com', type: 'home' },
        ],
      });
      id = res.json().id;
    });

    it('GET /Users?attributes=emails[type eq "work"] answers 200 with only the work email (Microsoft\'s validator)', async () => {
      const res = await q(`attributes=${encodeURIComponent('emails[type eq "work"]')}`);
      expect(res.statusCode, res.body).toBe(200);
      const [user] = res.json().Resources;
      expect(user).toEqual({ schemas: [USER_SCHEMA], id, emails: [{ value: 'work@example.com', type: 'work', primary: true }] });
      // The unencoded form the validator puts on the wire.
      const raw = await t.scim('GET', `/Users/${id}?attributes=emails[type eq "work"]`);
      expect(raw.statusCode, raw.body).toBe(200);
      expect(raw.json().emails).toEqual([{ value: 'work@example.com', type: 'work', primary: true }]);
    });

    it('a value filter with a sub-attribute, beside other names, and with a comma inside the filter', async () => {
      const res = await t.scim('GET', `/Users/${id}?attributes=${encodeURIComponent('displayName,emails[type eq "home" or value eq "a,b"].value')}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ schemas: [USER_SCHEMA], id, displayName: 'Value Filter', emails: [{ value: 'home@example.com' }] });
    });

    it('an attribute also named without a filter comes back whole; a filter that matches nothing leaves it out', async () => {
      const whole = (await t.scim('GET', `/Users/${id}?attributes=${encodeURIComponent('emails[type eq "work"],emails')}`)).json();
      expect(whole.emails).toHaveLength(2);
      const none = await t.scim('GET', `/Users/${id}?attributes=${encodeURIComponent('emails[type eq "other"]')}`);
      expect(none.statusCode).toBe(200);
      expect(none.json()).toEqual({ schemas: [USER_SCHEMA], id });
    });

    it('excludedAttributes with a value filter leaves out only the values it selects', async () => {
      const res = await t.scim('GET', `/Users/${id}?excludedAttributes=${encodeURIComponent('emails[type eq "home"]')}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().emails).toEqual([{ value: 'work@example.com', type: 'work', primary: true }]);
      expect(res.json().userName).toBe('vf-1@example.com');
      const sub = (await t.scim('GET', `/Users/${id}?excludedAttributes=${encodeURIComponent('emails[type eq "work"].primary')}`)).json();
      expect(sub.emails).toEqual([{ value: 'work@example.com', type: 'work' }, { value: 'home@example.com', type: 'home' }]);
    });

    it('POST /.search takes value paths in its attributes array', async () => {
      const res = await t.scim('POST', '/Users/.search', { filter: 'userName sw "vf-"', attributes: ['emails[type eq "work"].value'] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().Resources[0].emails).toEqual([{ value: 'work@example.com' }]);
    });

    it.each(['emails[type eq "work"', 'emails[type eq]', 'emails[type eq "work"]x', '1emails[type eq "work"]'])('a malformed value path in attributes (%s) is still 400 invalidPath', async (text) => {
      const res = await q(`attributes=${encodeURIComponent(text)}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().scimType).toBe('invalidPath');
    });
  });
});
