// What the identity provider returned at an SSO test sign-in (issue 14): who
// signed in and the claims (OIDC) or attributes (SAML) it sent, kept on the
// connection so the admin sees what the IdP really says — and is warned
// loudly when the identity is not an admin of the team. Such a test still
// activates SSO (the IdP answered correctly, which is what the test proves);
// the warning tells the admin that a stranger's account completed it.

import type { RawIdentity } from './types.js';

export interface TestIdentity {
  /** SAML NameID or OIDC `sub`. */
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  name: string | null;
  groups: string[];
  /** Every claim or attribute the IdP sent, values as text (long ones cut). */
  attributes: { name: string; value: string }[];
  /** SAML: the NameID and its Format as the assertion gave them; null for OIDC. */
  nameId: string | null;
  nameIdFormat: string | null;
  /** The identity's role in the team, or null: not a team admin. */
  teamRole: string | null;
}

/** Token bookkeeping, not facts about the person. */
const PROTOCOL_CLAIMS = new Set(['iss', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'at_hash', 'c_hash', 's_hash', 'auth_time', 'azp', 'sid', 'jti']);
const MAX_ATTRIBUTES = 40;
const MAX_VALUE = 200;
const MAX_GROUPS = 50;

function asText(value: unknown): string {
  const text = typeof value === 'string' ? value : Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : JSON.stringify(value) ?? '';
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

export function testIdentity(raw: RawIdentity, teamRole: string | null): TestIdentity {
  return {
    subject: raw.subject,
    email: raw.email,
    emailVerified: raw.emailVerified ?? null,
    name: raw.name ?? null,
    groups: (raw.groups ?? []).slice(0, MAX_GROUPS),
    attributes: Object.entries(raw.attributes)
      .filter(([name]) => !PROTOCOL_CLAIMS.has(name))
      .slice(0, MAX_ATTRIBUTES)
      .map(([name, value]) => ({ name, value: asText(value) })),
    nameId: raw.nameId ?? null,
    nameIdFormat: raw.nameIdFormat ?? null,
    teamRole,
  };
}
