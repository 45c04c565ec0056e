// Issue 13, RFC 7644 §3.7: bulkId references that strict testers use: the
// circular example of §3.7.1 and bulkId in an operation's path (§3.7.2).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, patchBody, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
type Op = { status: string; location?: string; bulkId?: string; method: string; version?: string; response?: { scimType?: string } };

describe.each(DIALECTS)('Interop: Bulk references (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const bulk = async (Operations: unknown[]): Promise<Op[]> => {
    const res = await t.scim('POST', '/Bulk', { schemas: [BULK], Operations });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().Operations;
  };
  const idOf = (op: Op) => op.location?.split('/').pop() as string;
  const memberIds = async (groupId: string) =>
    ((await t.scim('GET', `/Groups/${groupId}`)).json().members ?? []).map((m: { value: string }) => m.value);

  it('circular bulkId references resolve: two groups that contain each other (RFC 7644 §3.7.1)', async () => {
    const user = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'circle-user' })).json();
    const ops = await bulk([
      { method: 'POST', path: '/Groups', bulkId: 'qwerty', data: { schemas: [GROUP_SCHEMA], displayName: 'Group A', members: [{ type: 'Group', value: 'bulkId:ytrewq' }] } },
      { method: 'POST', path: '/Groups', bulkId: 'ytrewq', data: { schemas: [GROUP_SCHEMA], displayName: 'Group B', members: [{ type: 'Group', value: 'bulkId:qwerty' }, { type: 'User', value: user.id }] } },
    ]);
    expect(ops.map((o) => [o.method, o.bulkId, o.status])).toEqual([['POST', 'qwerty', '201'], ['POST', 'ytrewq', '201']]);
    const [a, b] = ops.map(idOf);
    expect(await memberIds(a)).toEqual([b]);
    expect((await memberIds(b)).sort()).toEqual([a, user.id].sort());
    // The version reported is the resource's current one (after its references were written).
    const groupA = await t.scim('GET', `/Groups/${a}`);
    expect(ops[0].version).toBe(groupA.headers.etag);
    expect((await t.scim('GET', '/Groups?filter=displayName%20sw%20%22Group%20%22')).json().totalResults).toBe(2);
  });

  it('a cycle and the operations that wait on it all resolve, in request order', async () => {
    const ops = await bulk([
      { method: 'PATCH', path: '/Groups/bulkId:c1', data: patchBody({ op: 'replace', path: 'displayName', value: 'C1 renamed' }) },
      { method: 'POST', path: '/Groups', bulkId: 'c1', data: { displayName: 'C1', members: [{ value: 'bulkId:c2' }] } },
      { method: 'POST', path: '/Groups', bulkId: 'c2', data: { displayName: 'C2', members: [{ value: 'bulkId:c1' }] } },
    ]);
    expect(ops.map((o) => o.status)).toEqual(['200', '201', '201']);
    const c1 = (await t.scim('GET', `/Groups/${idOf(ops[1])}`)).json();
    expect(c1.displayName).toBe('C1 renamed');
    expect(c1.members.map((m: { value: string }) => m.value)).toEqual([idOf(ops[2])]);
  });

  it('a reference to a POST that failed is still 409 invalidValue, without waiting for a cycle', async () => {
    const ops = await bulk([
      { method: 'POST', path: '/Groups', bulkId: 'bad', data: { displayName: '' } },
      { method: 'POST', path: '/Groups', bulkId: 'g', data: { displayName: 'Refers to bad', members: [{ value: 'bulkId:bad' }] } },
      { method: 'POST', path: '/Groups', bulkId: 'n', data: { displayName: 'Refers to nothing', members: [{ value: 'bulkId:nowhere' }] } },
    ]);
    expect(ops.map((o) => o.status)).toEqual(['400', '409', '409']);
    expect(ops[1].response?.scimType).toBe('invalidValue');
    expect((await t.scim('GET', '/Groups?filter=displayName%20sw%20%22Refers%22')).json().totalResults).toBe(0);
  });

  it('bulkId in the path of PUT, PATCH and DELETE resolves to the created resource (RFC 7644 §3.7.2)', async () => {
    const ops = await bulk([
      { method: 'POST', path: '/Users', bulkId: 'qwerty', data: { schemas: [USER_SCHEMA], userName: 'path-user' } },
      { method: 'PUT', path: '/Users/bulkId:qwerty', data: { schemas: [USER_SCHEMA], userName: 'path-user', displayName: 'Put by bulkId' } },
      { method: 'PATCH', path: '/Users/bulkId:qwerty', data: patchBody({ op: 'replace', path: 'title', value: 'Patched by bulkId' }) },
      { method: 'POST', path: '/Groups', bulkId: 'grp', data: { schemas: [GROUP_SCHEMA], displayName: 'Deleted by bulkId' } },
      { method: 'DELETE', path: '/Groups/bulkId:grp' },
    ]);
    expect(ops.map((o) => o.status)).toEqual(['201', '200', '200', '201', '204']);
    const userId = idOf(ops[0]);
    expect(idOf(ops[1])).toBe(userId);
    const user = (await t.scim('GET', `/Users/${userId}`)).json();
    expect(user).toMatchObject({ displayName: 'Put by bulkId', title: 'Patched by bulkId' });
    expect((await t.scim('GET', `/Groups/${idOf(ops[3])}`)).statusCode).toBe(404);
  });

  it('bulkId in a path that no POST defines is 409 invalidValue and changes nothing', async () => {
    const ops = await bulk([{ method: 'DELETE', path: '/Users/bulkId:missing' }, { method: 'PATCH', path: '/Groups/bulkId:missing', data: patchBody({ op: 'replace', path: 'displayName', value: 'x' }) }]);
    expect(ops.map((o) => [o.status, o.response?.scimType])).toEqual([['409', 'invalidValue'], ['409', 'invalidValue']]);
  });
});
