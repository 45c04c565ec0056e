// RFC 7644 §3.7: Bulk with bulkId references, failOnErrors and limits.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, TEST_LIMITS, type TestApp } from '../helpers/test-app.js';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

describe.each(DIALECTS)('Bulk (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('creates a user and a group that references it by bulkId (RFC 7644 §3.7.2)', async () => {
    const res = await t.scim('POST', '/Bulk', {
      schemas: [BULK],
      Operations: [
        { method: 'POST', path: '/Groups', bulkId: 'g1', data: { schemas: [GROUP_SCHEMA], displayName: 'Tour Guides', members: [{ type: 'User', value: 'bulkId:u1' }] } },
        { method: 'POST', path: '/Users', bulkId: 'u1', data: { schemas: [USER_SCHEMA], userName: 'alice' } },
      ],
    });
    expect(res.statusCode).toBe(200);
    const ops = res.json().Operations;
    expect(ops.map((o: { status: string }) => o.status)).toEqual(['201', '201']);
    expect(res.json().schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:BulkResponse']);
    const groupId = ops[0].location.split('/').pop();
    const userId = ops[1].location.split('/').pop();
    const group = (await t.scim('GET', `/Groups/${groupId}`)).json();
    expect(group.members.map((m: { value: string }) => m.value)).toEqual([userId]);
  });

  it('reports each failure in its operation and stops after failOnErrors', async () => {
    const res = await t.scim('POST', '/Bulk', {
      schemas: [BULK],
      failOnErrors: 1,
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [USER_SCHEMA], userName: 'alice' } },
        { method: 'POST', path: '/Users', bulkId: 'b', data: { schemas: [USER_SCHEMA], userName: 'bob' } },
      ],
    });
    const ops = res.json().Operations;
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ status: '409', response: { scimType: 'uniqueness' } });
    expect((await t.scim('GET', '/Users?filter=userName%20eq%20%22bob%22')).json().totalResults).toBe(0);
  });

  it('runs PATCH and DELETE operations and refuses unknown methods per operation', async () => {
    const user = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'carol' })).json();
    const res = await t.scim('POST', '/Bulk', {
      schemas: [BULK],
      Operations: [
        { method: 'PATCH', path: `/Users/${user.id}`, data: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] } },
        { method: 'FETCH', path: `/Users/${user.id}` },
        { method: 'DELETE', path: `/Users/${user.id}` },
      ],
    });
    expect(res.json().Operations.map((o: { status: string }) => o.status)).toEqual(['200', '400', '204']);
    expect((await t.scim('GET', `/Users/${user.id}`)).statusCode).toBe(404);
  });

  it('enforces maxOperations with 413 and refuses a malformed request with 400', async () => {
    const ops = Array.from({ length: TEST_LIMITS.bulkMaxOperations + 1 }, (_, i) => ({ method: 'DELETE', path: `/Users/x${i}` }));
    expect((await t.scim('POST', '/Bulk', { schemas: [BULK], Operations: ops })).statusCode).toBe(413);
    expect((await t.scim('POST', '/Bulk', { schemas: [BULK] })).json()).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
  });

  it('advertises the limits it enforces', async () => {
    const config = (await t.scim('GET', '/ServiceProviderConfig')).json();
    expect(config.bulk).toMatchObject({ supported: true, maxOperations: TEST_LIMITS.bulkMaxOperations, maxPayloadSize: TEST_LIMITS.bulkMaxPayloadBytes });
    expect(config.filter).toMatchObject({ supported: true, maxResults: TEST_LIMITS.maxResults });
  });
});
