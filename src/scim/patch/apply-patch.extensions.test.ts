import { describe, it, expect } from 'vitest';
import { applyPatch } from './apply-patch.js';
import { parsePatchRequest } from './parse-patch-request.js';
import { createRegistry } from '../schema/registry.js';

const { user: userSchema } = createRegistry();
const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const OKTA = 'urn:okta:custom:1.0:User';

type Resource = Record<string, unknown>;

const patch = (resource: Resource, ...operations: unknown[]) =>
  applyPatch(resource, parsePatchRequest({ schemas: PATCH_OP, Operations: operations }), userSchema);

const user: Resource = {
  schemas: [CORE, ENTERPRISE],
  userName: 'bjensen',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [{ value: 'b@example.com', type: 'work', primary: true }],
  [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations' },
};

describe('RFC 7643 §2.1: attribute names are case-insensitive, written canonically', () => {
  it('paths in any case land on the canonical names', () => {
    const { resource } = patch(
      user,
      { op: 'replace', path: 'Name.GivenName', value: 'Babs' },
      { op: 'replace', path: 'EMAILS[TYPE eq "work"].VALUE', value: 'babs@example.com' },
      { op: 'replace', path: `${ENTERPRISE.toUpperCase()}:EMPLOYEENUMBER`, value: '1' },
      { op: 'add', path: 'NICKNAME', value: 'B' },
    );
    expect(resource).toEqual({
      ...user,
      name: { givenName: 'Babs', familyName: 'Jensen' },
      emails: [{ value: 'babs@example.com', type: 'work', primary: true }],
      [ENTERPRISE]: { employeeNumber: '1', department: 'Tour Operations' },
      nickName: 'B',
    });
  });

  it('a stored key in another case is rewritten, not duplicated', () => {
    const { resource } = patch({ userName: 'x', NickName: 'old' }, { op: 'replace', path: 'nickName', value: 'new' });
    expect(resource).toEqual({ userName: 'x', nickName: 'new' });
  });

  it('sub-attribute names inside values are canonicalised', () => {
    const { resource } = patch(user, { op: 'add', path: 'emails', value: [{ VALUE: 'h@example.com', Type: 'home' }] });
    expect((resource.emails as unknown[])[1]).toEqual({ value: 'h@example.com', type: 'home' });
  });
});

describe('RFC 7643 §3.3 extension attributes', () => {
  it('URN-qualified paths write under the extension key, creating it', () => {
    const { resource } = patch({ userName: 'x' }, { op: 'add', path: `${ENTERPRISE}:manager.value`, value: 'boss' });
    expect(resource).toEqual({ userName: 'x', [ENTERPRISE]: { manager: { value: 'boss' } } });
  });

  it('removing the last extension attribute removes the extension object', () => {
    const { resource } = patch(user, { op: 'remove', path: `${ENTERPRISE}:employeeNumber` }, { op: 'remove', path: `${ENTERPRISE}:department` });
    expect(resource).not.toHaveProperty(ENTERPRISE);
  });

  it('a bare extension URN with an object value applies to the whole extension', () => {
    const replaced = patch(user, { op: 'replace', path: ENTERPRISE, value: { department: 'Sales', costCenter: '4130', shoeSize: 9 } }).resource;
    expect(replaced[ENTERPRISE]).toEqual({ employeeNumber: '701984', department: 'Sales', costCenter: '4130' });
    const added = patch({ userName: 'x' }, { op: 'add', path: ENTERPRISE.toLowerCase(), value: { 'manager.value': 'boss', organization: 'Universal' } }).resource;
    expect(added).toEqual({ userName: 'x', [ENTERPRISE]: { manager: { value: 'boss' }, organization: 'Universal' } });
  });

  it('a bare extension URN as a remove path removes the whole extension', () => {
    expect(patch(user, { op: 'remove', path: ENTERPRISE }).resource).not.toHaveProperty(ENTERPRISE);
  });

  it('an extension URN key in a path-less value applies to the whole extension', () => {
    const { resource } = patch(user, { op: 'replace', value: { [ENTERPRISE]: { department: 'Sales' }, title: 'Guide' } });
    expect(resource[ENTERPRISE]).toEqual({ employeeNumber: '701984', department: 'Sales' });
    expect(resource.title).toBe('Guide');
  });

  it('core attributes nested under the core URN key (SCIM 1.1 style) are applied', () => {
    expect(patch(user, { op: 'replace', value: { [CORE]: { displayName: 'Babs' } } }).resource.displayName).toBe('Babs');
  });
});

describe('extensions the server does not know are stored under their URN (round trip)', () => {
  it('a path under an unknown URN is stored under that URN key', () => {
    const { resource } = patch(user, { op: 'replace', path: `${OKTA}:foo`, value: 'bar' }, { op: 'add', path: `${OKTA}:obj.sub`, value: 1 });
    expect(resource[OKTA]).toEqual({ foo: 'bar', obj: { sub: 1 } });
  });

  it('add appends to an array, replace overwrites, remove deletes (and the empty URN key goes)', () => {
    const start = { ...user, [OKTA]: { tags: ['a'] } };
    expect(patch(start, { op: 'add', path: `${OKTA}:tags`, value: ['a', 'b'] }).resource[OKTA]).toEqual({ tags: ['a', 'b'] });
    expect(patch(start, { op: 'replace', path: `${OKTA}:tags`, value: ['c'] }).resource[OKTA]).toEqual({ tags: ['c'] });
    expect(patch(start, { op: 'remove', path: `${OKTA}:tags` }).resource).not.toHaveProperty(OKTA);
  });

  it('a bare unknown URN (ending with the resource type) designates the whole extension object', () => {
    expect(patch(user, { op: 'add', path: OKTA, value: { foo: 'bar' } }).resource[OKTA]).toEqual({ foo: 'bar' });
    const start = { ...user, [OKTA]: { foo: 'bar' } };
    expect(patch(start, { op: 'remove', path: OKTA }).resource).not.toHaveProperty(OKTA);
  });

  it('a bare unknown URN the resource lists in schemas designates the whole extension', () => {
    const urn = 'urn:example:params:ext';
    const start = { ...user, schemas: [CORE, urn] };
    expect(patch(start, { op: 'replace', path: urn, value: { level: 3 } }).resource[urn]).toEqual({ level: 3 });
  });

  it('an unknown URN-keyed object in a path-less value is kept as sent', () => {
    const { resource } = patch(user, { op: 'replace', value: { 'urn:example:ext': { a: 1 }, [`${OKTA}:foo`]: 'bar' } });
    expect(resource['urn:example:ext']).toEqual({ a: 1 });
    expect(resource[OKTA]).toEqual({ foo: 'bar' });
  });
});
