// How each IdP talks when it provisions a directory: its headers, the test
// connection call, how it looks a user or group up before creating it, and
// the body shapes it sends (after the recordings in test/fixtures/idp).

import { randomUUID } from 'node:crypto';
import type { DirectoryGroup, Person } from './directory.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
/** The extra schema Entra lists when it creates a group (entra.json, create-group). */
const ENTRA_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

export interface IdpProfile {
  name: string;
  headers: Record<string, string>;
  testConnectionPath(): string;
  findUserPath(userName: string): string;
  findGroupPath(displayName: string): string;
  userBody(p: Person): unknown;
  groupBody(g: DirectoryGroup): unknown;
  addMembersBody(ids: string[]): unknown;
}

const quoted = (value: string) => encodeURIComponent(`"${value}"`);

const okta: IdpProfile = {
  name: 'Okta',
  headers: { Accept: 'application/scim+json', 'Content-Type': 'application/scim+json; charset=utf-8', 'User-Agent': 'Okta SCIM Client 1.0.0' },
  testConnectionPath: () => '/Users?startIndex=1&count=2',
  findUserPath: (userName) => `/Users?filter=userName%20eq%20${quoted(userName)}&startIndex=1&count=100`,
  findGroupPath: (displayName) => `/Groups?filter=displayName%20eq%20${quoted(displayName)}&startIndex=1&count=100`,
  userBody: (p) => ({
    schemas: [USER],
    userName: p.userName,
    name: { givenName: p.givenName, familyName: p.familyName },
    emails: [{ primary: true, value: p.email, type: 'work' }],
    displayName: p.displayName,
    title: p.title,
    locale: 'en-US',
    externalId: p.externalId,
    groups: [],
    active: true,
  }),
  groupBody: (g) => ({ schemas: [GROUP], displayName: g.displayName, members: [] }),
  addMembersBody: (ids) => ({ schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }] }),
};

const entra: IdpProfile = {
  name: 'Entra ID',
  headers: { 'Content-Type': 'application/scim+json' },
  testConnectionPath: () => `/Users?filter=userName+eq+%22${randomUUID()}%22`,
  findUserPath: (userName) => `/Users?filter=userName+eq+${quoted(userName).replace(/%20/g, '+')}`,
  findGroupPath: (displayName) => `/Groups?excludedAttributes=members&filter=displayName+eq+${quoted(displayName).replace(/%20/g, '+')}`,
  userBody: (p) => ({
    schemas: [USER, ENTERPRISE],
    externalId: p.externalId,
    userName: p.userName,
    active: true,
    displayName: p.displayName,
    title: p.title,
    emails: [{ primary: true, type: 'work', value: p.email }],
    meta: { resourceType: 'User' },
    name: { formatted: p.displayName, familyName: p.familyName, givenName: p.givenName },
    [ENTERPRISE]: { employeeNumber: p.employeeNumber, department: p.department },
    roles: [],
  }),
  groupBody: (g) => ({ schemas: [GROUP, ENTRA_GROUP], externalId: g.externalId, displayName: g.displayName, meta: { resourceType: 'Group' } }),
  addMembersBody: (ids) => ({ schemas: [PATCH], Operations: [{ op: 'Add', path: 'members', value: ids.map((value) => ({ $ref: null, value })) }] }),
};

export const IDP_PROFILES: Record<string, IdpProfile> = { okta, entra };
