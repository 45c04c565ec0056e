import { describe, expect, it } from 'vitest';
import { CORE_GROUP_URN } from './core-group.js';
import { CORE_USER_URN } from './core-user.js';
import { ENTERPRISE_USER_URN } from './enterprise-user.js';
import { createRegistry, createResourceSchema, USER_RESOURCE_TYPE } from './registry.js';
import type { AttributeDef, SchemaDef } from './types.js';

const { user, group } = createRegistry();

const attrOf = (schema: SchemaDef, name: string) => schema.attributes.find((a) => a.name === name)!;
const subOf = (attr: AttributeDef, name: string) => attr.subAttributes!.find((a) => a.name === name)!;

describe('RFC 7643 §8.7.1 definitions', () => {
  it('core User lists every attribute of §8.7.1 in order', () => {
    expect(user.core.id).toBe(CORE_USER_URN);
    expect(user.core.attributes.map((a) => a.name)).toEqual([
      'userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage',
      'locale', 'timezone', 'active', 'password', 'emails', 'phoneNumbers', 'ims', 'photos', 'addresses',
      'groups', 'entitlements', 'roles', 'x509Certificates',
    ]);
  });

  it('userName is required, case-insensitive and unique per server', () => {
    expect(attrOf(user.core, 'userName')).toMatchObject({
      type: 'string', required: true, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'server',
    });
  });

  it('password is writeOnly and never returned', () => {
    expect(attrOf(user.core, 'password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
  });

  it('groups is readOnly, sub-attributes included', () => {
    const groups = attrOf(user.core, 'groups');
    expect(groups.mutability).toBe('readOnly');
    expect(groups.subAttributes!.every((s) => s.mutability === 'readOnly')).toBe(true);
    expect(subOf(groups, '$ref').referenceTypes).toEqual(['User', 'Group']);
  });

  it('multi-valued complex attributes carry type/primary with canonical values', () => {
    const emails = attrOf(user.core, 'emails');
    expect(emails).toMatchObject({ type: 'complex', multiValued: true });
    expect(subOf(emails, 'type').canonicalValues).toEqual(['work', 'home', 'other']);
    expect(subOf(emails, 'primary').type).toBe('boolean');
    expect(subOf(attrOf(user.core, 'phoneNumbers'), 'type').canonicalValues).toEqual(['work', 'home', 'mobile', 'fax', 'pager', 'other']);
    expect(subOf(attrOf(user.core, 'photos'), 'value')).toMatchObject({ type: 'reference', referenceTypes: ['external'] });
    expect(subOf(attrOf(user.core, 'x509Certificates'), 'value').type).toBe('binary');
  });

  it('Enterprise User: employeeNumber … manager{value,$ref,displayName readOnly}', () => {
    const [ext] = user.extensions;
    expect(ext.id).toBe(ENTERPRISE_USER_URN);
    expect(ext.attributes.map((a) => a.name)).toEqual(['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager']);
    const manager = attrOf(ext, 'manager');
    expect(manager.subAttributes!.map((s) => s.name)).toEqual(['value', '$ref', 'displayName']);
    expect(subOf(manager, 'displayName').mutability).toBe('readOnly');
  });

  it('Group: displayName required, members.value immutable, members.type User/Group', () => {
    expect(group.core.id).toBe(CORE_GROUP_URN);
    expect(attrOf(group.core, 'displayName').required).toBe(true);
    const members = attrOf(group.core, 'members');
    expect(subOf(members, 'value').mutability).toBe('immutable');
    expect(subOf(members, 'type').canonicalValues).toEqual(['User', 'Group']);
    expect(subOf(members, '$ref').referenceTypes).toEqual(['User', 'Group']);
  });

  it('User lists the Enterprise extension as optional; Group has none', () => {
    expect(user.type.schemaExtensions).toEqual([{ schema: ENTERPRISE_USER_URN, required: false }]);
    expect(group.extensions).toEqual([]);
  });

  it('definitions are frozen and shared by every registry', () => {
    expect(createRegistry()).toBe(createRegistry());
    expect(() => (attrOf(user.core, 'userName').caseExact = true)).toThrow(TypeError);
  });
});

describe('resolve (RFC 7644 §3.10: case-insensitive names and URNs)', () => {
  it('finds core attributes and sub-attributes in any case', () => {
    const r = user.resolve({ attr: 'USERNAME' })!;
    expect(r.attr.name).toBe('userName');
    expect(r.schema).toBe(user.core);
    expect(r.extension).toBe(false);
    const sub = user.resolve({ attr: 'Name', sub: 'GIVENNAME' })!;
    expect([sub.attr.name, sub.sub!.name]).toEqual(['name', 'givenName']);
    expect(user.resolve({ attr: 'emails', sub: 'value' })!.sub!.name).toBe('value');
  });

  it('finds URN-qualified core and extension attributes', () => {
    expect(user.resolve({ schema: CORE_USER_URN.toUpperCase(), attr: 'userName' })!.attr.name).toBe('userName');
    const ext = user.resolve({ schema: 'URN:IETF:params:scim:schemas:extension:enterprise:2.0:user', attr: 'manager', sub: 'VALUE' })!;
    expect(ext.schema.id).toBe(ENTERPRISE_USER_URN);
    expect(ext.extension).toBe(true);
    expect(ext.sub!.name).toBe('value');
  });

  it('looks only in the named schema', () => {
    expect(user.resolve({ schema: ENTERPRISE_USER_URN, attr: 'userName' })).toBeUndefined();
    expect(user.resolve({ attr: 'employeeNumber' })).toBeUndefined();
    expect(user.resolve({ schema: 'urn:okta:custom:1.0:User', attr: 'x' })).toBeUndefined();
    expect(group.resolve({ schema: CORE_USER_URN, attr: 'displayName' })).toBeUndefined();
  });

  it('resolves the RFC 7643 §3.1 common attributes as core, for both types', () => {
    for (const schema of [user, group]) {
      const id = schema.resolve({ attr: 'ID' })!;
      expect(id).toMatchObject({ schema: schema.core, extension: false });
      expect(id.attr).toMatchObject({ name: 'id', caseExact: true, mutability: 'readOnly', returned: 'always' });
      expect(schema.resolve({ attr: 'externalid' })!.attr).toMatchObject({ caseExact: true, mutability: 'readWrite' });
      expect(schema.resolve({ attr: 'meta', sub: 'lastmodified' })!.sub).toMatchObject({ name: 'lastModified', type: 'dateTime' });
      expect(schema.resolve({ attr: 'meta', sub: 'location' })!.sub!.type).toBe('reference');
      expect(schema.resolve({ attr: 'schemas' })!.attr).toMatchObject({ multiValued: true, returned: 'always' });
      expect(schema.resolve({ schema: schema.core.id, attr: 'id' })!.attr.name).toBe('id');
    }
  });

  it('returns undefined for unknown attributes and sub-attributes', () => {
    expect(user.resolve({ attr: 'nope' })).toBeUndefined();
    expect(user.resolve({ attr: 'name', sub: 'nope' })).toBeUndefined();
    expect(user.resolve({ attr: 'userName', sub: 'x' })).toBeUndefined();
    expect(group.resolve({ attr: 'userName' })).toBeUndefined();
  });

  it('resolveSub and extensionByUrn are case-insensitive', () => {
    const members = group.resolve({ attr: 'members' })!.attr;
    expect(group.resolveSub(members, 'VALUE')!.name).toBe('value');
    expect(group.resolveSub(members, '$REF')!.name).toBe('$ref');
    expect(group.resolveSub(members, 'nope')).toBeUndefined();
    expect(user.extensionByUrn(ENTERPRISE_USER_URN.toLowerCase())!.id).toBe(ENTERPRISE_USER_URN);
    expect(user.extensionByUrn('urn:scim:schemas:extension:enterprise:1.0')).toBeUndefined();
    expect(group.extensionByUrn(ENTERPRISE_USER_URN)).toBeUndefined();
  });

  it('createResourceSchema builds lookups for any schema', () => {
    const core: SchemaDef = { id: 'urn:test:Thing', name: 'Thing', description: '', attributes: [attrOf(user.core, 'title')] };
    const thing = createResourceSchema(USER_RESOURCE_TYPE, core, []);
    expect(thing.resolve({ attr: 'TITLE' })!.attr.name).toBe('title');
    expect(thing.resolve({ attr: 'id' })!.attr.name).toBe('id');
  });
});
