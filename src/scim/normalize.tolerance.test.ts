import { describe, expect, it } from 'vitest';
import { normalizeResource } from './normalize.js';
import { createRegistry } from './schema/registry.js';

const { user, group } = createRegistry();
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const createUser = (body: Record<string, unknown>) => normalizeResource({ userName: 'bjensen', ...body }, user, { mode: 'create' });
const createGroup = (body: Record<string, unknown>) => normalizeResource({ displayName: 'Tour Guides', ...body }, group, { mode: 'create' });

describe('names (RFC 7644 §3.10: case-insensitive)', () => {
  it('rewrites attribute and sub-attribute names to their canonical case', () => {
    const out = normalizeResource({ USERNAME: 'bjensen', Name: { GIVENNAME: 'Barbara' }, EMAILS: [{ VALUE: 'b@x.com', Primary: 'true' }] }, user, { mode: 'create' });
    expect(out).toEqual({ schemas: [CORE_USER], userName: 'bjensen', name: { givenName: 'Barbara' }, emails: [{ value: 'b@x.com', primary: true }] });
  });

  it('finds an extension block under any casing of its URN', () => {
    expect(createUser({ [ENTERPRISE.toUpperCase()]: { EmployeeNumber: '7' } })[ENTERPRISE]).toEqual({ employeeNumber: '7' });
  });

  it('accepts core attributes nested under the core URN', () => {
    expect(normalizeResource({ [CORE_USER]: { userName: 'x', title: 'T' } }, user, { mode: 'create' })).toMatchObject({ userName: 'x', title: 'T' });
  });
});

describe('keys that are paths (CHECKLIST item 4)', () => {
  it('moves dotted and URN-qualified keys into place', () => {
    const out = createUser({
      'name.givenName': 'Barbara',
      'NAME.familyName': 'Jensen',
      [`${ENTERPRISE}:employeeNumber`]: '1',
      [`${ENTERPRISE}:manager.value`]: 'boss',
      [`${CORE_USER}:title`]: 'Tour Guide',
    });
    expect(out).toEqual({
      schemas: [CORE_USER, ENTERPRISE],
      userName: 'bjensen',
      name: { givenName: 'Barbara', familyName: 'Jensen' },
      title: 'Tour Guide',
      [ENTERPRISE]: { employeeNumber: '1', manager: { value: 'boss' } },
    });
    expect(Object.keys(out).some((k) => k.includes('.') && !k.includes(':'))).toBe(false);
  });

  it('a dotted sub-attribute overrides the same one in a whole object', () => {
    expect(createUser({ 'name.givenName': 'B', name: { givenName: 'A', familyName: 'J' } }).name).toEqual({ givenName: 'B', familyName: 'J' });
    expect(createUser({ 'name.givenName': null, name: { givenName: 'A', familyName: 'J' } }).name).toEqual({ familyName: 'J' });
  });
});

describe('schemas and unknown attributes (CHECKLIST item 13)', () => {
  it('accepts SCIM 1.0 and vendor URNs in schemas and answers with the URNs present', () => {
    const out = createUser({ schemas: ['urn:scim:schemas:core:1.0', 'urn:whatever'] });
    expect(out.schemas).toEqual([CORE_USER]);
    const entra = createGroup({ schemas: [CORE_GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'] });
    expect(entra).toEqual({ schemas: [CORE_GROUP], displayName: 'Tour Guides' });
  });

  it('lists the enterprise URN only when the block has values (Entra sends the URN alone)', () => {
    expect(createUser({ schemas: [CORE_USER, ENTERPRISE] }).schemas).toEqual([CORE_USER]);
    expect(createUser({ [ENTERPRISE]: {} }).schemas).toEqual([CORE_USER]);
    expect(createUser({ [ENTERPRISE]: { department: null } })[ENTERPRISE]).toBeUndefined();
  });

  it('keeps unknown URN blocks as sent and lists them in schemas', () => {
    const custom = { badge: 42, nested: { Deep: ['x'] } };
    const input = { userName: 'b', 'urn:okta:custom:1.0:User': custom };
    const out = normalizeResource(input, user, { mode: 'create' });
    expect(out['urn:okta:custom:1.0:User']).toEqual(custom);
    expect(out['urn:okta:custom:1.0:User']).not.toBe(custom);
    expect(out.schemas).toEqual([CORE_USER, 'urn:okta:custom:1.0:User']);
  });

  it('drops other unknown attributes silently', () => {
    const out = createUser({ nickname2: 'x', 'urn:okta:custom:1.0:User:flat': 'y', 'name.nope': 'z', 'emails[type eq "work"].value': 'w' });
    expect(out).toEqual({ schemas: [CORE_USER], userName: 'bjensen' });
  });

  it('maps the SCIM 1.1 enterprise block onto the 2.0 extension (OneLogin)', () => {
    const out = createUser({
      schemas: ['urn:scim:schemas:core:1.0', 'urn:scim:schemas:extension:enterprise:1.0'],
      'urn:scim:schemas:extension:enterprise:1.0': { department: 'Sales', manager: { managerId: 'boss', displayName: 'B' } },
    });
    expect(out).toEqual({ schemas: [CORE_USER, ENTERPRISE], userName: 'bjensen', [ENTERPRISE]: { department: 'Sales', manager: { value: 'boss' } } });
  });

  it('a 2.0 enterprise block wins over a 1.1 block sent beside it', () => {
    const out = createUser({ [ENTERPRISE]: { department: 'New' }, 'urn:scim:schemas:extension:enterprise:1.0': { department: 'Old', division: 'D' } });
    expect(out[ENTERPRISE]).toEqual({ department: 'New', division: 'D' });
  });
});

describe('readOnly, writeOnly and empty values (CHECKLIST item 14)', () => {
  it('ignores id, meta and groups; accepts and drops password', () => {
    const out = createUser({ id: 'x', meta: { resourceType: 'User' }, groups: [{ value: 'g' }], password: 'secret', 'meta.created': '2020-01-01T00:00:00Z' });
    expect(out).toEqual({ schemas: [CORE_USER], userName: 'bjensen' });
  });

  it('treats null, [] and {} as no value (roles: [] from Entra, photos: [] from authentik)', () => {
    const out = createUser({ roles: [], photos: [], title: null, name: {}, emails: [null, {}], addresses: [{ type: null }] });
    expect(out).toEqual({ schemas: [CORE_USER], userName: 'bjensen' });
  });

  it('keeps externalId as a string', () => {
    expect(createUser({ externalId: 'abc' }).externalId).toBe('abc');
    expect(createUser({ externalId: 701984 }).externalId).toBe('701984');
    expect(createGroup({ externalId: 'g-1' }).externalId).toBe('g-1');
  });

  it('returns a new object and leaves the input untouched', () => {
    const input = { userName: 'b', emails: [{ value: 'a', primary: true }, { value: 'b', primary: true }], name: { givenName: 'B' } };
    const copy = structuredClone(input);
    const out = normalizeResource(input, user, { mode: 'create' });
    expect(input).toEqual(copy);
    expect(out.name).not.toBe(input.name);
  });
});

describe('type coercion (RFC 7643 §2.3)', () => {
  it('converts "True"/"False" strings for booleans (Entra ID, CHECKLIST item 2)', () => {
    for (const [sent, expected] of [['True', true], ['False', false], ['true', true], ['FALSE', false], [true, true], [false, false]] as const) {
      expect(createUser({ active: sent }).active).toBe(expected);
    }
  });

  it('turns numbers and booleans sent for strings into strings', () => {
    expect(createUser({ title: 42, nickName: true })).toMatchObject({ title: '42', nickName: 'true' });
    expect(normalizeResource({ userName: 1234 }, user, { mode: 'create' }).userName).toBe('1234');
  });

  it('wraps a single object sent for a multi-valued attribute (OneLogin emails, CHECKLIST item 15)', () => {
    expect(createUser({ emails: { value: 'b@x.com', type: 'work', primary: true } }).emails).toEqual([{ value: 'b@x.com', type: 'work', primary: true }]);
  });

  it('reads a bare string element as its value', () => {
    expect(createUser({ emails: ['b@x.com'], phoneNumbers: [5550100] })).toMatchObject({ emails: [{ value: 'b@x.com' }], phoneNumbers: [{ value: '5550100' }] });
  });

  it('accepts any emails type, or none (authentik "other")', () => {
    expect(createUser({ emails: [{ value: 'a', type: 'other' }, { value: 'b', type: 'custom' }, { value: 'c' }] }).emails).toEqual([
      { value: 'a', type: 'other' },
      { value: 'b', type: 'custom' },
      { value: 'c' },
    ]);
  });

  it('keeps the first primary and drops the flag on the others', () => {
    const emails = createUser({ emails: [{ value: 'a', primary: false }, { value: 'b', primary: 'True' }, { value: 'c', primary: true }] }).emails;
    expect(emails).toEqual([{ value: 'a', primary: false }, { value: 'b', primary: true }, { value: 'c' }]);
  });

  it('drops unknown and readOnly sub-attributes', () => {
    const out = createUser({ emails: [{ value: 'a', extra: 1 }], [ENTERPRISE]: { manager: { value: 'm', displayName: 'Boss' } } });
    expect(out.emails).toEqual([{ value: 'a' }]);
    expect(out[ENTERPRISE]).toEqual({ manager: { value: 'm' } });
  });
});

describe('Group members', () => {
  it('keeps {value, display, type} and drops $ref (Entra sends "$ref": null)', () => {
    const out = createGroup({
      members: [
        { value: 'u1', $ref: null },
        { value: 'u2', display: 'Babs', $ref: 'https://x/Users/u2' },
        { value: 'g1', type: 'group' },
        { value: 'u3', type: 'USER' },
      ],
    });
    expect(out.members).toEqual([{ value: 'u1' }, { value: 'u2', display: 'Babs' }, { value: 'g1', type: 'Group' }, { value: 'u3', type: 'User' }]);
  });

  it('keeps one entry per member id', () => {
    expect(createGroup({ members: [{ value: 'u1' }, { value: 'u1', display: 'again' }] }).members).toEqual([{ value: 'u1' }]);
  });

  it('keeps an explicit empty list (Okta group push, AIW PUT of an emptied group) apart from no members sent', () => {
    expect(createGroup({ members: [] })).toEqual({ schemas: [CORE_GROUP], displayName: 'Tour Guides', members: [] });
    expect(createGroup({ members: null }).members).toEqual([]);
    expect(createGroup({ members: [null, {}] }).members).toEqual([]);
    expect(createGroup({}).members).toBeUndefined();
  });
});
