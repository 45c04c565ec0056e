import { describe, expect, it } from 'vitest';
import { normalizeResource } from './normalize.js';
import { project } from './project.js';
import { createRegistry } from './schema/registry.js';

const { user, group } = createRegistry();
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const meta = (type: string, path: string, version: string) => ({
  resourceType: type,
  created: '2010-01-23T04:56:22Z',
  lastModified: '2011-05-13T04:42:34Z',
  version: `W/"${version}"`,
  location: `https://example.com/v2/${path}`,
});

// RFC 7643 §8.1
const minimalUser = {
  schemas: [CORE_USER],
  id: '2819c223-7f76-453a-919d-413861904646',
  userName: 'bjensen@example.com',
  meta: meta('User', 'Users/2819c223-7f76-453a-919d-413861904646', '3694e05e9dff590'),
};

const groups = [
  { value: 'e9e30dba-f08f-4109-8486-d5c6a331660a', $ref: 'https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a', display: 'Tour Guides' },
  { value: 'fc348aa8-3835-40eb-a20b-c726e15c55b5', $ref: 'https://example.com/v2/Groups/fc348aa8-3835-40eb-a20b-c726e15c55b5', display: 'Employees' },
  { value: '71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7', $ref: 'https://example.com/v2/Groups/71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7', display: 'US Employees' },
];

// RFC 7643 §8.2 (the certificate is shortened)
const fullUser = {
  schemas: [CORE_USER],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: {
    formatted: 'Ms. Barbara J Jensen, III',
    familyName: 'Jensen',
    givenName: 'Barbara',
    middleName: 'Jane',
    honorificPrefix: 'Ms.',
    honorificSuffix: 'III',
  },
  displayName: 'Babs Jensen',
  nickName: 'Babs',
  profileUrl: 'https://login.example.com/bjensen',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [
    {
      type: 'work',
      streetAddress: '100 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'USA',
      formatted: '100 Universal City Plaza\nHollywood, CA 91608 USA',
      primary: true,
    },
    {
      type: 'home',
      streetAddress: '456 Hollywood Blvd',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'USA',
      formatted: '456 Hollywood Blvd\nHollywood, CA 91608 USA',
    },
  ],
  phoneNumbers: [
    { value: '555-555-5555', type: 'work' },
    { value: '555-555-4444', type: 'mobile' },
  ],
  ims: [{ value: 'someaimhandle', type: 'aim' }],
  photos: [
    { value: 'https://photos.example.com/profilephoto/72930000000Ccne/F', type: 'photo' },
    { value: 'https://photos.example.com/profilephoto/72930000000Ccne/T', type: 'thumbnail' },
  ],
  userType: 'Employee',
  title: 'Tour Guide',
  preferredLanguage: 'en-US',
  locale: 'en-US',
  timezone: 'America/Los_Angeles',
  active: true,
  password: 't1meMa$heen',
  groups,
  x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx' }],
  meta: meta('User', 'Users/2819c223-7f76-453a-919d-413861904646', 'a330bc54f0671c9'),
};

// RFC 7643 §8.3
const enterpriseUser = {
  ...fullUser,
  schemas: [CORE_USER, ENTERPRISE],
  [ENTERPRISE]: {
    employeeNumber: '701984',
    costCenter: '4130',
    organization: 'Universal Studios',
    division: 'Theme Park',
    department: 'Tour Operations',
    manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' },
  },
  meta: meta('User', 'Users/2819c223-7f76-453a-919d-413861904646', '3694e05e9dff591'),
};

// RFC 7643 §8.4
const tourGuides = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  displayName: 'Tour Guides',
  members: [
    { value: '2819c223-7f76-453a-919d-413861904646', $ref: 'https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646', display: 'Babs Jensen' },
    { value: '902c246b-6245-4190-8e05-00816be7344a', $ref: 'https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a', display: 'Mandy Pepperidge' },
  ],
  meta: meta('Group', 'Groups/e9e30dba-f08f-4109-8486-d5c6a331660a', '3694e05e9dff592'),
};

/** What a route does: stored form + id + meta (+ groups / members, which live elsewhere), then project. */
function render(stored: Record<string, unknown>, from: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const { schemas, ...rest } = stored;
  return { schemas, id: from.id, ...rest, ...extra, meta: from.meta };
}

describe('RFC 7643 §8.1 minimal user', () => {
  it('normalizes to userName alone and round-trips', () => {
    const stored = normalizeResource(minimalUser, user, { mode: 'create' });
    expect(stored).toEqual({ schemas: [CORE_USER], userName: 'bjensen@example.com' });
    expect(project(render(stored, minimalUser), {}, user)).toEqual(minimalUser);
  });
});

describe('RFC 7643 §8.2 full user', () => {
  it('keeps every readWrite attribute, drops id, meta, groups and password', () => {
    const stored = normalizeResource(fullUser, user, { mode: 'create' });
    const { id: _id, meta: _meta, groups: _groups, password: _password, ...writable } = fullUser;
    expect(stored).toEqual(writable);
  });

  it('round-trips through project, without the password', () => {
    const stored = normalizeResource(fullUser, user, { mode: 'create' });
    const { password: _password, ...expected } = fullUser;
    expect(project(render(stored, fullUser, { groups }), {}, user)).toEqual(expected);
  });
});

describe('RFC 7643 §8.3 enterprise user', () => {
  it('keeps the extension block under its URN and lists it in schemas', () => {
    const stored = normalizeResource(enterpriseUser, user, { mode: 'create' });
    expect(stored.schemas).toEqual([CORE_USER, ENTERPRISE]);
    // manager.displayName is readOnly (RFC 7643 §4.3): client input for it is ignored.
    expect(stored[ENTERPRISE]).toEqual({
      employeeNumber: '701984',
      costCenter: '4130',
      organization: 'Universal Studios',
      division: 'Theme Park',
      department: 'Tour Operations',
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d' },
    });
  });

  it('round-trips through project', () => {
    const stored = normalizeResource(enterpriseUser, user, { mode: 'create' });
    const out = project(render(stored, enterpriseUser, { groups }), {}, user);
    const { password: _password, ...expected } = enterpriseUser;
    const { displayName: _managerName, ...manager } = enterpriseUser[ENTERPRISE].manager;
    expect(out).toEqual({ ...expected, [ENTERPRISE]: { ...enterpriseUser[ENTERPRISE], manager } });
  });
});

describe('RFC 7643 §8.4 group', () => {
  it('keeps members as {value, display} (the caller renders $ref)', () => {
    const stored = normalizeResource(tourGuides, group, { mode: 'create' });
    expect(stored).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Tour Guides',
      members: [
        { value: '2819c223-7f76-453a-919d-413861904646', display: 'Babs Jensen' },
        { value: '902c246b-6245-4190-8e05-00816be7344a', display: 'Mandy Pepperidge' },
      ],
    });
  });

  it('round-trips through project', () => {
    const { members: _members, ...stored } = normalizeResource(tourGuides, group, { mode: 'create' });
    expect(project(render(stored, tourGuides, { members: tourGuides.members }), {}, group)).toEqual(tourGuides);
  });

  it('normalizing its own output changes nothing', () => {
    for (const [resource, schema] of [[fullUser, user], [enterpriseUser, user], [tourGuides, group]] as const) {
      const once = normalizeResource(resource, schema, { mode: 'create' });
      expect(normalizeResource(once, schema, { mode: 'replace', existing: once })).toEqual(once);
    }
  });
});
