import { describe, it, expect } from 'vitest';
import { checkFilter } from './check-filter.js';
import { parseFilter } from './parse-filter.js';
import { createRegistry } from '../schema/registry.js';
import { ScimError } from '../errors.js';
import type { ResourceSchema } from '../schema/types.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const { user, group } = createRegistry();

function rejection(text: string, schema: ResourceSchema = user): string {
  try {
    checkFilter(parseFilter(text), schema);
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).status).toBe(400);
    expect((error as ScimError).scimType).toBe('invalidFilter');
    return (error as ScimError).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('RFC 7644 §3.4.2.2 example filters pass the checks', () => {
  it.each([
    'userName eq "bjensen"',
    `name.familyName co "O'Malley"`,
    'userName sw "J"',
    `${CORE}:userName sw "J"`,
    'title pr',
    'meta.lastModified gt "2011-05-13T04:42:34Z"',
    'meta.lastModified ge "2011-05-13T04:42:34Z"',
    'meta.lastModified lt "2011-05-13T04:42:34Z"',
    'meta.lastModified le "2011-05-13T04:42:34Z"',
    'title pr and userType eq "Employee"',
    'title pr or userType eq "Intern"',
    `schemas eq "${ENTERPRISE}"`,
    'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    'userType eq "Employee" and (emails.type eq "work")',
    'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
  ])('%s', (text) => {
    expect(() => checkFilter(parseFilter(text), user)).not.toThrow();
  });
});

describe('filters real IdPs send pass the checks', () => {
  it.each([
    'username Eq "x"',
    'USERNAME eq "x"',
    'externalId eq "00u1abcd"',
    'id eq "2819c223"',
    'emails[type eq "work"].value eq "x@example.com"',
    'emails[TYPE eq "work"].VALUE eq "x@example.com"',
    `${ENTERPRISE}:manager.value eq "26118915"`,
    `${ENTERPRISE.toLowerCase()}:employeeNumber eq "701984"`,
    'userName eq jdoe',
    'userName eq 12345',
    'active eq true and meta.created pr',
    'name pr and not (emails pr)',
    'title eq null',
    'profileUrl sw "https://"',
    'x509Certificates eq "QUJD"',
    'meta.created ge "2011-05-13"',
  ])('%s', (text) => {
    expect(() => checkFilter(parseFilter(text), user)).not.toThrow();
  });

  it('accepts group filters (Entra `displayName eq`, Okta member lookups)', () => {
    for (const text of ['displayName eq "Tour Guides"', 'members[value eq "u1"]', 'members.value eq "u1"', 'members eq "u1"']) {
      expect(() => checkFilter(parseFilter(text), group)).not.toThrow();
    }
  });
});

describe('RFC 7644 §3.4.2.2 filters that name nothing or misuse an operator are invalidFilter', () => {
  it.each([
    ['favouriteColour eq "blue"', /"favouriteColour" is not an attribute of User resources/],
    ['name.nickName eq "x"', /"name.nickName" is not an attribute/],
    ['employeeNumber eq "1"', /"employeeNumber" is not an attribute/],
    ['urn:example:unknown:foo eq "1"', /is not an attribute/],
    ['emails[kind eq "work"]', /"kind" is not a sub-attribute of "emails"/],
    ['emails[type eq "work"].address eq "x"', /"address" is not a sub-attribute of "emails"/],
    ['title pr and favouriteColour pr', /"favouriteColour" is not an attribute/],
    ['not (favouriteColour pr)', /"favouriteColour" is not an attribute/],
    ['userName[value eq "x"]', /"userName" is a string attribute, so it cannot take a value filter/],
    ['active gt false', /"gt" cannot be used on the boolean attribute "active"/],
    ['active le true', /"le" cannot be used on the boolean attribute "active"/],
    ['emails[primary ge true]', /"ge" cannot be used on the boolean attribute "primary"/],
    ['x509Certificates.value lt "QUJD"', /"lt" cannot be used on the binary attribute "x509Certificates.value"/],
    ['x509Certificates gt "QUJD"', /"gt" cannot be used on the binary attribute "x509Certificates"/],
    ['x509Certificates co "QUJD"', /"co" needs a string attribute/],
    ['active co "t"', /"co" needs a string attribute, and "active" is a boolean/],
    ['meta.created sw "2011"', /"sw" needs a string attribute, and "meta.created" is a dateTime/],
    ['emails[primary ew "e"]', /"ew" needs a string attribute/],
    ['meta.lastModified gt "yesterday"', /"meta.lastModified" is a dateTime: compare it with a date string/],
    ['meta.lastModified eq 1305261754', /is a dateTime/],
    ['meta.lastModified gt "2011-02-30T00:00:00Z"', /is a dateTime/],
    ['active eq "False"', /"active" is a boolean: compare it with true or false, not "False"/],
    ['active eq 1', /"active" is a boolean/],
    ['title gt null', /only eq and ne compare with null/],
    ['title co null', /only eq and ne compare with null/],
    ['name eq "Barbara"', /"name" is a complex attribute without a "value": compare one of its sub-attributes/],
  ])('%s', (text, message) => {
    expect(rejection(text)).toMatch(message);
  });

  it('checks against the resource type it is given', () => {
    expect(rejection('userName eq "x"', group)).toMatch(/"userName" is not an attribute of Group resources/);
    expect(rejection(`${ENTERPRISE}:employeeNumber eq "1"`, group)).toMatch(/is not an attribute of Group/);
    expect(rejection('members[display co "x"] and members[nickname pr]', group)).toMatch(
      /"nickname" is not a sub-attribute of "members"/,
    );
  });

  it('refuses a nested value filter built by hand', () => {
    const inner = parseFilter('emails[type eq "work"]');
    expect(() => checkFilter({ kind: 'ValuePath', path: { attr: 'emails' }, filter: inner }, user)).toThrow(
      /cannot be nested/,
    );
  });
});
