// RFC 7644 §3.3, §3.4.1, §3.5.1, §3.6 over HTTP: a user's whole life, on
// every database.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, USER_SCHEMA, patchBody, type TestApp } from '../helpers/test-app.js';

describe.each(DIALECTS)('Users lifecycle (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const newUser = (userName: string, extra: Record<string, unknown> = {}) => ({
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    ...extra,
  });

  it('creates a user: 201, id, meta, Location and ETag (RFC 7644 §3.3)', async () => {
    const res = await t.scim('POST', '/Users', newUser('bjensen@example.com', { externalId: 'ext-1', password: 'secret' }));
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    const body = res.json();
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.userName).toBe('bjensen@example.com');
    expect(body.password).toBeUndefined();
    expect(body.meta).toMatchObject({ resourceType: 'User', version: 'W/"1"', location: `http://127.0.0.1:8080${t.base}/Users/${body.id}` });
    expect(res.headers.location).toBe(body.meta.location);
    expect(res.headers.etag).toBe('W/"1"');
  });

  it('rejects a second user with the same userName in any case with 409 uniqueness, changing nothing', async () => {
    const before = (await t.scim('GET', '/Users?count=0')).json().totalResults;
    const res = await t.scim('POST', '/Users', newUser('BJENSEN@example.com'));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness' });
    expect((await t.scim('GET', '/Users?count=0')).json().totalResults).toBe(before);
  });

  it('reads a user back by id as a User, not a ListResponse', async () => {
    const created = (await t.scim('POST', '/Users', newUser('reader@example.com'))).json();
    const res = await t.scim('GET', `/Users/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: created.id, userName: 'reader@example.com', schemas: [USER_SCHEMA] });
  });

  it('answers 304 to If-None-Match with the current version, 200 otherwise (RFC 7644 §3.14)', async () => {
    const created = (await t.scim('POST', '/Users', newUser('etag@example.com'))).json();
    expect((await t.scim('GET', `/Users/${created.id}`, undefined, { 'if-none-match': 'W/"1"' })).statusCode).toBe(304);
    expect((await t.scim('GET', `/Users/${created.id}`, undefined, { 'if-none-match': 'W/"7"' })).statusCode).toBe(200);
  });

  it('replaces with PUT, bumps the version, and refuses a stale If-Match with 412', async () => {
    const created = (await t.scim('POST', '/Users', newUser('put@example.com'))).json();
    const put = await t.scim('PUT', `/Users/${created.id}`, { ...newUser('put@example.com'), displayName: 'Babs' }, { 'if-match': 'W/"1"' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ displayName: 'Babs', meta: { version: 'W/"2"' } });
    const stale = await t.scim('PUT', `/Users/${created.id}`, { ...newUser('put@example.com'), displayName: 'Lost' }, { 'if-match': 'W/"1"' });
    expect(stale.statusCode).toBe(412);
    expect((await t.scim('GET', `/Users/${created.id}`)).json().displayName).toBe('Babs');
  });

  it('suspends with active:false: still readable, shown inactive (CHECKLIST 19)', async () => {
    const created = (await t.scim('POST', '/Users', newUser('suspend@example.com'))).json();
    const res = await t.scim('PATCH', `/Users/${created.id}`, patchBody({ op: 'Replace', path: 'active', value: 'False' }));
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    const again = await t.scim('GET', `/Users/${created.id}`);
    expect(again.json().active).toBe(false);
  });

  it('deletes: 204, then 404, and the userName can be provisioned again', async () => {
    const created = (await t.scim('POST', '/Users', newUser('gone@example.com'))).json();
    expect((await t.scim('DELETE', `/Users/${created.id}`)).statusCode).toBe(204);
    const res = await t.scim('GET', `/Users/${created.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: '404' });
    expect((await t.scim('DELETE', `/Users/${created.id}`)).statusCode).toBe(404);
    expect((await t.scim('POST', '/Users', newUser('gone@example.com'))).statusCode).toBe(201);
  });

  it('keeps the enterprise extension and answers it under its URN', async () => {
    const ent = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const res = await t.scim('POST', '/Users', { ...newUser('ent@example.com'), schemas: [USER_SCHEMA, ent], [ent]: { employeeNumber: '701984', department: 'Tour Operations' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.schemas).toContain(ent);
    expect(body[ent]).toMatchObject({ employeeNumber: '701984', department: 'Tour Operations' });
  });

  it('refuses a user without userName (400 invalidValue), a malformed body (400 invalidSyntax) and changes nothing', async () => {
    const before = (await t.scim('GET', '/Users?count=0')).json().totalResults;
    const missing = await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], displayName: 'No Name' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().scimType).toBe('invalidValue');
    const broken = await t.scim('POST', '/Users', '{"userName": ');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().scimType).toBe('invalidSyntax');
    const array = await t.scim('POST', '/Users', '[]');
    expect(array.statusCode).toBe(400);
    expect((await t.scim('GET', '/Users?count=0')).json().totalResults).toBe(before);
  });

  it('accepts application/json and a body with no content type', async () => {
    const json = await t.app.inject({ method: 'POST', url: `${t.base}/Users`, headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' }, payload: JSON.stringify(newUser('json@example.com')) });
    expect(json.statusCode).toBe(201);
    const none = await t.app.inject({ method: 'POST', url: `${t.base}/Users`, headers: { authorization: `Bearer ${t.token}` }, payload: JSON.stringify(newUser('none@example.com')) });
    expect(none.statusCode).toBe(201);
  });

  it('answers 413 with a SCIM error for an oversized body', async () => {
    const res = await t.scim('POST', '/Users', newUser('big@example.com', { title: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });

  it('answers a SCIM 404 for an unknown endpoint', async () => {
    const res = await t.scim('GET', '/Nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });
});
