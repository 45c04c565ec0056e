// A member's profile as the host product reads it: what the IdP sent for the
// user, flattened from the stored SCIM resource (core attributes, the
// Enterprise User extension, unknown extension blocks as sent) into one
// object whose keys are always present (null, [] or {} when the IdP sent
// nothing). The host API (members), the admin API (users) and the user.*
// event payloads all build it here (docs/integrate.md).

import type { GroupRef, StoredResource, UserRef } from './types.js';
import { ENTERPRISE_USER_URN } from '../../scim/schema/enterprise-user.js';
import { CORE_USER_URN } from '../../scim/schema/core-user.js';

type Json = Record<string, unknown>;

export const NAME_PARTS = ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'] as const;
/** Core single-valued strings copied as they are. */
const CORE_TEXT = ['nickName', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone'] as const;
/** Enterprise User strings copied as they are. */
const ENTERPRISE_TEXT = ['employeeNumber', 'costCenter', 'organization', 'division', 'department'] as const;

export interface MemberManager {
  /** As the IdP sent it (`manager.value`). */
  value: string;
  /** The referenced user's displayName (else userName) when that user is in the team; the IdP cannot set it (RFC 7643 §4.3: read-only). */
  displayName: string | null;
  /** The Rollcall id of the referenced user when it is in the team, else null. */
  id: string | null;
}

export interface MemberProfileFields {
  name: Record<(typeof NAME_PARTS)[number], string | null>;
  nickName: string | null;
  phoneNumbers: Json[];
  title: string | null;
  userType: string | null;
  preferredLanguage: string | null;
  locale: string | null;
  timezone: string | null;
  employeeNumber: string | null;
  costCenter: string | null;
  organization: string | null;
  division: string | null;
  department: string | null;
  manager: MemberManager | null;
  /** Extension blocks the schema does not define, keyed by their URN, as the IdP sent them. */
  extensions: Record<string, Json>;
}

/** Everything, including what the API summaries already carry; the user.* event payloads use it. */
export interface MemberProfile extends MemberProfileFields {
  id: string;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  active: boolean;
  emails: Json[];
  groups: GroupRef[];
  created: string;
  lastModified: string;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

function enterpriseOf(resource: Json): Json {
  const block = resource[ENTERPRISE_USER_URN];
  return isObject(block) ? block : {};
}

/** The manager reference (`manager.value`) the user's resource holds, if any. */
export function managerRefOf(user: StoredResource): string | undefined {
  const manager = enterpriseOf(user.resource).manager;
  const value = isObject(manager) ? manager.value : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The manager references of several users, for one resolveRefs call. */
export function managerRefsOf(users: StoredResource[]): string[] {
  return [...new Set(users.map(managerRefOf).filter((ref): ref is string => ref !== undefined))];
}

/** The profile attributes beyond the API summaries' fields. `managers`: resolveRefs of managerRefsOf. */
export function memberProfileFields(user: StoredResource, managers: ReadonlyMap<string, UserRef>): MemberProfileFields {
  const r = user.resource;
  const name = isObject(r.name) ? r.name : {};
  const enterprise = enterpriseOf(r);
  const ref = managerRefOf(user);
  const resolved = ref === undefined ? undefined : managers.get(ref);
  const extensions: Record<string, Json> = {};
  for (const [key, value] of Object.entries(r)) {
    const lower = key.toLowerCase();
    if (!key.includes(':') || lower === ENTERPRISE_USER_URN.toLowerCase() || lower === CORE_USER_URN.toLowerCase() || !isObject(value)) continue;
    extensions[key] = value;
  }
  const out = {
    name: Object.fromEntries(NAME_PARTS.map((part) => [part, text(name[part])])),
    nickName: null,
    phoneNumbers: objects(r.phoneNumbers),
    title: null,
    userType: null,
    preferredLanguage: null,
    locale: null,
    timezone: null,
    employeeNumber: null,
    costCenter: null,
    organization: null,
    division: null,
    department: null,
    manager: ref === undefined ? null : { value: ref, displayName: resolved ? (resolved.displayName ?? resolved.userName) : null, id: resolved?.id ?? null },
    extensions,
  } as MemberProfileFields;
  for (const key of CORE_TEXT) out[key] = text(r[key]);
  for (const key of ENTERPRISE_TEXT) out[key] = text(enterprise[key]);
  return out;
}

/** The whole profile (the user.* event payloads' `profile`). */
export function memberProfile(user: StoredResource, groups: GroupRef[], managers: ReadonlyMap<string, UserRef>): MemberProfile {
  const r = user.resource;
  return {
    id: user.id,
    userName: String(r.userName),
    externalId: text(r.externalId),
    displayName: text(r.displayName),
    active: r.active !== false,
    emails: objects(r.emails),
    groups: groups.map((g) => ({ id: g.id, displayName: g.displayName })),
    ...memberProfileFields(user, managers),
    created: user.created,
    lastModified: user.lastModified,
  };
}
