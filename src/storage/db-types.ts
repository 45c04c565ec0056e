// Row shapes of every table, for kysely. Where the domain already defines a
// record (its port's type), the row is that type. Timestamps are ISO-8601 UTC strings
// with milliseconds (they sort as text on both dialects); booleans are 0/1.
// `*_ci` columns hold the lower-cased value of a case-insensitive attribute so
// that equality and uniqueness use a plain index.

import type { Generated } from 'kysely';
import type { TeamRecord, TokenRecord } from '../domain/store.js';
import type { AccountRecord, LinkRecord, SessionRecord } from '../domain/admin-access.js';
import type { ApiKeyRecord } from '../domain/api-keys.js';

/** Counters are maintained so an unfiltered list answers totalResults in O(1). */
export type TeamsTable = Omit<TeamRecord, 'plan'> & {
  /** 'free' | 'team' | 'enterprise': SSO and SCIM need 'enterprise'. */
  plan: Generated<string>;
};

/** The secret itself is never stored: `token_hash` is its SHA-256. */
export type ScimTokensTable = TokenRecord;

export interface UsersTable {
  seq: Generated<number>;
  id: string;
  team_id: string;
  user_name: string;
  user_name_ci: string;
  external_id: string | null;
  display_name: string | null;
  active: number;
  created_at: string;
  updated_at: string;
  version: number;
  /** The whole resource as stored (without id, meta, groups), JSON text. */
  resource: string;
}

export interface UserEmailsTable {
  team_id: string;
  user_id: string;
  position: number;
  value: string;
  value_ci: string;
  type: string | null;
  primary: number;
}

export interface GroupsTable {
  seq: Generated<number>;
  id: string;
  team_id: string;
  display_name: string;
  display_name_ci: string;
  external_id: string | null;
  member_count: number;
  created_at: string;
  updated_at: string;
  version: number;
  /** The resource as stored, without id, meta and members, JSON text. */
  resource: string;
}

export interface GroupMembersTable {
  team_id: string;
  group_id: string;
  member_id: string;
  /** 'User' or 'Group' (RFC 7643 §4.2 members.type). */
  member_type: string;
  added_at: string;
}

export interface EventsTable {
  seq: Generated<number>;
  id: string;
  team_id: string;
  type: string;
  occurred_at: string;
  resource_type: string | null;
  resource_id: string | null;
  /** Versioned payload, JSON text. */
  data: string;
}

export type AdminAccountsTable = AccountRecord;

export interface TeamRolesTable {
  team_id: string;
  account_id: string;
  /** 'owner' | 'admin' | 'member' */
  role: string;
  created_at: string;
}

export type AdminSessionsTable = SessionRecord;

export type SignInLinksTable = LinkRecord;

export type ApiKeysTable = ApiKeyRecord;

export interface Database {
  teams: TeamsTable;
  scim_tokens: ScimTokensTable;
  users: UsersTable;
  user_emails: UserEmailsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  events: EventsTable;
  admin_accounts: AdminAccountsTable;
  team_roles: TeamRolesTable;
  admin_sessions: AdminSessionsTable;
  sign_in_links: SignInLinksTable;
  api_keys: ApiKeysTable;
}
