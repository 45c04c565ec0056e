import { describe, it, expect } from 'vitest';
import { evaluate, toInstant } from './evaluate.js';
import { parseFilter } from './parse-filter.js';
import { createRegistry, createResourceSchema } from '../schema/registry.js';
import type { AttributeDef, ResourceSchema, SchemaDef } from '../schema/types.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const { user: userSchema, group: groupSchema } = createRegistry();

type Resource = Record<string, unknown>;

const bjensen: Resource = {
  schemas: [CORE, ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'bjensen',
  userName: 'bjensen',
  name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' },
  title: 'Tour Guide',
  userType: 'Employee',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  ims: [{ value: 'someaimhandle', type: 'aim' }],
  [ENTERPRISE]: { employeeNumber: '701984', manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
  meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
};

const omalley: Resource = {
  schemas: [CORE],
  id: 'a7c3c1d6-0a5b-4b7e-9a0d-6c1b5e0f3f11',
  userName: 'JOmalley',
  name: { familyName: "O'Malley", givenName: 'Jo' },
  userType: 'Intern',
  active: false,
  emails: [{ value: 'jo@example.org', type: 'home' }],
  ims: [{ value: 'jo@foo.com', type: 'xmpp' }],
  meta: { resourceType: 'User', created: '2012-01-01T00:00:00Z', lastModified: '2012-02-01T00:00:00Z' },
};

// Work and @example.com hold for different emails, never for one.
const jdoe: Resource = {
  schemas: [CORE],
  id: 'c0ffee00-0000-4000-8000-000000000001',
  userName: 'jdoe',
  title: '',
  userType: 'Employee',
  emails: [
    { value: 'jdoe@example.com', type: 'home' },
    { value: 'jdoe@elsewhere.net', type: 'work' },
  ],
  meta: { resourceType: 'User', created: '2011-01-01T00:00:00Z', lastModified: '2011-05-13T04:42:34.000Z' },
};

const nomail: Resource = {
  schemas: [CORE],
  id: 'c0ffee00-0000-4000-8000-000000000002',
  userName: 'nomail',
  meta: { resourceType: 'User', created: '2009-01-01T00:00:00Z', lastModified: '2009-01-01T00:00:00Z' },
};

const users = [bjensen, omalley, jdoe, nomail];

function matching(filter: string, resources = users, schema: ResourceSchema = userSchema): string[] {
  const ast = parseFilter(filter);
  return resources
    .filter((r) => evaluate(ast, r, schema))
    .map((r) => String(r.userName ?? r.displayName ?? r.id));
}

describe('RFC 7644 §3.4.2.2 example filters, evaluated', () => {
  it.each([
    ['userName eq "bjensen"', ['bjensen']],
    [`name.familyName co "O'Malley"`, ['JOmalley']],
    ['userName sw "J"', ['JOmalley', 'jdoe']],
    [`${CORE}:userName sw "J"`, ['JOmalley', 'jdoe']],
    ['title pr', ['bjensen']],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', ['JOmalley']],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', ['bjensen', 'JOmalley', 'jdoe']],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', ['nomail']],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', ['bjensen', 'jdoe', 'nomail']],
    ['title pr and userType eq "Employee"', ['bjensen']],
    ['title pr or userType eq "Intern"', ['bjensen', 'JOmalley']],
    [`schemas eq "${ENTERPRISE}"`, ['bjensen']],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', ['bjensen', 'jdoe']],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', ['nomail']],
    ['userType eq "Employee" and (emails.type eq "work")', ['bjensen', 'jdoe']],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', ['bjensen']],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      ['bjensen', 'JOmalley'],
    ],
  ])('%s', (filter, expected) => {
    expect(matching(filter)).toEqual(expected);
  });
});

describe('RFC 7644 §3.4.2.2 / RFC 7643 §2.1 case rules', () => {
  it('compares caseExact=false attributes case-insensitively', () => {
    expect(matching('userName eq "BJENSEN"')).toEqual(['bjensen']);
    expect(matching('emails.value eq "BJensen@Example.COM"')).toEqual(['bjensen']);
    expect(matching('displayName eq "x"', [{ displayName: 'X' }])).toEqual(['X']);
    expect(matching('userName ew "LEY"')).toEqual(['JOmalley']);
    expect(matching('userName gt "C"')).toEqual(matching('userName gt "c"'));
  });

  it('compares caseExact=true attributes exactly (id, externalId)', () => {
    expect(matching('id eq "2819C223-7F76-453A-919D-413861904646"')).toEqual([]);
    expect(matching('id eq "2819c223-7f76-453a-919d-413861904646"')).toEqual(['bjensen']);
    expect(matching('externalId sw "BJ"')).toEqual([]);
    expect(matching('externalId sw "bj"')).toEqual(['bjensen']);
  });

  it('compares strings lexicographically for gt/ge/lt/le', () => {
    expect(matching('userName gt "j"')).toEqual(['JOmalley', 'jdoe', 'nomail']);
    expect(matching('userName lt "jdoe"')).toEqual(['bjensen']);
    expect(matching('userName le "jdoe"')).toEqual(['bjensen', 'jdoe']);
  });

  it('looks resource keys up case-insensitively, extension URN keys included', () => {
    const shouty = { USERNAME: 'Shouty', [ENTERPRISE.toUpperCase()]: { EMPLOYEENUMBER: '42' } };
    expect(matching('userName eq "shouty"', [shouty])).toHaveLength(1);
    expect(matching(`${ENTERPRISE}:employeeNumber eq "42"`, [shouty])).toHaveLength(1);
  });
});

describe('RFC 7644 §3.4.2.2 multi-valued and complex attributes', () => {
  it('matches a multi-valued attribute when any value matches', () => {
    expect(matching('emails.value eq "babs@jensen.org"')).toEqual(['bjensen']);
    expect(matching('emails.type eq "home"')).toEqual(['bjensen', 'JOmalley', 'jdoe']);
  });

  it('compares the value sub-attribute of a complex attribute named alone', () => {
    expect(matching('emails eq "babs@jensen.org"')).toEqual(['bjensen']);
    expect(matching(`${ENTERPRISE}:manager eq "26118915-6090-4610-87e4-49d8ca9f808d"`)).toEqual(['bjensen']);
  });

  it('requires one element to satisfy the whole value filter', () => {
    expect(matching('emails[type eq "work" and value co "example.com"]')).toEqual(['bjensen']);
    expect(matching('emails.type eq "work" and emails.value co "example.com"')).toEqual(['bjensen', 'jdoe']);
    expect(matching('emails[not (type eq "work")]')).toEqual(['bjensen', 'JOmalley', 'jdoe']);
    expect(matching('emails[type eq "work" or (type eq "home" and value ew "@example.org")]')).toEqual([
      'bjensen',
      'JOmalley',
      'jdoe',
    ]);
  });

  it('treats a single complex value as one element', () => {
    expect(matching('name[givenName eq "barbara"]')).toEqual(['bjensen']);
  });

  it('evaluates the folded Entra form `emails[type eq "work"].value eq "x"`', () => {
    expect(matching('emails[type eq "work"].value eq "bjensen@example.com"')).toEqual(['bjensen']);
    expect(matching('emails[type eq "home"].value eq "bjensen@example.com"')).toEqual([]);
    expect(matching('emails[type eq "work"].value pr')).toEqual(['bjensen', 'jdoe']);
  });

  it('reads extension attributes under their URN key', () => {
    expect(matching(`${ENTERPRISE}:employeeNumber eq "701984"`)).toEqual(['bjensen']);
    expect(matching(`${ENTERPRISE}:manager.value pr`)).toEqual(['bjensen']);
    expect(matching('employeeNumber eq "701984"')).toEqual([]);
  });

  it('filters group members', () => {
    const group = { displayName: 'Tour Guides', members: [{ value: 'u1', display: 'Babs' }, { value: 'u2' }] };
    const empty = { displayName: 'Empty', members: [] };
    expect(matching('members[value eq "u2"]', [group, empty], groupSchema)).toEqual(['Tour Guides']);
    expect(matching('members.value eq "u3"', [group, empty], groupSchema)).toEqual([]);
    expect(matching('members pr', [group, empty], groupSchema)).toEqual(['Tour Guides']);
    expect(matching('not (members pr)', [group, empty], groupSchema)).toEqual(['Empty']);
  });
});

describe('RFC 7644 §3.4.2.2 presence, absence and negation', () => {
  const r = (extra: Resource): Resource => ({ userName: 'r', ...extra });

  it('pr means a non-empty value', () => {
    const present = (resource: Resource, filter: string) => evaluate(parseFilter(filter), resource, userSchema);
    expect(present(r({ title: 'x' }), 'title pr')).toBe(true);
    expect(present(r({ active: false }), 'active pr')).toBe(true);
    expect(present(r({ title: '' }), 'title pr')).toBe(false);
    expect(present(r({ title: null }), 'title pr')).toBe(false);
    expect(present(r({}), 'title pr')).toBe(false);
    expect(present(r({ emails: [] }), 'emails pr')).toBe(false);
    expect(present(r({ emails: [{}] }), 'emails pr')).toBe(false);
    expect(present(r({ emails: [{ value: '' }] }), 'emails pr')).toBe(false);
    expect(present(r({ emails: [{ type: 'work' }] }), 'emails pr')).toBe(true);
    expect(present(r({ emails: [{ type: 'work' }] }), 'emails.value pr')).toBe(false);
    expect(present(r({ name: {} }), 'name pr')).toBe(false);
    expect(present(r({ name: { givenName: null } }), 'name pr')).toBe(false);
    expect(present(r({ name: { givenName: 'B' } }), 'name pr')).toBe(true);
  });

  it('ne is NOT(eq): it matches when the attribute is absent', () => {
    expect(matching('title ne "Tour Guide"')).toEqual(['JOmalley', 'jdoe', 'nomail']);
    expect(matching('emails.type ne "work"')).toEqual(['JOmalley', 'nomail']);
    expect(matching('userType ne "employee"')).toEqual(['JOmalley', 'nomail']);
  });

  it('gt/ge/lt/le/co/sw/ew on an absent attribute are false', () => {
    for (const op of ['gt', 'ge', 'lt', 'le', 'co', 'sw', 'ew']) {
      expect(matching(`title ${op} ""`, [nomail])).toEqual([]);
    }
  });

  it('not is two-valued negation', () => {
    expect(matching('not (title eq "Tour Guide")')).toEqual(['JOmalley', 'jdoe', 'nomail']);
    expect(matching('not (title gt "a")')).toEqual(['JOmalley', 'jdoe', 'nomail']);
    expect(matching('not (not (userType eq "Intern"))')).toEqual(['JOmalley']);
  });

  it('eq null means absent, ne null present, other operators with null never match', () => {
    expect(matching('title eq null')).toEqual(['JOmalley', 'jdoe', 'nomail']);
    expect(matching('title ne null')).toEqual(['bjensen']);
    expect(matching('title gt null')).toEqual([]);
  });

  it('treats attributes the schema does not know as absent', () => {
    expect(matching('favouriteColour eq "blue"', [{ favouriteColour: 'blue' }])).toEqual([]);
    expect(matching('favouriteColour ne "blue"', [{ userName: 'x', favouriteColour: 'blue' }])).toEqual(['x']);
  });
});

describe('RFC 7643 §2.3 typed comparisons', () => {
  it('compares dateTime as instants, whatever the offset or precision', () => {
    expect(matching('meta.lastModified eq "2011-05-13T06:42:34+02:00"')).toEqual(['bjensen', 'jdoe']);
    expect(matching('meta.lastModified eq "2011-05-13T04:42:34.000Z"')).toEqual(['bjensen', 'jdoe']);
    expect(matching('meta.created lt "2010-01-23T04:56:22.001Z"')).toEqual(['bjensen', 'nomail']);
    expect(matching('meta.created gt "2011"')).toEqual([]);
  });

  it('compares booleans with eq/ne only, and only with booleans', () => {
    expect(matching('active eq true')).toEqual(['bjensen']);
    expect(matching('active eq false')).toEqual(['JOmalley']);
    expect(matching('active ne true')).toEqual(['JOmalley', 'jdoe', 'nomail']);
    expect(matching('active eq "true"')).toEqual([]);
    expect(matching('active gt false')).toEqual([]);
    expect(matching('active eq "True"', [{ userName: 'stringly', active: 'True' }])).toEqual([]);
  });

  it('never matches a string attribute against a number or boolean', () => {
    const numeric = { userName: '12345' };
    expect(matching('userName eq 12345', [numeric])).toEqual([]);
    expect(matching('userName eq true', [{ userName: 'true' }])).toEqual([]);
    expect(matching('userName eq "12345"', [numeric])).toEqual(['12345']);
  });

  it('compares integer and decimal numerically', () => {
    const attr = (name: string, type: AttributeDef['type']): AttributeDef => ({
      name,
      type,
      multiValued: false,
      description: '',
      required: false,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
    });
    const core: SchemaDef = { id: 'urn:example:Widget', name: 'Widget', description: '', attributes: [attr('count', 'integer'), attr('score', 'decimal'), attr('blob', 'binary')] };
    const widgets = createResourceSchema({ ...userSchema.type, schema: core.id, schemaExtensions: [] }, core, []);
    const items = [{ id: 'a', count: 9, score: 1.5, blob: 'QUJD' }, { id: 'b', count: 10, score: 1e3 }, { id: 'c', count: '11' }];
    expect(matching('count gt 9', items, widgets)).toEqual(['b']);
    expect(matching('count ge 9', items, widgets)).toEqual(['a', 'b']);
    expect(matching('count eq 10.0', items, widgets)).toEqual(['b']);
    expect(matching('count eq "10"', items, widgets)).toEqual([]);
    expect(matching('score lt 2', items, widgets)).toEqual(['a']);
    expect(matching('score ge 1E3', items, widgets)).toEqual(['b']);
    expect(matching('count co 1', items, widgets)).toEqual([]);
    expect(matching('blob eq "QUJD"', items, widgets)).toEqual(['a']);
  });
});

describe('toInstant (RFC 7643 §2.3.5 xsd:dateTime)', () => {
  it('parses zones, fractions and shorthand forms as UTC instants', () => {
    expect(toInstant('2011-05-13T04:42:34Z')).toBe(Date.UTC(2011, 4, 13, 4, 42, 34));
    expect(toInstant('2011-05-13T04:42:34.5Z')).toBe(Date.UTC(2011, 4, 13, 4, 42, 34, 500));
    expect(toInstant('2011-05-13T04:42:34.123456Z')).toBe(Date.UTC(2011, 4, 13, 4, 42, 34, 123));
    expect(toInstant('2011-05-13T04:42:34.57Z')).toBe(Date.UTC(2011, 4, 13, 4, 42, 34, 570));
    expect(toInstant('2011-05-13T04:42:34-07:30')).toBe(Date.UTC(2011, 4, 13, 12, 12, 34));
    expect(toInstant('2011-05-13T04:42:34')).toBe(Date.UTC(2011, 4, 13, 4, 42, 34));
    expect(toInstant('2011-05-13')).toBe(Date.UTC(2011, 4, 13));
    expect(toInstant('0099-01-01T00:00:00Z')).toBe(new Date('0099-01-01T00:00:00Z').getTime());
    expect(toInstant('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it.each(['', 'yesterday', 'May 13 2011', '2011-13-01', '2011-02-29', '2011-05-13T24:00:00Z', '2011-05-13T04:60:00Z', '2011-05-13T04:42:34+15:00', '2011-05-13T04:42:34+02:61', '1305261754'])(
    'rejects %j',
    (text) => {
      expect(toInstant(text)).toBeUndefined();
    },
  );
});
