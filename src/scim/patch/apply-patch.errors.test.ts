import { describe, it, expect } from 'vitest';
import { applyPatch } from './apply-patch.js';
import { parsePatchRequest } from './parse-patch-request.js';
import { USER_RESOURCE_TYPE, createRegistry, createResourceSchema } from '../schema/registry.js';
import { coreUserSchema } from '../schema/core-user.js';
import { enterpriseUserSchema } from '../schema/enterprise-user.js';
import type { AttributeDef, ResourceSchema } from '../schema/types.js';
import { ScimError } from '../errors.js';

const { user: userSchema, group: groupSchema } = createRegistry();
const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];

type Resource = Record<string, unknown>;

function patch(resource: Resource, operations: unknown[], schema: ResourceSchema = userSchema, externalMembers = false) {
  return applyPatch(resource, parsePatchRequest({ schemas: PATCH_OP, Operations: operations }), schema, { externalMembers });
}

function errorOf(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error('expected a ScimError');
}

const expectError = (fn: () => unknown, scimType: string) => {
  const err = errorOf(fn);
  expect(err.status).toBe(400);
  expect(err.scimType).toBe(scimType);
  return err;
};

const user: Resource = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'bjensen',
  name: { givenName: 'Barbara' },
  emails: [{ value: 'b@example.com', type: 'work' }],
};

describe('RFC 7643 §7 mutability: readOnly', () => {
  it.each(['id', 'meta', 'meta.created', 'groups', 'urn:ietf:params:scim:schemas:core:2.0:User:id', 'META.lastModified'])(
    'an explicit path to %s is 400 mutability',
    (path) => {
      expectError(() => patch(user, [{ op: 'replace', path, value: 'x' }]), 'mutability');
      expectError(() => patch(user, [{ op: 'remove', path }]), 'mutability');
    },
  );

  it('id, schemas, meta and other readOnly attributes in a path-less value are ignored, never refused', () => {
    const result = patch(user, [
      { op: 'replace', value: { id: 'x', schemas: ['urn:x'], meta: { created: 'now' }, groups: [{ value: 'g' }], title: 'T' } },
      { op: 'add', value: { ID: 'y', Meta: {} } },
    ]);
    expect(result.resource).toEqual({ ...user, title: 'T' });
  });

  it('group: readOnly id in the value and explicit id path', () => {
    expect(patch({ displayName: 'g' }, [{ op: 'replace', value: { id: 'x', displayName: 'g' } }], groupSchema, true).changed).toBe(false);
    expectError(() => patch({ displayName: 'g' }, [{ op: 'replace', path: 'id', value: 'x' }], groupSchema, true), 'mutability');
  });
});

describe('RFC 7643 §7 mutability: immutable', () => {
  const badge: AttributeDef = {
    name: 'badge',
    type: 'string',
    multiValued: false,
    description: 'test attribute',
    required: false,
    caseExact: true,
    mutability: 'immutable',
    returned: 'default',
    uniqueness: 'none',
  };
  const withBadge = createResourceSchema(USER_RESOURCE_TYPE, { ...coreUserSchema, attributes: [...coreUserSchema.attributes, badge] }, [enterpriseUserSchema]);

  it('changing an immutable attribute that has a value is 400 mutability', () => {
    const err = expectError(() => patch({ ...user, badge: 'A1' }, [{ op: 'replace', path: 'badge', value: 'B2' }], withBadge), 'mutability');
    expect(err.message).toContain('badge');
    expectError(() => patch({ ...user, badge: 'A1' }, [{ op: 'replace', value: { badge: 'B2' } }], withBadge), 'mutability');
    expectError(() => patch({ ...user, badge: 'A1' }, [{ op: 'remove', path: 'badge' }], withBadge), 'mutability');
  });

  it('setting it to the value it has, or setting it when it has none, succeeds', () => {
    expect(patch({ ...user, badge: 'A1' }, [{ op: 'replace', path: 'badge', value: 'A1' }], withBadge).changed).toBe(false);
    expect(patch(user, [{ op: 'add', path: 'badge', value: 'A1' }], withBadge).resource.badge).toBe('A1');
  });

  it('members.value of an in-resource member list cannot be rewritten', () => {
    const group = { displayName: 'g', members: [{ value: 'u1' }] };
    expectError(() => patch(group, [{ op: 'replace', path: 'members[value eq "u1"].value', value: 'u2' }], groupSchema), 'mutability');
    expectError(() => patch(group, [{ op: 'replace', path: 'members[value eq "u1"]', value: { value: 'u2' } }], groupSchema), 'mutability');
  });
});

describe('RFC 7644 §3.5.2 invalid paths', () => {
  it.each([
    ['an unknown attribute', 'favoriteColor'],
    ['an unknown sub-attribute', 'name.nickname'],
    ['an unknown attribute of a known extension', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize'],
    ['a value filter on a singular attribute', 'name[givenName eq "B"]'],
    ['a value filter on a simple attribute', 'userName[value eq "B"]'],
    ['an unknown sub-attribute after a value filter', 'emails[type eq "work"].label'],
    ['the bare core schema URN', 'urn:ietf:params:scim:schemas:core:2.0:User'],
  ])('%s is 400 invalidPath', (_name, path) => {
    expectError(() => patch(user, [{ op: 'replace', path, value: 'x' }]), 'invalidPath');
  });

  it('an unknown attribute is invalidPath on remove too', () => {
    expectError(() => patch(user, [{ op: 'remove', path: 'favoriteColor' }]), 'invalidPath');
  });

  it('a value filter under an unknown URN is invalidPath', () => {
    expectError(() => patch(user, [{ op: 'replace', path: 'urn:okta:custom:1.0:User:tags[value eq "x"]', value: 'y' }]), 'invalidPath');
  });

  it('a path-less value key that is not a valid path is invalidPath; unknown names are skipped', () => {
    expectError(() => patch(user, [{ op: 'replace', value: { 'emails[type zz "work"].value': 'x' } }]), 'invalidPath');
    expect(patch(user, [{ op: 'replace', value: { favoriteColor: 'blue' } }]).changed).toBe(false);
  });
});

describe('RFC 7644 §3.5.2 invalid values', () => {
  it('a non-object value for a complex attribute is invalidValue', () => {
    expectError(() => patch(user, [{ op: 'replace', path: 'name', value: 'Barbara Jensen' }]), 'invalidValue');
  });

  it('a non-object value for a selected complex value is invalidValue', () => {
    expectError(() => patch(user, [{ op: 'replace', path: 'emails[type eq "work"]', value: 'x@y' }]), 'invalidValue');
  });

  it('a non-object value for a whole extension is invalidValue', () => {
    expectError(() => patch(user, [{ op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', value: 'x' }]), 'invalidValue');
  });
});

describe('group members as rows: errors', () => {
  const group = { displayName: 'g' };
  it.each([
    ['a member without value', [{ display: 'x' }]],
    ['an empty value', [{ value: '' }]],
    ['a numeric value', [{ value: 42 }]],
    ['a member that is not an object', [42]],
    ['an unknown type', [{ value: 'u1', type: 'Robot' }]],
  ])('%s is 400 invalidValue', (_name, value) => {
    expectError(() => patch(group, [{ op: 'add', path: 'members', value }], groupSchema, true), 'invalidValue');
    expectError(() => patch(group, [{ op: 'replace', path: 'members', value }], groupSchema, true), 'invalidValue');
  });

  it('a bad member in a remove value array is invalidValue', () => {
    expectError(() => patch(group, [{ op: 'remove', path: 'members', value: [{ $ref: null }] }], groupSchema, true), 'invalidValue');
  });

  it('sub-attributes of members cannot be edited in place: mutability (known) or invalidPath (unknown)', () => {
    expectError(() => patch(group, [{ op: 'replace', path: 'members[value eq "u1"].display', value: 'x' }], groupSchema, true), 'mutability');
    expectError(() => patch(group, [{ op: 'replace', path: 'members.display', value: 'x' }], groupSchema, true), 'mutability');
    expectError(() => patch(group, [{ op: 'remove', path: 'members[value eq "u1"].type' }], groupSchema, true), 'mutability');
    expectError(() => patch(group, [{ op: 'replace', path: 'members[value eq "u1"].nickname', value: 'x' }], groupSchema, true), 'invalidPath');
  });

  it('add or replace of selected members is mutability', () => {
    expectError(() => patch(group, [{ op: 'replace', path: 'members[value eq "u1"]', value: { value: 'u1' } }], groupSchema, true), 'mutability');
    expectError(() => patch(group, [{ op: 'add', path: 'members[value eq "u1"]', value: { value: 'u1' } }], groupSchema, true), 'mutability');
  });

  it('a member filter on an unknown sub-attribute is invalidPath', () => {
    expectError(() => patch(group, [{ op: 'remove', path: 'members[nickname eq "x"]' }], groupSchema, true), 'invalidPath');
  });

  it('an error leaves no partial result: the input is untouched', () => {
    const stored = { displayName: 'g', externalId: 'e' };
    expectError(() => patch(stored, [{ op: 'replace', path: 'displayName', value: 'h' }, { op: 'replace', path: 'id', value: 'x' }], groupSchema, true), 'mutability');
    expect(stored).toEqual({ displayName: 'g', externalId: 'e' });
  });
});

describe('RFC 7644 §3.5.2 value filters name sub-attributes of the filtered attribute', () => {
  it.each([
    ['an unknown sub-attribute', 'emails[label eq "work"]'],
    ['a sub-attribute of another attribute', 'emails[streetAddress eq "x"].value'],
    ['a dotted name', 'emails[type.x eq "work"].value'],
  ])('%s is 400 invalidPath, even on remove', (_name, path) => {
    expectError(() => patch(user, [{ op: 'remove', path }]), 'invalidPath');
    expectError(() => patch(user, [{ op: 'replace', path, value: 'x' }]), 'invalidPath');
  });
});
