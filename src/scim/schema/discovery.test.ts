import { describe, expect, it } from 'vitest';
import { CORE_GROUP_URN } from './core-group.js';
import { CORE_USER_URN } from './core-user.js';
import {
  LIST_RESPONSE_URN,
  RESOURCE_TYPE_URN,
  SCHEMA_URN,
  SERVICE_PROVIDER_CONFIG_URN,
  resourceTypeById,
  resourceTypes,
  schemaById,
  schemas,
  serviceProviderConfig,
} from './discovery.js';
import { ENTERPRISE_USER_URN } from './enterprise-user.js';
import { createRegistry } from './registry.js';

const base = 'http://127.0.0.1:8080/scim/v2/team_1';
const options = { baseUrl: base, bulk: { maxOperations: 1000, maxPayloadSize: 1048576 }, filter: { maxResults: 200 }, pagination: { defaultPageSize: 50 } };

describe('RFC 7643 §5 / §8.5 ServiceProviderConfig', () => {
  it('advertises what Rollcall supports', () => {
    expect(serviceProviderConfig(options)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      // RFC 9865 §4: both methods, index by default, cursors that never expire (no cursorTimeout).
      pagination: { cursor: true, index: true, defaultPaginationMethod: 'index', defaultPageSize: 50, maxPageSize: 200 },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description: expect.any(String),
          specUri: 'https://www.rfc-editor.org/info/rfc6750',
          primary: true,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
    });
  });

  it('adds documentationUri when configured and tolerates a trailing slash', () => {
    const config = serviceProviderConfig({ ...options, baseUrl: `${base}/`, documentationUri: 'https://docs.example.com/scim' });
    expect(config.documentationUri).toBe('https://docs.example.com/scim');
    expect((config.authenticationSchemes as Record<string, unknown>[])[0].documentationUri).toBe('https://docs.example.com/scim');
    expect((config.meta as Record<string, unknown>).location).toBe(`${base}/ServiceProviderConfig`);
  });
});

describe('RFC 7643 §5 authenticationSchemes with a token endpoint', () => {
  it('adds OAuth 2.0 client credentials after the bearer token, naming the token endpoint', () => {
    const tokenEndpoint = `${base}/oauth/token`;
    const schemes = serviceProviderConfig({ ...options, oauthTokenEndpoint: tokenEndpoint }).authenticationSchemes as Record<string, unknown>[];
    expect(schemes.map((s) => [s.type, s.primary])).toEqual([['oauthbearertoken', true], ['oauth2', false]]);
    expect(schemes[1]).toMatchObject({ documentationUri: tokenEndpoint, specUri: expect.stringContaining('rfc6749'), description: expect.stringContaining(tokenEndpoint) });
  });
});

describe('RFC 7643 §6 / §8.6 ResourceTypes', () => {
  it('lists User and Group as a ListResponse', () => {
    const list = resourceTypes(base);
    expect(list).toMatchObject({ schemas: [LIST_RESPONSE_URN], totalResults: 2, itemsPerPage: 2, startIndex: 1 });
    expect(list.Resources).toEqual([
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        description: 'User Account',
        schema: CORE_USER_URN,
        schemaExtensions: [{ schema: ENTERPRISE_USER_URN, required: false }],
        meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
      },
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        id: 'Group',
        name: 'Group',
        endpoint: '/Groups',
        description: 'Group',
        schema: CORE_GROUP_URN,
        meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
      },
    ]);
  });

  it('finds one by id, or undefined', () => {
    expect(resourceTypeById(base, 'Group')!.id).toBe('Group');
    expect(resourceTypeById(base, 'user')!.id).toBe('User');
    expect(resourceTypeById(base, 'Device')).toBeUndefined();
  });
});

describe('RFC 7643 §7 / §8.7.1 Schemas', () => {
  it('lists core User, Enterprise User and core Group, then the ServiceProviderConfig, ResourceType and Schema schemas', () => {
    const list = schemas(base);
    expect(list.totalResults).toBe(6);
    expect(list.Resources.map((s) => s.id)).toEqual([CORE_USER_URN, ENTERPRISE_USER_URN, CORE_GROUP_URN, SERVICE_PROVIDER_CONFIG_URN, RESOURCE_TYPE_URN, SCHEMA_URN]);
    for (const schema of list.Resources) {
      expect(schema.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:Schema']);
      expect(schema.meta).toEqual({ resourceType: 'Schema', location: `${base}/Schemas/${schema.id as string}` });
    }
  });

  it('serializes every characteristic of §7, as §8.7.1 prints userName and emails.type', () => {
    const user = schemaById(base, CORE_USER_URN)!;
    expect(user).toMatchObject({ name: 'User', description: 'User Account' });
    const attributes = user.attributes as Record<string, unknown>[];
    expect(attributes[0]).toEqual({
      name: 'userName',
      type: 'string',
      multiValued: false,
      description: expect.stringContaining('Each User MUST include a non-empty userName value.'),
      required: true,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'server',
    });
    const emails = attributes.find((a) => a.name === 'emails')!;
    expect(emails.subAttributes).toContainEqual(
      expect.objectContaining({ name: 'type', canonicalValues: ['work', 'home', 'other'] }),
    );
    expect(Object.keys(attributes.find((a) => a.name === 'profileUrl')!)).toContain('referenceTypes');
  });

  it('is generated from the registry the server validates with', () => {
    const served = schemaById(base, ENTERPRISE_USER_URN)!.attributes as { name: string }[];
    expect(served.map((a) => a.name)).toEqual(createRegistry().user.extensions[0].attributes.map((a) => a.name));
  });

  it('finds a schema by URN case-insensitively, or undefined', () => {
    expect(schemaById(base, CORE_GROUP_URN.toUpperCase())!.id).toBe(CORE_GROUP_URN);
    expect(schemaById(base, 'urn:ietf:params:scim:schemas:core:2.0:Device')).toBeUndefined();
  });

  it('hands out copies: changing a response does not change the registry', () => {
    const first = schemaById(base, CORE_USER_URN)!;
    (first.attributes as Record<string, unknown>[])[0].name = 'changed';
    expect((schemaById(base, CORE_USER_URN)!.attributes as Record<string, unknown>[])[0].name).toBe('userName');
  });
});
