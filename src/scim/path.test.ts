import { describe, it, expect } from 'vitest';
import { parseAttrPath, parseAttributeList, parsePatchPath } from './path.js';
import { ScimError } from './errors.js';
import type { ScimType } from './errors.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ENTERPRISE_PREFIX = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0';

function failure(run: () => unknown, scimType: ScimType): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).status).toBe(400);
    expect((error as ScimError).scimType).toBe(scimType);
    return (error as ScimError).message;
  }
  throw new Error('expected a ScimError');
}

describe('parseAttrPath (RFC 7644 §3.10, RFC 7643 §2.1 ATTRNAME)', () => {
  it.each([
    ['userName', { attr: 'userName' }],
    ['name.givenName', { attr: 'name', sub: 'givenName' }],
    ['members.$ref', { attr: 'members', sub: '$ref' }],
    ['x509Certificates', { attr: 'x509Certificates' }],
    ['a_b-c', { attr: 'a_b-c' }],
    [`${ENTERPRISE}:employeeNumber`, { schema: ENTERPRISE, attr: 'employeeNumber' }],
    [`${ENTERPRISE}:manager.value`, { schema: ENTERPRISE, attr: 'manager', sub: 'value' }],
    [`${CORE}:name.givenName`, { schema: CORE, attr: 'name', sub: 'givenName' }],
    ['urn:scim:schemas:core:1.0:userName', { schema: 'urn:scim:schemas:core:1.0', attr: 'userName' }],
    [ENTERPRISE, { schema: ENTERPRISE_PREFIX, attr: 'User' }],
  ])('%s', (text, expected) => {
    expect(parseAttrPath(text)).toStrictEqual(expected);
  });

  it.each(['', ' ', 'a..b', 'a.b.c', '.a', 'a.', '1abc', '-a', 'a b', 'a[b]', 'na$me', '$reff', 'foo:bar', 'urn:', 'urn::a', ':a', `${ENTERPRISE}:`, `${ENTERPRISE}:a.b.c`, 'urn:x:1a'])(
    'rejects %j with invalidPath',
    (text) => {
      expect(failure(() => parseAttrPath(text), 'invalidPath')).toMatch(/is not a valid attribute path/);
    },
  );
});

describe('parsePatchPath (RFC 7644 §3.5.2 PATH = attrPath / valuePath [subAttr])', () => {
  it('parses attribute paths', () => {
    expect(parsePatchPath('members')).toStrictEqual({ path: { attr: 'members' } });
    expect(parsePatchPath('name.familyName')).toStrictEqual({ path: { attr: 'name', sub: 'familyName' } });
    expect(parsePatchPath(`${ENTERPRISE}:manager`)).toStrictEqual({ path: { schema: ENTERPRISE, attr: 'manager' } });
  });

  it('returns a bare schema URN split at its last colon, for the caller to recognise', () => {
    expect(parsePatchPath(ENTERPRISE)).toStrictEqual({ path: { schema: ENTERPRISE_PREFIX, attr: 'User' } });
  });

  it('parses value paths with their filter relative to the element (§3.5.2.2 examples)', () => {
    expect(parsePatchPath('members[value eq "2819c223-7f76-453a-919d-413861904646"]')).toStrictEqual({
      path: { attr: 'members' },
      filter: { kind: 'Compare', path: { attr: 'value' }, op: 'eq', value: '2819c223-7f76-453a-919d-413861904646' },
    });
    expect(parsePatchPath('emails[type eq "work"].value')).toStrictEqual({
      path: { attr: 'emails' },
      filter: { kind: 'Compare', path: { attr: 'type' }, op: 'eq', value: 'work' },
      subAttr: 'value',
    });
    expect(parsePatchPath('addresses[type eq "work"].streetAddress').subAttr).toBe('streetAddress');
    expect(parsePatchPath(`${CORE}:emails[type eq "work" and primary eq true]`)).toStrictEqual({
      path: { schema: CORE, attr: 'emails' },
      filter: {
        kind: 'And',
        left: { kind: 'Compare', path: { attr: 'type' }, op: 'eq', value: 'work' },
        right: { kind: 'Compare', path: { attr: 'primary' }, op: 'eq', value: true },
      },
    });
  });

  it('tolerates brackets inside filter strings and surrounding whitespace', () => {
    expect(parsePatchPath(' members[display eq "a ] b"] ').filter).toStrictEqual({
      kind: 'Compare',
      path: { attr: 'display' },
      op: 'eq',
      value: 'a ] b',
    });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['a..b', /not a valid attribute path/],
    ['emails[type eq "work"', /missing "\]"/],
    ['emails.value[type eq "work"]', /must follow an attribute, not a sub-attribute/],
    ['emails[type eq "work"]value', /expected nothing or "\." and a sub-attribute name/],
    ['emails[type eq "work"].', /expected nothing or "\."/],
    ['emails[type eq "work"].a.b', /expected nothing or "\."/],
    ['emails[type eq "work"]]', /expected nothing or "\."/],
    ['[type eq "work"]', /not a valid attribute path/],
  ])('rejects %j with invalidPath', (text, message) => {
    expect(failure(() => parsePatchPath(text), 'invalidPath')).toMatch(message);
  });

  it.each([
    ['members[]', /expected a filter inside|empty value filter at position 8/],
    ['members[value eq]', /expected a value after "eq" at position 16/],
    ['members[value eq "x]', /unterminated string starting at position 17/],
    ['members[value[x pr]]', /value paths cannot be nested/],
    ['members[members.value eq "x"]', /inside a value filter/],
  ])('rejects a bad filter in %j with invalidFilter', (text, message) => {
    expect(failure(() => parsePatchPath(text), 'invalidFilter')).toMatch(message);
  });
});

describe('parseAttributeList (RFC 7644 §3.4.2.5 attributes / excludedAttributes)', () => {
  it('splits on commas, ignoring whitespace and empty entries', () => {
    expect(parseAttributeList('userName, name.givenName ,emails')).toStrictEqual([
      { attr: 'userName' },
      { attr: 'name', sub: 'givenName' },
      { attr: 'emails' },
    ]);
    expect(parseAttributeList('members')).toStrictEqual([{ attr: 'members' }]);
    expect(parseAttributeList('a,,b,')).toStrictEqual([{ attr: 'a' }, { attr: 'b' }]);
  });

  it('returns [] for an empty parameter', () => {
    expect(parseAttributeList('')).toStrictEqual([]);
    expect(parseAttributeList(' , ')).toStrictEqual([]);
  });

  it('accepts URN-qualified names and a bare extension URN', () => {
    expect(parseAttributeList(`${ENTERPRISE}:employeeNumber,${ENTERPRISE}`)).toStrictEqual([
      { schema: ENTERPRISE, attr: 'employeeNumber' },
      { schema: ENTERPRISE_PREFIX, attr: 'User' },
    ]);
  });

  it('rejects a bad name with invalidPath', () => {
    expect(failure(() => parseAttributeList('userName,a..b'), 'invalidPath')).toMatch(/"a\.\.b"/);
  });

  it('accepts value paths, with their sub-attribute as sub; commas inside a filter do not split', () => {
    const work = { kind: 'Compare', path: { attr: 'type' }, op: 'eq', value: 'work' };
    expect(parseAttributeList('emails[type eq "work"]')).toMatchObject([{ attr: 'emails', filter: work }]);
    expect(parseAttributeList('userName, emails[type eq "work"].value')).toMatchObject([{ attr: 'userName' }, { attr: 'emails', sub: 'value', filter: work }]);
    const [entry, ...rest] = parseAttributeList('emails[value eq "a,b" or type eq "x]"],title');
    expect(entry).toMatchObject({ attr: 'emails', filter: { kind: 'Or' } });
    expect(rest).toStrictEqual([{ attr: 'title' }]);
  });

  it('rejects a malformed value path with invalidPath', () => {
    for (const text of ['emails[type eq "work"', 'emails[type eq]', 'emails[type eq "work"]x', 'name.givenName[type eq "x"]']) {
      failure(() => parseAttributeList(text), 'invalidPath');
    }
  });
});
