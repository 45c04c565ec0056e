import { describe, it, expect } from 'vitest';
import { applyPatch, type ApplyPatchOptions } from './apply-patch.js';
import { parsePatchRequest } from './parse-patch-request.js';
import { createRegistry } from '../schema/registry.js';
import type { ResourceSchema } from '../schema/types.js';
import { ScimError } from '../errors.js';

const { user: userSchema, group: groupSchema } = createRegistry();
const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];
const BABS = '2819c223-7f76-453a-919d-413861904646';
const JAMES = '08e1d05d-121c-4561-8b96-473d93df9210';
const OTHER = '902c246b-6245-4190-8e05-00816be7344a';

type Resource = Record<string, unknown>;

function patch(resource: Resource, operations: unknown[], schema: ResourceSchema = userSchema, options?: ApplyPatchOptions) {
  return applyPatch(resource, parsePatchRequest({ schemas: PATCH_OP, Operations: operations }), schema, options);
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

const bjensen: Resource = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'bjensen',
  name: { familyName: 'Jensen', givenName: 'Barbara' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [
    { type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA', primary: true },
    { type: 'home', streetAddress: '456 Hollywood Blvd', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA' },
  ],
};

const babsMember = { display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS };
const jamesMember = { display: 'James Smith', $ref: `https://example.com/v2/Users/${JAMES}`, value: JAMES };
const group: Resource = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  displayName: 'Tour Guides',
  members: [
    { value: BABS, display: 'Babs Jensen' },
    { value: OTHER, display: 'Mandy Pepperidge' },
  ],
};

describe('RFC 7644 §3.5.2 PATCH paths', () => {
  it('"name.familyName" targets a sub-attribute', () => {
    expect(patch(bjensen, [{ op: 'replace', path: 'name.familyName', value: 'Smith' }]).resource.name).toEqual({ familyName: 'Smith', givenName: 'Barbara' });
  });

  it('"members[value eq …].displayName" names no sub-attribute of members: invalidPath', () => {
    const path = `members[value eq "${BABS}"].displayName`;
    expect(errorOf(() => patch(group, [{ op: 'replace', path, value: 'x' }], groupSchema)).scimType).toBe('invalidPath');
    expect(errorOf(() => patch(group, [{ op: 'replace', path, value: 'x' }], groupSchema, { externalMembers: true })).scimType).toBe('invalidPath');
  });

  it('setting a value\'s "primary" to true sets it to false on the other values', () => {
    const { resource } = patch(bjensen, [{ op: 'add', path: 'emails', value: [{ value: 'b@new.org', type: 'other', primary: true }] }]);
    expect(resource.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'home' },
      { value: 'b@new.org', type: 'other', primary: true },
    ]);
    const viaFilter = patch(bjensen, [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }]).resource;
    expect(viaFilter.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'home', primary: true },
    ]);
  });

  it('applies operations in order to a copy, never to the input', () => {
    const before = structuredClone(bjensen);
    const { resource } = patch(bjensen, [
      { op: 'replace', path: 'title', value: 'A' },
      { op: 'replace', path: 'title', value: 'B' },
      { op: 'remove', path: 'emails[type eq "home"]' },
    ]);
    expect(resource.title).toBe('B');
    expect(bjensen).toEqual(before);
  });
});

describe('RFC 7644 §3.5.2.1 Add Operation', () => {
  it('example: add a member to a group (in the resource)', () => {
    const { resource, memberChanges } = patch(group, [{ op: 'add', path: 'members', value: [jamesMember] }], groupSchema);
    expect(resource.members).toEqual([...(group.members as unknown[]), jamesMember]);
    expect(memberChanges).toEqual([]);
  });

  it('example: add a member to a group (membership rows)', () => {
    const { resource, memberChanges } = patch({ displayName: 'Tour Guides' }, [{ op: 'add', path: 'members', value: [babsMember] }], groupSchema, {
      externalMembers: true,
    });
    expect(memberChanges).toEqual([{ kind: 'add', members: [{ value: BABS, display: 'Babs Jensen' }] }]);
    expect(resource).toEqual({ displayName: 'Tour Guides' });
  });

  it('example: add without path adds each attribute of the value ("nickname" resolves to nickName)', () => {
    const { resource } = patch(bjensen, [{ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }, { value: 'b@x.org', type: 'other' }], nickname: 'Babs' } }]);
    expect(resource.nickName).toBe('Babs');
    expect(resource).not.toHaveProperty('nickname');
    expect(resource.emails).toEqual([...(bjensen.emails as unknown[]), { value: 'b@x.org', type: 'other' }]);
  });

  it('a value already present is not added again', () => {
    const result = patch(bjensen, [{ op: 'add', path: 'emails', value: [{ type: 'home', value: 'babs@jensen.org' }] }]);
    expect(result.resource.emails).toEqual(bjensen.emails);
    expect(result.changed).toBe(false);
  });

  it('a member already present is not added again, whatever its display says', () => {
    const { resource } = patch(group, [{ op: 'add', path: 'members', value: [babsMember] }], groupSchema);
    expect(resource.members).toEqual(group.members);
  });

  it('a single-valued attribute is replaced; a missing one is added', () => {
    expect(patch(bjensen, [{ op: 'add', path: 'userName', value: 'babs' }]).resource.userName).toBe('babs');
    expect(patch(bjensen, [{ op: 'add', path: 'title', value: 'Tour Guide' }]).resource.title).toBe('Tour Guide');
  });

  it('a complex attribute gets the sub-attributes of the value merged in', () => {
    const { resource } = patch(bjensen, [{ op: 'add', path: 'name', value: { middleName: 'Jane', GIVENNAME: 'Babs' } }]);
    expect(resource.name).toEqual({ familyName: 'Jensen', givenName: 'Babs', middleName: 'Jane' });
  });

  it('a single value for a multi-valued attribute is added as one value', () => {
    const { resource } = patch(bjensen, [{ op: 'add', path: 'phoneNumbers', value: { value: '555-555-8377', type: 'work' } }]);
    expect(resource.phoneNumbers).toEqual([{ value: '555-555-8377', type: 'work' }]);
  });
});

describe('RFC 7644 §3.5.2.2 Remove Operation', () => {
  it('example: remove a single member', () => {
    const { resource } = patch(group, [{ op: 'remove', path: `members[value eq "${BABS}"]` }], groupSchema);
    expect(resource.members).toEqual([{ value: OTHER, display: 'Mandy Pepperidge' }]);
    const rows = patch({ displayName: 'g' }, [{ op: 'remove', path: `members[value eq "${BABS}"]` }], groupSchema, { externalMembers: true });
    expect(rows.memberChanges).toEqual([{ kind: 'remove', ids: [BABS] }]);
  });

  it('example: remove all members', () => {
    expect(patch(group, [{ op: 'remove', path: 'members' }], groupSchema).resource).not.toHaveProperty('members');
    const rows = patch({ displayName: 'g' }, [{ op: 'remove', path: 'members' }], groupSchema, { externalMembers: true });
    expect(rows.memberChanges).toEqual([{ kind: 'removeAll' }]);
  });

  it('example: remove multiple members', () => {
    const operations = [
      { op: 'remove', path: `members[value eq "${BABS}"]` },
      { op: 'remove', path: `members[value eq "${OTHER}"]` },
    ];
    expect(patch(group, operations, groupSchema).resource).not.toHaveProperty('members');
    expect(patch({ displayName: 'g' }, operations, groupSchema, { externalMembers: true }).memberChanges).toEqual([
      { kind: 'remove', ids: [BABS] },
      { kind: 'remove', ids: [OTHER] },
    ]);
  });

  it('example: remove all members and add new ones', () => {
    const operations = [
      { op: 'remove', path: 'members' },
      { op: 'add', path: 'members', value: [babsMember, jamesMember] },
    ];
    expect(patch(group, operations, groupSchema).resource.members).toEqual([babsMember, jamesMember]);
    expect(patch({ displayName: 'g' }, operations, groupSchema, { externalMembers: true }).memberChanges).toEqual([
      { kind: 'removeAll' },
      { kind: 'add', members: [{ value: BABS, display: 'Babs Jensen' }, { value: JAMES, display: 'James Smith' }] },
    ]);
  });

  it('example: remove values of a complex multi-valued attribute selected by a filter', () => {
    const { resource } = patch(bjensen, [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }]);
    expect(resource.emails).toEqual([{ value: 'babs@jensen.org', type: 'home' }]);
  });

  it('removing the last selected value unassigns the attribute', () => {
    const { resource } = patch(bjensen, [{ op: 'remove', path: 'emails[value co "@"]' }]);
    expect(resource).not.toHaveProperty('emails');
  });

  it('a single-valued attribute is removed', () => {
    expect(patch({ ...bjensen, title: 'x' }, [{ op: 'remove', path: 'title' }]).resource).not.toHaveProperty('title');
    expect(patch(bjensen, [{ op: 'remove', path: 'name.givenName' }]).resource.name).toEqual({ familyName: 'Jensen' });
  });

  it('a sub-attribute of the selected values is removed', () => {
    const { resource } = patch(bjensen, [{ op: 'remove', path: 'addresses[type eq "work"].region' }]);
    expect((resource.addresses as Resource[])[0]).not.toHaveProperty('region');
    expect((resource.addresses as Resource[])[1].region).toBe('CA');
  });

  it('a filter that matches nothing removes nothing and succeeds (idempotent)', () => {
    const result = patch(bjensen, [{ op: 'remove', path: 'emails[type eq "other"]' }, { op: 'remove', path: 'nickName' }]);
    expect(result.resource).toEqual(bjensen);
    expect(result.changed).toBe(false);
  });

  it('removing a required attribute is 400 mutability', () => {
    expect(errorOf(() => patch(bjensen, [{ op: 'remove', path: 'userName' }])).scimType).toBe('mutability');
    expect(errorOf(() => patch(group, [{ op: 'remove', path: 'displayName' }], groupSchema)).scimType).toBe('mutability');
  });
});

describe('RFC 7644 §3.5.2.3 Replace Operation', () => {
  it('example: replace all members', () => {
    const operations = [{ op: 'replace', path: 'members', value: [babsMember, jamesMember] }];
    expect(patch(group, operations, groupSchema).resource.members).toEqual([babsMember, jamesMember]);
    expect(patch({ displayName: 'g' }, operations, groupSchema, { externalMembers: true }).memberChanges).toEqual([
      { kind: 'replace', members: [{ value: BABS, display: 'Babs Jensen' }, { value: JAMES, display: 'James Smith' }] },
    ]);
  });

  it('example: replace the work address', () => {
    const work = {
      type: 'work',
      streetAddress: '911 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'US',
      formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
      primary: true,
    };
    const { resource } = patch(bjensen, [{ op: 'replace', path: 'addresses[type eq "work"]', value: work }]);
    expect(resource.addresses).toEqual([work, (bjensen.addresses as unknown[])[1]]);
  });

  it('example: replace the streetAddress of the work address', () => {
    const { resource } = patch(bjensen, [{ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }]);
    expect((resource.addresses as Resource[])[0]).toEqual({ ...(bjensen.addresses as Resource[])[0], streetAddress: '1010 Broadway Ave' });
    expect((resource.addresses as Resource[])[1]).toEqual((bjensen.addresses as Resource[])[1]);
  });

  it('example: replace without path replaces each attribute of the value', () => {
    const emails = [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ];
    const { resource } = patch({ ...bjensen, emails: [{ value: 'old@example.com', type: 'work' }] }, [{ op: 'replace', value: { emails, nickname: 'Babs' } }]);
    expect(resource.emails).toEqual(emails);
    expect(resource.nickName).toBe('Babs');
  });

  it('a multi-valued attribute without filter is replaced whole; [] unassigns it', () => {
    expect(patch(bjensen, [{ op: 'replace', path: 'emails', value: [{ value: 'x@y.z' }] }]).resource.emails).toEqual([{ value: 'x@y.z' }]);
    expect(patch(bjensen, [{ op: 'replace', path: 'emails', value: [] }]).resource).not.toHaveProperty('emails');
  });

  it('a complex attribute keeps the sub-attributes the value does not name', () => {
    expect(patch(bjensen, [{ op: 'replace', path: 'name', value: { givenName: 'Babs' } }]).resource.name).toEqual({ familyName: 'Jensen', givenName: 'Babs' });
  });

  it('an attribute that does not exist yet is added', () => {
    expect(patch(bjensen, [{ op: 'replace', path: 'nickName', value: 'Babs' }]).resource.nickName).toBe('Babs');
  });

  it('replace with null unassigns (RFC 7643 §2.5)', () => {
    expect(patch({ ...bjensen, title: 'x' }, [{ op: 'replace', path: 'title', value: null }]).resource).not.toHaveProperty('title');
  });

  it('all matching values are replaced', () => {
    const res = { ...bjensen, phoneNumbers: [{ value: '1', type: 'work' }, { value: '2', type: 'work' }, { value: '3', type: 'home' }] };
    const { resource } = patch(res, [{ op: 'replace', path: 'phoneNumbers[type eq "work"].display', value: 'office' }]);
    expect(resource.phoneNumbers).toEqual([
      { value: '1', type: 'work', display: 'office' },
      { value: '2', type: 'work', display: 'office' },
      { value: '3', type: 'home' },
    ]);
  });

  it('a filter that matches nothing is 400 noTarget when no value follows from it', () => {
    const err = errorOf(() => patch(bjensen, [{ op: 'replace', path: 'emails[value co "nowhere"].type', value: 'x' }]));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe('noTarget');
    expect(errorOf(() => patch(bjensen, [{ op: 'replace', path: 'emails[type eq "x" or type eq "y"].value', value: 'a' }])).scimType).toBe('noTarget');
    expect(errorOf(() => patch(bjensen, [{ op: 'add', path: 'emails[type ne "work" and type ne "home"].value', value: 'a' }])).scimType).toBe('noTarget');
  });

  it('a filter of equalities that matches nothing creates that value', () => {
    const { resource } = patch(bjensen, [{ op: 'replace', path: 'addresses[type eq "other"].locality', value: 'Paris' }]);
    expect((resource.addresses as Resource[])[2]).toEqual({ type: 'other', locality: 'Paris' });
    const both = patch(bjensen, [{ op: 'replace', path: 'phoneNumbers[type eq "mobile" and primary eq true].value', value: '555' }]).resource;
    expect(both.phoneNumbers).toEqual([{ type: 'mobile', primary: true, value: '555' }]);
  });
});
