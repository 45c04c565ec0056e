// RFC 7644 §3.4.2: filtering, sorting, paging and projection over HTTP.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe.each(DIALECTS)('Users list, filter, sort, page (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const people = [
      { userName: 'bjensen', title: 'Tour Guide', emails: [{ value: 'bjensen@example.com', type: 'work' }], dept: 'Tours', active: true },
      { userName: 'jsmith', title: 'Engineer', emails: [{ value: 'jsmith@example.org', type: 'home' }], dept: 'R&D', active: true },
      { userName: 'ALopez', emails: [{ value: 'alopez@example.com', type: 'work' }], dept: 'R&D', active: false },
      { userName: 'zed', title: 'Intern', emails: [], dept: 'Tours', active: true },
    ];
    for (const p of people) {
      const res = await t.scim('POST', '/Users', {
        schemas: [USER_SCHEMA, ENT],
        userName: p.userName,
        title: p.title,
        emails: p.emails,
        active: p.active,
        [ENT]: { department: p.dept },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => t.close());

  const names = async (query: string) => {
    const res = await t.scim('GET', `/Users?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().Resources.map((r: { userName: string }) => r.userName);
  };
  const filter = (f: string) => names(`filter=${encodeURIComponent(f)}`);

  it('matches userName case-insensitively and answers a ListResponse with integers', async () => {
    const res = await t.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "BJENSEN"')}&startIndex=1&count=100`);
    const body = res.json();
    expect(body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(body.Resources[0].userName).toBe('bjensen');
  });

  it('answers an empty match with 200 and totalResults 0 (CHECKLIST 11)', async () => {
    const body = (await t.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "0d4e6b4c-nobody"')}`)).json();
    expect(body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('takes + as a space, operator and attribute in any case (CHECKLIST 10)', async () => {
    expect(await names('filter=userName+eq+%22jsmith%22')).toEqual(['jsmith']);
    expect(await filter('USERNAME Eq "jsmith"')).toEqual(['jsmith']);
    expect(await filter('userName eq jsmith')).toEqual(['jsmith']);
  });

  it('supports and / or / not, pr, value paths, extension attributes', async () => {
    expect(await filter('title pr and active eq true')).toEqual(['bjensen', 'jsmith', 'zed']);
    expect(await filter('not (title pr)')).toEqual(['ALopez']);
    expect(await filter('emails[type eq "work" and value co "@example.com"]')).toEqual(['bjensen', 'ALopez']);
    expect(await filter('emails[type eq "work"].value eq "ALOPEZ@example.com"')).toEqual(['ALopez']);
    expect(await filter(`${ENT}:department eq "r&d"`)).toEqual(['jsmith', 'ALopez']);
    expect(await filter('userName sw "j" or userName ew "ED"')).toEqual(['jsmith', 'zed']);
    expect(await filter('meta.created gt "2000-01-01T00:00:00Z"')).toHaveLength(4);
  });

  it('refuses bad filters with 400 invalidFilter', async () => {
    for (const bad of ['userName eq', 'userName zz "x"', '(userName eq "x"', 'noSuchAttribute eq "x"', 'active gt true']) {
      const res = await t.scim('GET', `/Users?filter=${encodeURIComponent(bad)}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().scimType, bad).toBe('invalidFilter');
    }
  });

  it('sorts by userName both ways, case-insensitively', async () => {
    expect(await names('sortBy=userName')).toEqual(['ALopez', 'bjensen', 'jsmith', 'zed']);
    expect(await names('sortBy=userName&sortOrder=descending')).toEqual(['zed', 'jsmith', 'bjensen', 'ALopez']);
  });

  it('pages with startIndex and count in a stable order', async () => {
    const all = await names('count=100');
    const pages = [...(await names('startIndex=1&count=2')), ...(await names('startIndex=3&count=2'))];
    expect(pages).toEqual(all);
    const res = (await t.scim('GET', '/Users?startIndex=3&count=2')).json();
    expect(res).toMatchObject({ totalResults: 4, startIndex: 3, itemsPerPage: 2 });
    expect((await t.scim('GET', '/Users?count=0')).json()).toMatchObject({ totalResults: 4, itemsPerPage: 0 });
  });

  it('refuses a non-integer startIndex or count with 400 invalidValue', async () => {
    expect((await t.scim('GET', '/Users?count=abc')).json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await t.scim('GET', '/Users?sortOrder=sideways')).statusCode).toBe(400);
  });

  it('projects with attributes and excludedAttributes (id and schemas always come)', async () => {
    const only = (await t.scim('GET', `/Users?attributes=userName&filter=${encodeURIComponent('userName eq "bjensen"')}`)).json().Resources[0];
    expect(Object.keys(only).sort()).toEqual(['id', 'schemas', 'userName']);
    const without = (await t.scim('GET', `/Users?excludedAttributes=emails,title&filter=${encodeURIComponent('userName eq "bjensen"')}`)).json().Resources[0];
    expect(without.emails).toBeUndefined();
    expect(without.title).toBeUndefined();
    expect(without.userName).toBe('bjensen');
  });

  it('searches with POST /Users/.search and POST /.search', async () => {
    const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'userName sw "b"', attributes: ['userName'] };
    const res = await t.scim('POST', '/Users/.search', body);
    expect(res.statusCode).toBe(200);
    expect(res.json().Resources.map((r: { userName: string }) => r.userName)).toEqual(['bjensen']);
    const root = await t.scim('POST', '/.search', { ...body, filter: 'userName sw "j"' });
    expect(root.statusCode).toBe(200);
    expect(root.json().totalResults).toBe(1);
  });
});
