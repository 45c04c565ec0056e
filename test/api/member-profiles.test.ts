// Issue 11, member profiles: what an Okta-style and an Entra-style IdP push
// through SCIM (core attributes, the Enterprise User extension, a custom
// extension block) reaches the host product whole: the host API's members,
// the admin API's users and the user.* events (payload version 2) carry the
// same profile; managers are resolved to their names; the host list filters
// by group, active, department and updatedSince.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, patchBody, USER_SCHEMA, type ScimResponse, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const OKTA_EXT = 'urn:okta:acme_rollcall:1.0:user:custom';
const ENTRA_EXT = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/** As Okta's OIN SCIM 2.0 template sends a user with profile mappings and a custom schema extension. */
const oktaUser = {
  schemas: [USER_SCHEMA, ENT, OKTA_EXT],
  userName: 'isabel.ortiz@acme.example',
  name: { givenName: 'Isabel', middleName: 'María', familyName: 'Ortiz', honorificPrefix: 'Dr.', honorificSuffix: 'PhD', formatted: 'Dr. Isabel María Ortiz PhD' },
  displayName: 'Isabel Ortiz',
  nickName: 'Isa',
  emails: [
    { primary: true, value: 'isabel.ortiz@acme.example', type: 'work' },
    { value: 'isa@home.example', type: 'home' },
  ],
  phoneNumbers: [{ value: '+1 555 0100', type: 'mobile', primary: true }],
  title: 'Staff Engineer',
  userType: 'Employee',
  preferredLanguage: 'es-MX',
  locale: 'es-MX',
  timezone: 'America/Mexico_City',
  externalId: '00u1isabel',
  active: true,
  password: 'synced-and-discarded',
  [ENT]: { employeeNumber: '10042', costCenter: 'CC-77', organization: 'Acme', division: 'Platform', department: 'Engineering', manager: { value: '00u1boss' } },
  [OKTA_EXT]: { badgeColour: 'green', floor: 3, desks: ['A1', 'B2'], parking: { spot: 'P7' } },
};

/** As Entra ID provisions a user (enterprise extension, a directory extension mapped to a custom URN); the manager follows as a PATCH with the bare id. */
const entraUser = {
  schemas: [USER_SCHEMA, ENT, ENTRA_EXT],
  externalId: 'f1c3a9e2-5b0d-4c1e-9f7a-0a1b2c3d4e5f',
  userName: 'Kenji.Sato@contoso.example',
  active: true,
  emails: [{ primary: true, type: 'work', value: 'Kenji.Sato@contoso.example' }],
  meta: { resourceType: 'User' },
  name: { formatted: 'Kenji Sato', familyName: 'Sato', givenName: 'Kenji' },
  displayName: 'Kenji Sato',
  title: 'Account Executive',
  preferredLanguage: 'ja-JP',
  phoneNumbers: [{ type: 'work', value: '+81 3 0000 0000' }],
  roles: [],
  [ENT]: { employeeNumber: 'E-7', department: 'Sales', costCenter: 'S-1' },
  [ENTRA_EXT]: { extension_7d1e_officeCode: 'TYO-3', extension_7d1e_clearance: 'B' },
};

describe.each(DIALECTS)('member profiles (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;
  let key: string;
  let now = Date.parse('2026-11-22T08:00:00.000Z');
  const tick = () => (now += 60_000);
  const ids: Record<string, string> = {};
  let engineering: string;
  let sales: string;

  const host = (path: string) => t.app.inject({ method: 'GET', url: `/api/v1/teams/${t.teamId}${path}`, headers: { authorization: `Bearer ${key}` } }) as Promise<ScimResponse>;
  const adminGet = (path: string) => admin.request('GET', `/api/admin/teams/${t.teamId}${path}`);
  const created = async (body: unknown) => {
    tick();
    const res = await t.scim('POST', '/Users', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const userNames = (res: ScimResponse) => (res.json().items as { userName: string }[]).map((m) => m.userName).sort();
  const events = async () => t.services.store.events.listAfter(t.services.store.db, t.teamId, 0, 1000);

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { clock: { now: () => new Date(now) } } });
    admin = await signInAdmin(t, 'owner@example.com');
    key = (await t.services.apiKeys.create({ label: 'host' })).secret;
    // Okta's manager reference is the manager's Okta id: the boss's externalId here.
    ids.boss = await created({ schemas: [USER_SCHEMA], userName: 'boss@acme.example', externalId: '00u1boss', displayName: 'Barbara Boss', [ENT]: { department: 'Engineering' } });
    ids.okta = await created(oktaUser);
    ids.entraBoss = await created({ schemas: [USER_SCHEMA], userName: 'Yuki.Tanaka@contoso.example', [ENT]: { department: 'sales' } });
    ids.entra = await created(entraUser);
    tick();
    // Entra ID sets the manager after both users exist, as the bare id of the manager's SCIM resource.
    const patched = await t.scim('PATCH', `/Users/${ids.entra}`, patchBody({ op: 'Add', path: `${ENT}:manager`, value: ids.entraBoss }));
    expect(patched.statusCode, patched.body).toBe(200);
    ids.orphan = await created({ schemas: [USER_SCHEMA], userName: 'orphan@acme.example', active: false, [ENT]: { manager: { value: 'nobody-we-know' }, department: 'Engineering' } });
    tick();
    engineering = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering', members: [{ value: ids.okta }, { value: ids.boss }, { value: ids.orphan }] })).json().id;
    sales = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Sales', members: [{ value: ids.entra }] })).json().id;
  });
  afterAll(async () => t.close());

  it('the host API answers every profile field of the Okta-style user, beside the fields it always had', async () => {
    const res = await host(`/members/${ids.okta}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: ids.okta,
      userName: 'isabel.ortiz@acme.example',
      displayName: 'Isabel Ortiz',
      externalId: '00u1isabel',
      active: true,
      emails: [
        { value: 'isabel.ortiz@acme.example', type: 'work', primary: true },
        { value: 'isa@home.example', type: 'home' },
      ],
      groups: [{ id: engineering, displayName: 'Engineering' }],
      created: '2026-11-22T08:02:00.000Z',
      lastModified: '2026-11-22T08:02:00.000Z',
      managedBy: 'idp',
      name: { givenName: 'Isabel', middleName: 'María', familyName: 'Ortiz', honorificPrefix: 'Dr.', honorificSuffix: 'PhD', formatted: 'Dr. Isabel María Ortiz PhD' },
      nickName: 'Isa',
      phoneNumbers: [{ value: '+1 555 0100', type: 'mobile', primary: true }],
      title: 'Staff Engineer',
      userType: 'Employee',
      preferredLanguage: 'es-MX',
      locale: 'es-MX',
      timezone: 'America/Mexico_City',
      employeeNumber: '10042',
      costCenter: 'CC-77',
      organization: 'Acme',
      division: 'Platform',
      department: 'Engineering',
      manager: { value: '00u1boss', displayName: 'Barbara Boss', id: ids.boss },
      extensions: { [OKTA_EXT]: { badgeColour: 'green', floor: 3, desks: ['A1', 'B2'], parking: { spot: 'P7' } } },
    });
  });

  it('the Entra-style user: the bare-id manager resolved, absent attributes null, the custom extension as sent', async () => {
    const body = (await host(`/members/${encodeURIComponent('kenji.sato@contoso.example')}?by=userName`)).json();
    expect(body).toMatchObject({
      id: ids.entra,
      userName: 'Kenji.Sato@contoso.example',
      externalId: entraUser.externalId,
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Kenji.Sato@contoso.example' }],
      groups: [{ id: sales, displayName: 'Sales' }],
      name: { formatted: 'Kenji Sato', familyName: 'Sato', givenName: 'Kenji', middleName: null, honorificPrefix: null, honorificSuffix: null },
      nickName: null,
      phoneNumbers: [{ type: 'work', value: '+81 3 0000 0000' }],
      title: 'Account Executive',
      userType: null,
      preferredLanguage: 'ja-JP',
      locale: null,
      timezone: null,
      employeeNumber: 'E-7',
      costCenter: 'S-1',
      organization: null,
      division: null,
      department: 'Sales',
      // No displayName on the manager: the userName stands in.
      manager: { value: ids.entraBoss, displayName: 'Yuki.Tanaka@contoso.example', id: ids.entraBoss },
      extensions: { [ENTRA_EXT]: { extension_7d1e_officeCode: 'TYO-3', extension_7d1e_clearance: 'B' } },
    });
    const boss = (await host(`/members/${ids.boss}`)).json();
    expect(boss).toMatchObject({ manager: null, extensions: {}, phoneNumbers: [], name: { givenName: null, familyName: null } });
  });

  it('the admin API answers the same body for each user, alone and in its list', async () => {
    for (const id of [ids.okta, ids.entra, ids.orphan]) {
      const viaHost = (await host(`/members/${id}`)).json();
      expect((await adminGet(`/users/${id}`)).json()).toEqual(viaHost);
    }
    const hostList = (await host('/members?count=100')).json().items;
    const adminList = (await adminGet('/users?count=100')).json().items;
    expect(adminList).toEqual(hostList);
    expect(hostList.find((m: Body) => m.id === ids.okta)).toEqual((await host(`/members/${ids.okta}`)).json());
  });

  it('a manager the team does not have keeps its value, with null name and id; a renamed manager shows the new name', async () => {
    expect((await host(`/members/${ids.orphan}`)).json().manager).toEqual({ value: 'nobody-we-know', displayName: null, id: null });
    tick();
    await t.scim('PATCH', `/Users/${ids.boss}`, patchBody({ op: 'replace', path: 'displayName', value: 'Barbara B. Boss' }));
    expect((await host(`/members/${ids.okta}`)).json().manager).toEqual({ value: '00u1boss', displayName: 'Barbara B. Boss', id: ids.boss });
    tick();
    await t.scim('PATCH', `/Users/${ids.boss}`, patchBody({ op: 'replace', path: 'displayName', value: 'Barbara Boss' }));
  });

  it('a manager reference is matched by id, else externalId, else userName (ignoring case); an externalId two users share matches nobody', async () => {
    const byUserName = await created({ schemas: [USER_SCHEMA], userName: 'temp1@acme.example', [ENT]: { manager: { value: 'BOSS@ACME.example' } } });
    expect((await host(`/members/${byUserName}`)).json().manager).toEqual({ value: 'BOSS@ACME.example', displayName: 'Barbara Boss', id: ids.boss });
    const twinA = await created({ schemas: [USER_SCHEMA], userName: 'twin-a@acme.example', externalId: 'shared-ext' });
    const twinB = await created({ schemas: [USER_SCHEMA], userName: 'twin-b@acme.example', externalId: 'shared-ext' });
    const ambiguous = await created({ schemas: [USER_SCHEMA], userName: 'temp2@acme.example', [ENT]: { manager: { value: 'shared-ext' } } });
    expect((await adminGet(`/users/${ambiguous}`)).json().manager).toEqual({ value: 'shared-ext', displayName: null, id: null });
    // The id wins over another user's externalId equal to it.
    const shadow = await created({ schemas: [USER_SCHEMA], userName: 'temp3@acme.example', externalId: ids.entraBoss });
    expect((await host(`/members/${ids.entra}`)).json().manager.id).toBe(ids.entraBoss);
    for (const id of [byUserName, twinA, twinB, ambiguous, shadow]) expect((await t.scim('DELETE', `/Users/${id}`)).statusCode).toBe(204);
  });

  it('user.* events are payload version 2: the version 1 summary unchanged, and the profile', async () => {
    const all = await events();
    const createdEvent = all.find((e) => e.type === 'user.created' && e.resourceId === ids.okta);
    expect(createdEvent?.data).toMatchObject({
      version: 2,
      user: { id: ids.okta, userName: oktaUser.userName, externalId: '00u1isabel', displayName: 'Isabel Ortiz', active: true, emails: ['isabel.ortiz@acme.example', 'isa@home.example'] },
    });
    expect(Object.keys((createdEvent?.data as Body).user).sort()).toEqual(['active', 'displayName', 'emails', 'externalId', 'id', 'userName']);
    // The profile is the host API's body at that moment (no groups yet), without managedBy.
    const { managedBy: _managedBy, ...current } = (await host(`/members/${ids.okta}`)).json();
    expect((createdEvent?.data as Body).profile).toEqual({ ...current, groups: [] });

    const managerSet = all.filter((e) => e.type === 'user.updated' && e.resourceId === ids.entra).at(-1);
    expect((managerSet?.data as Body).profile).toMatchObject({
      manager: { value: ids.entraBoss, displayName: 'Yuki.Tanaka@contoso.example', id: ids.entraBoss },
      extensions: { [ENTRA_EXT]: { extension_7d1e_officeCode: 'TYO-3', extension_7d1e_clearance: 'B' } },
      department: 'Sales',
    });
    // Membership events keep version 1.
    expect(all.find((e) => e.type === 'group.member_added')?.data.version).toBe(1);
  });

  it('suspension, reactivation and deletion carry the profile; a deleted member\'s names its groups as they were', async () => {
    const id = await created({ schemas: [USER_SCHEMA], userName: 'leaver@acme.example', [ENT]: { department: 'Engineering', manager: { value: ids.boss } }, [OKTA_EXT]: { badgeColour: 'red' } });
    await t.scim('PATCH', `/Groups/${engineering}`, patchBody({ op: 'add', path: 'members', value: [{ value: id }] }));
    tick();
    await t.scim('PATCH', `/Users/${id}`, patchBody({ op: 'replace', value: { active: false } }));
    tick();
    await t.scim('PATCH', `/Users/${id}`, patchBody({ op: 'replace', value: { active: true } }));
    tick();
    expect((await t.scim('DELETE', `/Users/${id}`)).statusCode).toBe(204);
    const mine = (await events()).filter((e) => e.resourceId === id && e.type.startsWith('user.'));
    expect(mine.map((e) => e.type)).toEqual(['user.created', 'user.updated', 'user.suspended', 'user.updated', 'user.reactivated', 'user.deleted']);
    for (const e of mine) {
      expect(e.data.version, e.type).toBe(2);
      expect((e.data as Body).profile, e.type).toMatchObject({ id, department: 'Engineering', manager: { value: ids.boss, displayName: 'Barbara Boss', id: ids.boss }, extensions: { [OKTA_EXT]: { badgeColour: 'red' } } });
    }
    expect((mine.find((e) => e.type === 'user.suspended')?.data as Body).profile.active).toBe(false);
    expect((mine.find((e) => e.type === 'user.deleted')?.data as Body).profile.groups).toEqual([{ id: engineering, displayName: 'Engineering' }]);
    // An update's profile names the groups the member is in at that change.
    expect((mine.find((e) => e.type === 'user.suspended')?.data as Body).profile.groups).toEqual([{ id: engineering, displayName: 'Engineering' }]);
  });

  describe('host list filters', () => {
    it('group: that group\'s direct members only', async () => {
      const res = await host(`/members?group=${engineering}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().totalResults).toBe(3);
      expect(userNames(res)).toEqual(['boss@acme.example', 'isabel.ortiz@acme.example', 'orphan@acme.example']);
      expect(userNames(await host(`/members?group=${sales}`))).toEqual(['Kenji.Sato@contoso.example']);
    });

    it('active: true or false', async () => {
      expect(userNames(await host('/members?active=false'))).toEqual(['orphan@acme.example']);
      expect(userNames(await host('/members?active=true'))).toEqual(['Kenji.Sato@contoso.example', 'Yuki.Tanaka@contoso.example', 'boss@acme.example', 'isabel.ortiz@acme.example']);
    });

    it('department: equal, ignoring case', async () => {
      expect(userNames(await host('/members?department=SALES'))).toEqual(['Kenji.Sato@contoso.example', 'Yuki.Tanaka@contoso.example']);
      expect(userNames(await host('/members?department=engineering'))).toEqual(['boss@acme.example', 'isabel.ortiz@acme.example', 'orphan@acme.example']);
      expect((await host('/members?department=Eng')).json().totalResults).toBe(0);
    });

    it('updatedSince: members changed at or after that instant, suspended ones included', async () => {
      // The Entra manager PATCH was at 08:05; the orphan was created at 08:06; the boss was renamed twice later.
      const entra = (await host(`/members/${ids.entra}`)).json();
      expect(entra.lastModified).toBe('2026-11-22T08:05:00.000Z');
      expect(userNames(await host(`/members?updatedSince=${encodeURIComponent(entra.lastModified)}`))).toEqual(['Kenji.Sato@contoso.example', 'boss@acme.example', 'orphan@acme.example']);
      // Another offset, the same instant; a date alone is its midnight UTC.
      expect(userNames(await host(`/members?updatedSince=${encodeURIComponent('2026-11-22T17:05:00+09:00')}`))).toEqual(['Kenji.Sato@contoso.example', 'boss@acme.example', 'orphan@acme.example']);
      expect((await host('/members?updatedSince=2026-11-22')).json().totalResults).toBe(5);
      expect((await host('/members?updatedSince=2026-11-23')).json().totalResults).toBe(0);
    });

    it('combined, and paged as before', async () => {
      expect(userNames(await host(`/members?group=${engineering}&active=true&department=Engineering`))).toEqual(['boss@acme.example', 'isabel.ortiz@acme.example']);
      expect(userNames(await host(`/members?group=${engineering}&active=true&updatedSince=2026-11-22T08:06:00Z`))).toEqual(['boss@acme.example']);
      expect(userNames(await host('/members?department=engineering&active=false&updatedSince=2026-11-22T08:06:00Z'))).toEqual(['orphan@acme.example']);
      const first = (await host(`/members?department=engineering&count=2`)).json();
      const second = (await host(`/members?department=engineering&count=2&startIndex=3`)).json();
      expect(first.totalResults).toBe(3);
      expect(first.items).toHaveLength(2);
      expect(second).toMatchObject({ totalResults: 3, startIndex: 3 });
      expect([...first.items, ...second.items].map((m: Body) => m.userName).sort()).toEqual(['boss@acme.example', 'isabel.ortiz@acme.example', 'orphan@acme.example']);
      expect((await host(`/members?group=${sales}&department=engineering`)).json()).toEqual({ totalResults: 0, startIndex: 1, items: [] });
    });

    it('refuses a value it cannot mean with a 400 API error, and an unknown group with a 404', async () => {
      for (const query of [
        'active=yes',
        'active=TRUE',
        'active=',
        'updatedSince=yesterday',
        'updatedSince=2026-11-22T08:00',
        'updatedSince=1732262400',
        'updatedSince=2026-13-01',
        'updatedSince=2026-02-31T00:00:00Z',
        'department=',
        `department=${'x'.repeat(300)}`,
        'group=',
        `group=${engineering}&active=maybe`,
      ]) {
        const res = await host(`/members?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json(), query).toEqual({ error: { code: 'request.invalid', message: expect.any(String) } });
      }
      expect((await host('/members?updatedSince=soon')).json().error.message).toContain('updatedSince');
      const unknown = await host('/members?group=no-such-group');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('resource.not_found');
    });
  });
});
