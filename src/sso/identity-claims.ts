// Where each identity field is found in what IdPs send. The names an admin
// configures come first; then the names Okta, Entra ID and Google Workspace
// use by default (SAML attribute names, or OIDC standard claims), matched
// without regard to case.

import type { AttributeNames, RawIdentity } from '../domain/sso/types.js';

const DEFAULTS: Required<Record<keyof AttributeNames, string[]>> = {
  email: [
    'email',
    'mail',
    'emailaddress',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
    'urn:oid:0.9.2342.19200300.100.1.3',
    'user.email',
  ],
  name: [
    'displayname',
    'http://schemas.microsoft.com/identity/claims/displayname',
    'name',
    'urn:oid:2.16.840.1.113730.3.1.241',
  ],
  groups: ['groups', 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups', 'memberof', 'urn:oid:1.3.6.1.4.1.5923.1.5.1.1'],
};

const GIVEN = ['given_name', 'firstname', 'givenname', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname'];
const FAMILY = ['family_name', 'lastname', 'surname', 'sn', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname'];

function lookup(values: Record<string, unknown>, names: string[]): unknown {
  const byLower = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  for (const name of names) {
    const value = byLower.get(name.toLowerCase());
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

const first = (value: unknown): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

const list = (value: unknown): string[] | undefined => {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
  return items.length ? items : undefined;
};

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The identity in `values` (SAML attributes or OIDC claims); `subject` is the NameID or `sub`. */
export function identityFrom(subject: string, values: Record<string, unknown>, names: AttributeNames, fallbackEmail?: string): RawIdentity {
  const pick = (field: keyof AttributeNames) => lookup(values, [...(names[field] ? [names[field] as string] : []), ...DEFAULTS[field]]);
  const email = first(pick('email')) ?? (fallbackEmail && EMAIL.test(fallbackEmail) ? fallbackEmail : undefined);
  const given = first(lookup(values, GIVEN));
  const family = first(lookup(values, FAMILY));
  const name = first(pick('name')) ?? ([given, family].filter(Boolean).join(' ') || undefined);
  const verified = values.email_verified;
  return {
    subject,
    email: email && EMAIL.test(email) ? email : null,
    ...(typeof verified === 'boolean' ? { emailVerified: verified } : verified === 'false' ? { emailVerified: false } : {}),
    ...(name ? { name } : {}),
    ...(list(pick('groups')) ? { groups: list(pick('groups')) } : {}),
    attributes: values,
  };
}
