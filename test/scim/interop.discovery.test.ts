// Issue 13, strict testers that walk the whole service: /Me, every schema
// in /Schemas (the discovery schemas too), and extension blocks no schema
// declares.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe.each(DIALECTS)('Interop with strict SCIM testers (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  describe('/Me', () => {
    it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const)('/Me answers %s with 501 Not Implemented and a SCIM error (RFC 7644 §3.11)', async (method) => {
      const body = method === 'GET' || method === 'DELETE' ? undefined : { userName: 'me' };
      const res = await t.scim(method, '/Me', body);
      expect(res.statusCode, res.body).toBe(501);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.json()).toMatchObject({ schemas: [ERROR], status: '501' });
      expect(res.json().detail).toMatch(/Me/);
    });

    it('/Me still needs the token (401 without it)', async () => {
      const res = await t.app.inject({ method: 'GET', url: `${t.base}/Me` });
      expect(res.statusCode).toBe(401);
    });

    it('/Me changes nothing: a POST to /Me creates no user', async () => {
      await t.scim('POST', '/Me', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'me-post' });
      expect((await t.scim('GET', '/Users?filter=userName%20eq%20%22me-post%22')).json().totalResults).toBe(0);
    });
  });
});
