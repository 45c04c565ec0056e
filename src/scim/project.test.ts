import { describe, expect, it } from 'vitest';
import type { AttrPath } from './filter/ast.js';
import { parseAttributeList } from './path.js';
import { project } from './project.js';
import { coreUserSchema } from './schema/core-user.js';
import { ENTERPRISE_USER_URN } from './schema/enterprise-user.js';
import { createRegistry, createResourceSchema, USER_RESOURCE_TYPE } from './schema/registry.js';
import type { SchemaDef } from './schema/types.js';

const { user, group } = createRegistry();
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

// Shaped like RFC 7643 §8.3, plus a password and a round-tripped custom block.
const bjensen = {
  schemas: [CORE, ENTERPRISE_USER_URN, 'urn:okta:custom:1.0:User'],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' },
  displayName: 'Babs Jensen',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  active: true,
  password: 't1meMa$heen',
  [ENTERPRISE_USER_URN]: { employeeNumber: '701984', department: 'Tour Operations', manager: { value: '26118915', displayName: 'John Smith' } },
  'urn:okta:custom:1.0:User': { badge: '42' },
  meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z', location: 'https://example.com/v2/Users/2819c223' },
};

const tourGuides = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  displayName: 'Tour Guides',
  members: [{ value: '2819c223-7f76-453a-919d-413861904646', display: 'Babs Jensen' }],
  meta: { resourceType: 'Group' },
};

const p = (attr: string, sub?: string, schema?: string): AttrPath => ({ attr, ...(sub ? { sub } : {}), ...(schema ? { schema } : {}) });
/** A bare extension URN, as parseAttrPath returns it: everything up to the last colon is `schema`. */
const urnPath = (urn: string): AttrPath => ({ schema: urn.slice(0, urn.lastIndexOf(':')), attr: urn.slice(urn.lastIndexOf(':') + 1) });

describe('project: default set (RFC 7643 §7 returned)', () => {
  it('returns every default attribute and never the password', () => {
    const { password: _password, ...expected } = bjensen;
    expect(project(bjensen, {}, user)).toEqual(expected);
  });

  it('drops top-level keys that belong to no schema', () => {
    expect(project({ ...bjensen, internalFlag: 1 }, {}, user).internalFlag).toBeUndefined();
  });

  it('returns a new object and does not mutate the input', () => {
    const frozen = structuredClone(bjensen);
    deepFreeze(frozen);
    const out = project(frozen, { attributes: [p('name', 'givenName')] }, user);
    expect(out).not.toBe(frozen);
    expect(project(frozen, {}, user)).not.toBe(frozen);
  });
});

describe('project: attributes (RFC 7644 §3.9)', () => {
  it('keeps only the named attributes plus id and schemas', () => {
    expect(project(bjensen, { attributes: [p('userName')] }, user)).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      userName: 'bjensen@example.com',
    });
  });

  it('matches names case-insensitively and ignores unknown names', () => {
    expect(project(bjensen, { attributes: [p('USERNAME'), p('nope'), p('name', 'nope')] }, user)).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      userName: 'bjensen@example.com',
    });
  });

  it('selects sub-attributes of singular and multi-valued complex attributes', () => {
    const out = project(bjensen, { attributes: [p('name', 'givenName'), p('emails', 'value'), p('meta', 'lastModified')] }, user);
    expect(out).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      name: { givenName: 'Barbara' },
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
      meta: { lastModified: '2011-05-13T04:42:34Z' },
    });
  });

  it('a whole attribute named beside one of its sub-attributes wins', () => {
    expect(project(bjensen, { attributes: [p('name', 'givenName'), p('name')] }, user).name).toEqual(bjensen.name);
  });

  it('omits elements and attributes left empty by a sub-attribute selection', () => {
    const out = project(bjensen, { attributes: [p('emails', 'display'), p('name', 'middleName')] }, user);
    expect(out).toEqual({ schemas: bjensen.schemas, id: bjensen.id });
  });

  it('accepts URN-qualified core and extension names', () => {
    const out = project(bjensen, { attributes: [p('userName', undefined, CORE), p('employeeNumber', undefined, ENTERPRISE_USER_URN), p('manager', 'value', ENTERPRISE_USER_URN)] }, user);
    expect(out).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      userName: 'bjensen@example.com',
      [ENTERPRISE_USER_URN]: { employeeNumber: '701984', manager: { value: '26118915' } },
    });
  });

  it('a bare extension URN selects the whole extension object', () => {
    for (const path of [urnPath(ENTERPRISE_USER_URN), p(ENTERPRISE_USER_URN.toUpperCase())]) {
      const out = project(bjensen, { attributes: [path] }, user);
      expect(out[ENTERPRISE_USER_URN]).toEqual(bjensen[ENTERPRISE_USER_URN]);
      expect(out.userName).toBeUndefined();
    }
  });

  it('takes the paths parseAttributeList produces', () => {
    const attributes = parseAttributeList(`userName, ${ENTERPRISE_USER_URN}, urn:okta:custom:1.0:User`);
    expect(project(bjensen, { attributes }, user)).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      userName: bjensen.userName,
      [ENTERPRISE_USER_URN]: bjensen[ENTERPRISE_USER_URN],
      'urn:okta:custom:1.0:User': { badge: '42' },
    });
  });

  it('a custom URN block is returned only when named', () => {
    expect(project(bjensen, { attributes: [p('userName')] }, user)['urn:okta:custom:1.0:User']).toBeUndefined();
    expect(project(bjensen, { attributes: [urnPath('urn:okta:custom:1.0:user')] }, user)['urn:okta:custom:1.0:User']).toEqual({ badge: '42' });
  });

  it('never returns the password, even when asked', () => {
    expect(project(bjensen, { attributes: [p('password')] }, user).password).toBeUndefined();
  });

  it('attributes wins when excludedAttributes is given too', () => {
    expect(project(bjensen, { attributes: [p('userName')], excludedAttributes: [p('userName')] }, user).userName).toBe('bjensen@example.com');
  });

  it('keeps schemas intact', () => {
    expect(project(bjensen, { attributes: [p('displayName')] }, user).schemas).toEqual(bjensen.schemas);
  });

  it('gives the same answer from its cached plan', () => {
    const query = { attributes: [p('displayName')] };
    expect(project(bjensen, query, user)).toEqual(project(bjensen, { attributes: [p('displayName')] }, user));
  });
});

describe('project: excludedAttributes (RFC 7644 §3.9)', () => {
  it('drops the named attributes and sub-attributes only', () => {
    const out = project(bjensen, { excludedAttributes: [p('emails'), p('name', 'GIVENNAME'), p('meta')] }, user);
    expect(out.emails).toBeUndefined();
    expect(out.meta).toBeUndefined();
    expect(out.name).toEqual({ formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen' });
    expect(out.userName).toBe('bjensen@example.com');
    expect(out.password).toBeUndefined();
  });

  it('cannot exclude id or schemas (returned always)', () => {
    const out = project(bjensen, { excludedAttributes: [p('id'), p('schemas')] }, user);
    expect(out.id).toBe(bjensen.id);
    expect(out.schemas).toEqual(bjensen.schemas);
  });

  it('excludes a whole extension by bare URN, or single extension attributes', () => {
    expect(project(bjensen, { excludedAttributes: [urnPath(ENTERPRISE_USER_URN)] }, user)[ENTERPRISE_USER_URN]).toBeUndefined();
    expect(project(bjensen, { excludedAttributes: [p('manager', undefined, ENTERPRISE_USER_URN)] }, user)[ENTERPRISE_USER_URN]).toEqual({
      employeeNumber: '701984',
      department: 'Tour Operations',
    });
    expect(project(bjensen, { excludedAttributes: [urnPath('urn:okta:custom:1.0:User')] }, user)['urn:okta:custom:1.0:User']).toBeUndefined();
  });

  it('excludedAttributes=members on a Group (Entra ID, CHECKLIST item 12)', () => {
    expect(project(tourGuides, { excludedAttributes: [p('members')] }, group)).toEqual({
      schemas: tourGuides.schemas,
      id: tourGuides.id,
      displayName: 'Tour Guides',
      meta: { resourceType: 'Group' },
    });
  });

  it('members.value alone on a Group keeps only the ids', () => {
    expect(project(tourGuides, { attributes: [p('members', 'value')] }, group).members).toEqual([{ value: tourGuides.members[0].value }]);
  });
});

describe('project: returned "request" (RFC 7643 §7)', () => {
  const withBadge: SchemaDef = {
    ...coreUserSchema,
    attributes: [
      ...coreUserSchema.attributes,
      { ...coreUserSchema.attributes[2], name: 'badge', returned: 'request' },
    ],
  };
  const schema = createResourceSchema(USER_RESOURCE_TYPE, withBadge, []);
  const resource = { schemas: [CORE], id: '1', userName: 'u', badge: 'b' };

  it('is left out by default and by excludedAttributes, returned when named', () => {
    expect(project(resource, {}, schema).badge).toBeUndefined();
    expect(project(resource, { excludedAttributes: [p('userName')] }, schema).badge).toBeUndefined();
    expect(project(resource, { attributes: [p('badge')] }, schema).badge).toBe('b');
  });
});

function deepFreeze(value: unknown) {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
}
