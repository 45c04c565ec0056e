// Hostile text and sizes are a clear 400 on every surface and both databases
// (issue 10): U+0000 and lone surrogates in bodies, filters, query and path
// parameters; attribute, filter and nesting limits (src/scim/limits.ts);
// huge startIndex; and a refused request still reaches the activity log.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, USER_SCHEMA, patchBody, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { MAX_IDENTIFIER_LENGTH, MAX_JSON_DEPTH, MAX_MULTI_VALUES } from '../../src/scim/limits.js';

const user = (userName: string, extra: Record<string, unknown> = {}) => ({ schemas: [USER_SCHEMA], userName, ...extra });

describe.each(DIALECTS)('hostile input on %s', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;
  let apiKey: string;
  let userId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await signInAdmin(t, 'input-owner@example.com', 'owner');
    apiKey = (await t.services.apiKeys.create({ teamId: t.teamId })).secret;
    userId = (await t.scim('POST', '/Users', user('alice@example.com'))).json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectInvalidValue = (res: { statusCode: number; json: () => { scimType?: string; detail?: string } }, detail: RegExp) => {
    expect(res.statusCode).toBe(400);
    expect(res.json().scimType).toBe('invalidValue');
    expect(res.json().detail).toMatch(detail);
  };

  it('refuses U+0000 and lone surrogates in a SCIM body, a key included, and stores nothing', async () => {
    expectInvalidValue(await t.scim('POST', '/Users', user('bob\u0000@example.com')), /body\.userName contains the NUL character/);
    expectInvalidValue(await t.scim('POST', '/Users', user('x\ud800')), /lone UTF-16 surrogate/);
    expectInvalidValue(await t.scim('POST', '/Users', { ...user('carol'), 'ke\u0000y': 1 }), /has a key that contains the NUL/);
    expectInvalidValue(await t.scim('PATCH', `/Users/${userId}`, patchBody({ op: 'replace', path: 'displayName', value: '\udc00' })), /surrogate/);
    // Two different lone surrogates would both be stored as U+FFFD and collide on uniqueness.
    expectInvalidValue(await t.scim('POST', '/Users', user('dup\udbff')), /surrogate/);
    const list = await t.scim('GET', '/Users');
    expect(list.json().totalResults).toBe(1);
  });

  it('refuses U+0000 in a filter, a query parameter and a path id', async () => {
    expectInvalidValue(await t.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "a\u0000"')}`), /query\.filter contains the NUL/);
    expectInvalidValue(await t.scim('GET', '/Users?sortBy=userName%00'), /NUL/);
    expectInvalidValue(await t.scim('GET', '/Users/a%00b'), /path\.id contains the NUL/);
    expectInvalidValue(await t.scim('POST', '/Users/.search', { filter: 'userName sw "\u0000"' }), /NUL/);
    // The team's filters and sorts keep working.
    const found = await t.scim('GET', `/Users?filter=${encodeURIComponent('userName co "alice"')}&sortBy=userName`);
    expect(found.statusCode).toBe(200);
    expect(found.json().totalResults).toBe(1);
  });

  it('refuses attribute values over their limit, on create and on PATCH', async () => {
    expectInvalidValue(await t.scim('POST', '/Users', user('u'.repeat(12 * 1024))), new RegExp(`userName is longer than ${MAX_IDENTIFIER_LENGTH}`));
    expectInvalidValue(await t.scim('POST', '/Users', user('u'.repeat(900 * 1024))), /longer than/);
    expectInvalidValue(await t.scim('POST', '/Users', user('ok@example.com', { emails: [{ value: `${'e'.repeat(600)}@example.com` }] })), /emails\[0\]\.value is longer/);
    expectInvalidValue(await t.scim('POST', '/Users', user('ok@example.com', { title: 't'.repeat(70 * 1024) })), /title is longer than 65536/);
    const many = Array.from({ length: MAX_MULTI_VALUES + 1 }, (_, i) => ({ value: `+1555${i}` }));
    expectInvalidValue(await t.scim('POST', '/Users', user('ok@example.com', { phoneNumbers: many })), /phoneNumbers has 1001 values/);
    expectInvalidValue(await t.scim('PATCH', `/Users/${userId}`, patchBody({ op: 'replace', path: 'userName', value: 'p'.repeat(MAX_IDENTIFIER_LENGTH + 1) })), /userName is longer/);
    // A value at the limit is stored.
    expect((await t.scim('POST', '/Users', user('l'.repeat(MAX_IDENTIFIER_LENGTH)))).statusCode).toBe(201);
  });

  it('bounds JSON nesting at the body parser, Bulk included', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    expectInvalidValue(await t.scim('POST', '/Users', deep), new RegExp(`nested deeper than ${MAX_JSON_DEPTH}`));
    const bulk = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{"method":"POST","path":"/Users","data":${deep}}]}`;
    expectInvalidValue(await t.scim('POST', '/Bulk', bulk), /nested deeper/);
  });

  it('bounds filter work: text length and comparison operand length', async () => {
    const long = await t.scim('GET', `/Users?filter=${'a'.repeat(9000)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().scimType).toBe('invalidFilter');
    const operand = await t.scim('GET', `/Users?filter=${encodeURIComponent(`userName co "${'x'.repeat(600)}"`)}`);
    expect(operand.statusCode).toBe(400);
    expect(operand.json().detail).toMatch(/longer than 512 characters/);
  });

  it('answers a startIndex or count past any row with an empty page, not a 500', async () => {
    for (const q of ['startIndex=1e308', 'startIndex=99999999999999999999', 'count=1e308&startIndex=2', 'startIndex=-99999999999999999999']) {
      const res = await t.scim('GET', `/Users?filter=${encodeURIComponent('userName pr')}&${q}`);
      expect(res.statusCode, q).toBe(200);
    }
    const past = await t.scim('GET', `/Users?filter=${encodeURIComponent('userName pr')}&startIndex=1e308`);
    expect(past.json()).toMatchObject({ itemsPerPage: 0, Resources: [] });
    const search = await t.scim('POST', '/Users/.search', '{"startIndex":99999999999999999999,"count":1e308,"filter":"userName pr"}');
    expect(search.statusCode).toBe(200);
  });

  it('refuses hostile text, deep nesting and repeated parameters on the host and admin APIs', async () => {
    const host = (url: string, payload?: string) =>
      t.app.inject({ method: payload ? 'POST' : 'GET', url: `/api/v1/teams/${t.teamId}${url}`, headers: { authorization: `Bearer ${apiKey}`, ...(payload ? { 'content-type': 'application/json' } : {}) }, payload });
    const usage = await host('/spend/usage', JSON.stringify({ eventId: 'e\u0000', member: { id: userId }, amount: 1, currency: 'USD' }));
    expect(usage.statusCode).toBe(400);
    expect(usage.json().error.code).toBe('request.invalid_value');
    expect((await host('/members/a%00b')).json().error.code).toBe('request.invalid_value');
    expect((await host('/spend/members?startIndex=1e308')).statusCode).toBe(400);
    const deep = await host('/spend/authorize', '['.repeat(5000) + ']'.repeat(5000));
    expect(deep.json().error.code).toBe('request.invalid_value');
    const repeated = await admin.request('GET', `/api/admin/teams/${t.teamId}/users?q=a&q=b`);
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().error.message).toMatch(/"q" is given more than once/);
    const label = await admin.request('POST', `/api/admin/teams/${t.teamId}/scim-tokens`, { label: 'x\ud800' });
    expect(label.json().error.code).toBe('request.invalid_value');
    expect((await admin.request('GET', `/api/admin/teams/${t.teamId}/users?startIndex=99999999999999999999`)).statusCode).toBe(400);
  });

  it('records a refused request with a NUL in the activity log, and keeps logging for everyone', async () => {
    await t.scim('POST', '/Users', user('nul\u0000@example.com'));
    await t.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "z\u0000"')}`);
    await t.services.realtime.activity.flush();
    // Made storable before the write: nothing refused, nothing stripped.
    expect(t.services.realtime.activity.stats()).toMatchObject({ buffered: 0, flushFailures: 0, rejected: 0 });
    const { items } = await t.services.realtime.activity.list(t.teamId, { limit: 5 });
    expect(items[0]).toMatchObject({ method: 'GET', status: 400, errorType: 'invalidValue', summary: 'Looked up users where userName eq "z\uFFFD" (refused)' });
    expect(items[1]).toMatchObject({ method: 'POST', status: 400, errorType: 'invalidValue' });
    expect(JSON.stringify(items)).not.toContain('\u0000');
    await t.scim('GET', '/Users');
    await t.services.realtime.activity.flush();
    expect((await t.services.realtime.activity.list(t.teamId, { limit: 1 })).items[0]).toMatchObject({ method: 'GET', status: 200 });
  });
});
