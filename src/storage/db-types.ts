// Row shapes of every table, for kysely. Timestamps are ISO-8601 UTC strings
// with milliseconds (they sort as text on both dialects); booleans are 0/1.
// `*_ci` columns hold the lower-cased value of a case-insensitive attribute so
// that equality and uniqueness use a plain index.

import type { Generated } from 'kysely';

export interface TeamsTable {
  id: string;
  slug: string;
  name: string;
  created_at: string;
  /** Maintained counters, so an unfiltered list answers totalResults in O(1). */
  user_count: number;
  group_count: number;
  /** 'free' | 'team' | 'enterprise': SSO and SCIM need 'enterprise'. */
  plan: Generated<string>;
}

export interface ScimTokensTable {
  id: string;
  team_id: string;
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  token_hash: string;
  /** The first characters of the secret, to tell tokens apart in lists. */
  prefix: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

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

export interface AdminAccountsTable {
  id: string;
  email: string;
  email_ci: string;
  name: string | null;
  created_at: string;
  last_sign_in_at: string | null;
}

export interface TeamRolesTable {
  team_id: string;
  account_id: string;
  /** 'owner' | 'admin' | 'member' */
  role: string;
  created_at: string;
}

export interface AdminSessionsTable {
  id: string;
  account_id: string;
  token_hash: string;
  csrf_token: string;
  /** How the session was opened: 'link' or 'sso'. */
  method: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

export interface SignInLinksTable {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ApiKeysTable {
  id: string;
  /** Null: the key serves every team (the host product's own key). */
  team_id: string | null;
  token_hash: string;
  prefix: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

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
