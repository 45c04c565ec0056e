// Issue 13, strict testers that walk the whole service: /Me, every schema
// in /Schemas (the discovery schemas too), and extension blocks no schema
// declares.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, patchBody, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';

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

  describe('every schema in /Schemas', () => {
    const DISCOVERY = [
      'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
      'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
      'urn:ietf:params:scim:schemas:core:2.0:Schema',
    ];

    it('/Schemas also serves the ServiceProviderConfig, ResourceType and Schema schemas (RFC 7643 §5–7)', async () => {
      const list = (await t.scim('GET', '/Schemas')).json();
      const ids = list.Resources.map((s: { id: string }) => s.id);
      expect(ids).toEqual(expect.arrayContaining(DISCOVERY));
      expect(list.totalResults).toBe(ids.length);
      // A tester walks the list and fetches each one by its URN.
      for (const schema of list.Resources) {
        const one = await t.scim('GET', `/Schemas/${schema.id}`);
        expect(one.statusCode, schema.id).toBe(200);
        expect(one.json()).toEqual(schema);
        expect(schema.meta.location).toBe(`http://127.0.0.1:8080${t.base}/Schemas/${schema.id}`);
      }
    });

    it('each discovery document uses only attributes its schema defines', async () => {
      const byId = new Map<string, { attributes: { name: string; subAttributes?: { name: string }[] }[] }>();
      for (const urn of DISCOVERY) byId.set(urn, (await t.scim('GET', `/Schemas/${urn}`)).json());
      const documents = [
        (await t.scim('GET', '/ServiceProviderConfig')).json(),
        ...(await t.scim('GET', '/ResourceTypes')).json().Resources,
        ...(await t.scim('GET', '/Schemas')).json().Resources,
      ];
      for (const doc of documents) {
        const schema = byId.get(doc.schemas[0]);
        expect(schema, doc.schemas[0]).toBeDefined();
        const names = new Set(schema!.attributes.map((a) => a.name));
        for (const key of Object.keys(doc)) {
          if (key === 'schemas' || key === 'meta') continue;
          expect(names.has(key), `${doc.schemas[0]} defines "${key}"`).toBe(true);
        }
      }
      const attributes = byId.get(DISCOVERY[2])!.attributes.find((a) => a.name === 'attributes')!;
      expect(attributes.subAttributes!.map((a) => a.name)).toEqual(expect.arrayContaining(['name', 'type', 'mutability', 'returned', 'subAttributes']));
    });
  });

  describe('extension blocks no schema declares', () => {
    const CUSTOM = 'urn:okta:custom:1.0:User';
    const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const stored = async (id: string) => (await t.services.users.get(t.teamId, id)).user.resource;

    it('an undeclared extension block is stored for the host product but neither it nor its URN is in SCIM responses (RFC 7643 §3)', async () => {
      const res = await t.scim('POST', '/Users', { schemas: [USER_SCHEMA, ENT, CUSTOM], userName: 'ext-user', [ENT]: { department: 'Sales' }, [CUSTOM]: { badge: '42' } });
      expect(res.statusCode, res.body).toBe(201);
      const user = res.json();
      expect(user.schemas).toEqual([USER_SCHEMA, ENT]);
      expect(user[CUSTOM]).toBeUndefined();
      expect((await stored(user.id))[CUSTOM]).toEqual({ badge: '42' });
      const answers = [
        (await t.scim('GET', `/Users/${user.id}`)).json(),
        (await t.scim('GET', '/Users?filter=userName%20eq%20%22ext-user%22')).json().Resources[0],
        (await t.scim('GET', `/Users/${user.id}?attributes=${encodeURIComponent(CUSTOM)}`)).json(),
        (await t.scim('POST', '/.search', { filter: 'userName eq "ext-user"' })).json().Resources[0],
        (await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'add', path: `${CUSTOM}:level`, value: 'gold' }))).json(),
      ];
      for (const answer of answers) {
        expect(answer.schemas).not.toContain(CUSTOM);
        expect(answer[CUSTOM]).toBeUndefined();
      }
      expect((await stored(user.id))[CUSTOM]).toEqual({ badge: '42', level: 'gold' });
    });

    it('a group\'s undeclared extension block is stored but not echoed either', async () => {
      const urn = 'urn:example:custom:1.0:Group';
      const res = await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA, urn], displayName: 'Ext group', [urn]: { code: 'X' } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().schemas).toEqual([GROUP_SCHEMA]);
      expect(res.json()[urn]).toBeUndefined();
      const group = (await t.scim('GET', `/Groups/${res.json().id}`)).json();
      expect(group.schemas).toEqual([GROUP_SCHEMA]);
      expect((await t.services.groups.get(t.teamId, group.id, { members: false })).group.resource[urn]).toEqual({ code: 'X' });
    });
  });
});
