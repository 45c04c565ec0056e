// idp/CHECKLIST.md items 10–12 over HTTP (RFC 7644 §3.4.2.2 filtering,
// §3.4.2 ListResponse, §3.4.2.5 excludedAttributes): the lookups Okta,
// Entra, PingOne, OneLogin and authentik send, with the exact query-string
// encoding each uses.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
/** encodeURIComponent with "+" for spaces, as Entra encodes its queries. */
const form = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');

describe.each(DIALECTS)('CHECKLIST 10–12: lookups as IdPs send them (%s)', (dialect) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let groupId = '';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const people = [
      { key: 'okta', userName: 'Test.User@okta.local', externalId: '00ujl29u0le5T6Aj10h7', emails: [{ primary: true, type: 'work', value: 'test.user@okta.local' }] },
      { key: 'entra', userName: 'Test_User_dfb6a6f3', externalId: '8c4ad6a0-7b04-4b5e-8d3b-3c8a8c6a4f10', emails: [{ primary: true, type: 'work', value: 'Test_User_dfb6a6f3@testuser.com' }] },
      { key: 'jdoe', userName: 'jdoe', externalId: 'ak-42', emails: [{ primary: true, type: 'other', value: 'jdoe@example.com' }] },
      { key: 'plus', userName: 'first+tag@example.com', externalId: 'plus-1', emails: [{ primary: true, type: 'work', value: 'first+tag@example.com' }] },
      { key: 'home', userName: 'homebody', externalId: 'hb-1', emails: [{ type: 'home', value: 'shared@example.com' }] },
    ];
    for (const p of people) {
      const res = await t.scim('POST', '/Users', { schemas: [USER_SCHEMA, ENT], userName: p.userName, externalId: p.externalId, emails: p.emails, active: true, [ENT]: { manager: { value: 'mgr-1' } } });
      expect(res.statusCode).toBe(201);
      ids[p.key] = res.json().id;
    }
    const group = await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Sales EMEA', externalId: 'grp-ext-1', members: [{ value: ids.okta }, { value: ids.entra }] });
    groupId = group.json().id;
  });
  afterAll(async () => t.close());

  /** GET a list; asserts the ListResponse envelope and returns the body. */
  const list = async (path: string) => {
    const res = await t.scim('GET', path);
    expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
    const body = res.json();
    expect(body.schemas).toEqual([LIST]);
    return body;
  };
  const found = async (path: string) => (await list(path)).Resources.map((r: { id: string }) => r.id).sort();
  const expectInvalidFilter = async (path: string) => {
    const res = await t.scim('GET', path);
    expect(res.statusCode, path).toBe(400);
    expect(res.json(), path).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
  };

  describe('CHECKLIST 10: filters as each IdP writes them', () => {
    it('CHECKLIST 10: Okta userName eq with %20 encoding matches case-insensitively (Okta spec test)', async () => {
      expect(await found(`/Users?filter=userName%20eq%20%22${encodeURIComponent('TEST.USER@OKTA.LOCAL')}%22&startIndex=1&count=100`)).toEqual([ids.okta]);
      expect(await found(`/Users?filter=userName%20eq%20%22${encodeURIComponent('test.user@okta.local')}%22&startIndex=1&count=100`)).toEqual([ids.okta]);
    });

    it('CHECKLIST 10: PingOne "username Eq" (attribute and operator in another case)', async () => {
      expect(await found(`/Users?filter=${encodeURIComponent('username Eq "jdoe"')}`)).toEqual([ids.jdoe]);
      expect(await found(`/Users?filter=${encodeURIComponent('USERNAME EQ "JDOE"')}`)).toEqual([ids.jdoe]);
      expect(await found(`/Users?filter=${encodeURIComponent('ExternalId eQ "ak-42"')}`)).toEqual([ids.jdoe]);
    });

    it('CHECKLIST 10: Entra "+" for spaces, on userName, externalId and displayName', async () => {
      expect(await found(`/Users?filter=userName+eq+%22Test_User_dfb6a6f3%22`)).toEqual([ids.entra]);
      expect(await found(`/Users?filter=${form('externalId eq "8c4ad6a0-7b04-4b5e-8d3b-3c8a8c6a4f10"')}`)).toEqual([ids.entra]);
      expect(await found(`/Groups?excludedAttributes=members&filter=${form('displayName eq "Sales EMEA"')}`)).toEqual([groupId]);
      expect(await found(`/Groups?excludedAttributes=members&filter=${form('displayName eq "sales emea"')}`)).toEqual([groupId]);
    });

    it('CHECKLIST 10: a literal "+" sent as %2B stays a plus (only a raw "+" is a space)', async () => {
      expect(await found(`/Users?filter=${form('userName eq "first+tag@example.com"')}`)).toEqual([ids.plus]);
      expect(await found(`/Users?filter=${form('emails[type eq "work"].value eq "first+tag@example.com"')}`)).toEqual([ids.plus]);
      expect(await found(`/Users?filter=userName+eq+%22first+tag%40example.com%22`)).toEqual([]);
    });

    it('CHECKLIST 10: Entra "and" (matching attribute plus manager check)', async () => {
      expect(await found(`/Users?filter=${form(`userName eq "Test_User_dfb6a6f3" and ${ENT}:manager.value eq "mgr-1"`)}`)).toEqual([ids.entra]);
      expect(await found(`/Users?filter=${form(`userName eq "Test_User_dfb6a6f3" and ${ENT}:manager.value eq "mgr-2"`)}`)).toEqual([]);
    });

    it('CHECKLIST 10: Entra value path emails[type eq "work"].value eq "x", type-sensitive', async () => {
      expect(await found(`/Users?filter=${form('emails[type eq "work"].value eq "Test_User_dfb6a6f3@testuser.com"')}`)).toEqual([ids.entra]);
      // The only shared@example.com address is a home one.
      expect(await found(`/Users?filter=${form('emails[type eq "work"].value eq "shared@example.com"')}`)).toEqual([]);
      expect(await found(`/Users?filter=${form('emails[type eq "home"].value eq "SHARED@example.com"')}`)).toEqual([ids.home]);
    });

    it('CHECKLIST 10: authentik unquoted value (userName eq jdoe) is tolerated', async () => {
      expect(await found(`/Users?filter=${encodeURIComponent('userName eq jdoe')}`)).toEqual([ids.jdoe]);
      expect(await found(`/Groups?filter=${encodeURIComponent('displayName eq "Sales EMEA"')}`)).toEqual([groupId]);
    });

    it('CHECKLIST 10: filters that cannot be read are 400 invalidFilter, not an empty list', async () => {
      for (const bad of ['userName eq "x" and', 'userName Eq', 'usrName eq "jdoe"', 'emails[type eq "work".value eq "x"', 'userName == "jdoe"']) {
        await expectInvalidFilter(`/Users?filter=${encodeURIComponent(bad)}`);
      }
      await expectInvalidFilter(`/Groups?filter=${form('displayname eq')}`);
    });
  });

  describe('CHECKLIST 11: an empty result is 200 with totalResults 0', () => {
    it('CHECKLIST 11: Entra test connection (random GUID on /Users and /Groups) answers an empty ListResponse', async () => {
      for (const path of [
        `/Users?filter=userName+eq+%22${'0f8fad5b-d9cb-469f-a165-70867728950e'}%22`,
        `/Groups?excludedAttributes=members&filter=displayName+eq+%22${'7c9e6679-7425-40de-944b-e07fc1f90ae7'}%22`,
      ]) {
        const body = await list(path);
        expect(body).toMatchObject({ totalResults: 0, startIndex: 1, itemsPerPage: 0 });
        expect(body.Resources ?? []).toEqual([]);
      }
    });

    it('CHECKLIST 11: Okta and OneLogin lookups of a missing user answer 200 and totalResults 0', async () => {
      expect(await list(`/Users?filter=userName%20eq%20%22missing.0a1b2c3d4e5f%40okta.local%22&startIndex=1&count=100`)).toMatchObject({ totalResults: 0, itemsPerPage: 0 });
      expect(await list(`/Users?filter=${encodeURIComponent('userName eq "nobody@onelogin.example"')}`)).toMatchObject({ totalResults: 0 });
    });

    it('CHECKLIST 11: a missing resource by id is a 404 SCIM error, not an empty list (Okta spec test)', async () => {
      const res = await t.scim('GET', '/Users/00919288221112222');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ schemas: [ERROR], status: '404' });
      expect(res.json().detail).toEqual(expect.any(String));
      expect(res.json()).not.toHaveProperty('totalResults');
    });
  });

  describe('CHECKLIST 12: excludedAttributes=members on /Groups and /Groups/{id}', () => {
    it('CHECKLIST 12: Entra group lookup drops members and keeps the rest; the members are still stored', async () => {
      const body = await list(`/Groups?excludedAttributes=members&filter=displayName+eq+%22Sales+EMEA%22`);
      expect(body.totalResults).toBe(1);
      const [group] = body.Resources;
      expect(group).not.toHaveProperty('members');
      expect(group).toMatchObject({ id: groupId, displayName: 'Sales EMEA', externalId: 'grp-ext-1', schemas: [GROUP_SCHEMA], meta: { resourceType: 'Group' } });
      const full = (await t.scim('GET', `/Groups/${groupId}`)).json();
      expect(full.members.map((m: { value: string }) => m.value).sort()).toEqual([ids.okta, ids.entra].sort());
    });

    it('CHECKLIST 12: GET /Groups/{id}?excludedAttributes=members drops members, in any case of the name', async () => {
      for (const name of ['members', 'Members', `${GROUP_SCHEMA}:members`]) {
        const res = await t.scim('GET', `/Groups/${groupId}?excludedAttributes=${encodeURIComponent(name)}`);
        expect(res.statusCode, name).toBe(200);
        expect(res.json(), name).not.toHaveProperty('members');
        expect(res.json(), name).toMatchObject({ id: groupId, displayName: 'Sales EMEA' });
      }
    });

    it('CHECKLIST 12: excluding members from the unfiltered group list drops them from every group', async () => {
      const body = await list('/Groups?excludedAttributes=members');
      expect(body.totalResults).toBeGreaterThan(0);
      for (const group of body.Resources) expect(group).not.toHaveProperty('members');
    });

    it('CHECKLIST 12: excludedAttributes cannot remove id (returned "always")', async () => {
      const res = await t.scim('GET', `/Groups/${groupId}?excludedAttributes=members,id`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: groupId, schemas: [GROUP_SCHEMA] });
      expect(res.json()).not.toHaveProperty('members');
    });
  });
});
