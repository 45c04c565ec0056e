// The claims Rollcall's provider asserts about a member (OIDC Core §5.1
// standard claims, plus `groups`/`group_ids` and `team_id`), grouped by the
// scope that releases them (§5.4). The values come from the SCIM resource
// the team's IdP provisioned, never from the upstream sign-in's assertion:
// the directory is the source of truth.

import type { MemberAccount } from '../domain/member-sign-in/store.js';

export const SCOPE_CLAIMS = {
  openid: ['sub', 'team_id'],
  email: ['email', 'email_verified'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  groups: ['groups', 'group_ids'],
} as const;

export const SCOPES = ['openid', 'offline_access', 'email', 'profile', 'groups'] as const;

type Json = Record<string, unknown>;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** The primary email, else the first, else a userName that is an address. */
export function memberEmail(member: MemberAccount): string | undefined {
  const emails = Array.isArray(member.resource.emails) ? (member.resource.emails as Json[]) : [];
  const primary = emails.find((e) => e.primary === true && text(e.value)) ?? emails.find((e) => text(e.value));
  return text(primary?.value) ?? (member.userName.includes('@') ? member.userName : undefined);
}

export function memberClaims(member: MemberAccount): Json {
  const name = (member.resource.name ?? {}) as Json;
  const given = text(name.givenName);
  const family = text(name.familyName);
  const display = text(member.resource.displayName) ?? text(name.formatted) ?? ([given, family].filter(Boolean).join(' ') || undefined);
  const email = memberEmail(member);
  const claims: Json = {
    sub: member.id,
    team_id: member.teamId,
    preferred_username: member.userName,
    groups: member.groups.map((g) => g.displayName),
    group_ids: member.groups.map((g) => g.id),
  };
  if (email) Object.assign(claims, { email, email_verified: true });
  if (display) claims.name = display;
  if (given) claims.given_name = given;
  if (family) claims.family_name = family;
  return claims;
}
