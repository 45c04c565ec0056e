// Row shapes of every table, for kysely: snake_case as in SQL. The domain's
// records are camelCase; storage/<feature>/ maps between the two. Timestamps are ISO-8601 UTC strings
// with milliseconds (they sort as text on both dialects); booleans are 0/1.
// `*_ci` columns hold the lower-cased value of a case-insensitive attribute so
// that equality and uniqueness use a plain index.

import type { Generated } from 'kysely';

/** Counters are maintained so an unfiltered list answers totalResults in O(1). */
export interface TeamsTable {
  id: string;
  slug: string;
  name: string;
  created_at: string;
  user_count: number;
  group_count: number;
  /** 'free' | 'team' | 'enterprise': SSO and SCIM need 'enterprise'. */
  plan: Generated<string>;
  /** The host product's id for the team (migration 0011); unique while set. */
  external_id: string | null;
  /** Soft deletion (migration 0011): invisible everywhere until purged. */
  deleted_at: string | null;
  updated_at: string | null;
}

/** The secret itself is never stored: `token_hash` is its SHA-256. */
export interface ScimTokensTable {
  id: string;
  team_id: string;
  token_hash: string;
  prefix: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  /** When token.expiring was written for this token (it was the team's last active one). */
  expiry_warned_at?: string | null;
}

/** SCIM OAuth clients (migration 0015): `secret_hash` is the SHA-256 of the client secret. */
export interface ScimOAuthClientsTable {
  client_id: string;
  team_id: string;
  secret_hash: string;
  secret_prefix: string;
  label: string | null;
  created_at: string;
  secret_rotated_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Access tokens issued to them, by SHA-256, with their expiry (migration 0015). */
export interface ScimOAuthTokensTable {
  token_hash: string;
  client_id: string;
  team_id: string;
  created_at: string;
  expires_at: string;
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
  /** The Enterprise User department, lower-cased (migration 0013); null when absent. */
  department_ci: string | null;
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
  /** `member_id` again when the member is a user (foreign key to users, ON DELETE CASCADE), else NULL. */
  member_user_id: string | null;
  /** `member_id` again when the member is a group (foreign key to groups, ON DELETE CASCADE), else NULL. */
  member_group_id: string | null;
  /** members.display as the IdP sent it for this membership; null when it sent none. */
  display: string | null;
  /**
   * The member's own `seq` (users.seq or groups.seq), copied at insert
   * (migration 0016): a group's users in the list's default order are a
   * range of the (group_id, member_type, member_seq) index.
   */
  member_seq: number | null;
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
  /** 1, 2, 3… per team in commit order (migration 0005; events-repository.ts). */
  team_seq: number;
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
  method: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  /** A portal link's session (migration 0011): only this team, with `scope_role`; `return_url` is "Back to …". */
  scope_team_id: string | null;
  scope_role: string | null;
  return_url: string | null;
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
  team_id: string | null;
  token_hash: string;
  prefix: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** First-run setup secrets (src/domain/access/setup.ts); only the hash is kept. */
export interface SetupSecretsTable {
  id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** One SSO connection per team (src/domain/sso/connections.ts); configs are JSON text. */
export interface SsoConnectionsTable {
  team_id: string;
  id: string;
  /** 'saml' | 'oidc' (of `config`). */
  kind: string;
  /** 'draft' | 'active' | 'failed' | 'disabled' */
  status: string;
  /** The configuration in effect (the one admins sign in with once active). */
  config: string;
  /** An edit of an active connection, waiting for a successful test. */
  pending_config: string | null;
  config_revision: number;
  created_at: string;
  updated_at: string;
  activated_at: string | null;
  activated_by: string | null;
  activated_by_email: string | null;
  disabled_at: string | null;
  last_test_at: string | null;
  /** 'ok' | 'failed' */
  last_test_result: string | null;
  last_test_reason: string | null;
  last_test_detail: string | null;
  last_test_by_email: string | null;
  /** JSON: who the IdP said signed in at the last test (src/domain/sso/test-identity.ts). */
  last_test_identity: string | null;
}

/** Sign-ins in flight: SAML AuthnRequest ids, OIDC state with its nonce and PKCE verifier. */
export interface SsoRequestsTable {
  id: string;
  team_id: string;
  kind: string;
  /** 'test' | 'admin' | 'member' */
  purpose: string;
  config_revision: number;
  /** 1: the test is of the pending configuration. */
  use_pending: number;
  nonce: string | null;
  code_verifier: string | null;
  return_to: string | null;
  interaction_id: string | null;
  initiated_by: string | null;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

/** SAML assertion ids already used, kept until the assertion expires (replay refusal). */
export interface SsoAssertionsTable {
  team_id: string;
  assertion_id: string;
  consumed_at: string;
  expires_at: string;
}

/** The last `events.team_seq` handed out per team; its row lock orders a team's commits. */
export interface EventStreamsTable {
  team_id: string;
  last_seq: number;
}

/** The signing secret is stored as is: HMAC needs it, so it cannot be hashed. */
export interface WebhookEndpointsTable {
  id: string;
  team_id: string;
  url: string;
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  /** JSON array of event types or patterns (`user.*`, `*`). */
  event_types: string;
  enabled: number;
  disabled_reason: string | null;
  disabled_at: string | null;
  cursor_seq: number;
  consecutive_failures: number;
  failing_since: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  team_id: string;
  event_id: string;
  event_seq: number;
  event_type: string;
  /** 'pending' | 'delivered' | 'failed' */
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_response_status: number | null;
  last_error: string | null;
  redelivery_of: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  endpoint_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  /** 'succeeded' | 'failed' */
  outcome: string;
  response_status: number | null;
  response_excerpt: string | null;
  error: string | null;
  /** Which worker made the attempt (instance id), for multi-instance audits. */
  worker: string;
}

/** `request_body` is JSON text with secrets removed. */
export interface ActivityLogTable {
  seq: Generated<number>;
  id: string;
  team_id: string;
  at: string;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
  idp: string;
  operation: string;
  resource_type: string | null;
  resource_id: string | null;
  user_name: string | null;
  summary: string;
  error: string | null;
  error_type: string | null;
  auth_failure: string | null;
  probe: string | null;
  request_body: string | null;
  user_agent: string | null;
  request_id: string | null;
}

/** Spend settings of a team (src/domain/spend); amounts are minor units, NULL is "none". */
export interface SpendSettingsTable {
  team_id: string;
  currency: string;
  default_limit: number | null;
  team_cap: number | null;
  /** 'monthly' | 'weekly' | 'daily' */
  period_kind: string;
  period_anchor: number;
  updated_at: string;
  /** 'hard' | 'soft'; NULL: hard. */
  default_mode: string | null;
  team_cap_mode: string | null;
  /** JSON list of alert thresholds; NULL: none. */
  alert_thresholds: string | null;
  /** Dynamic cap: amount per active member; NULL: the fixed team_cap. */
  cap_per_member: number | null;
}

/** A per-user limit on a directory group; a NULL amount is an unlimited group. */
export interface SpendGroupLimitsTable {
  group_id: string;
  team_id: string;
  amount: number | null;
  updated_at: string;
  mode: string | null;
}

/** A per-user override set by an admin; a NULL amount is unlimited. */
export interface SpendOverridesTable {
  user_id: string;
  team_id: string;
  amount: number | null;
  updated_at: string;
  mode: string | null;
  /** A temporary override stops applying at this instant; NULL: permanent. */
  expires_at: string | null;
  /** The increase request whose approval set it. */
  request_id: string | null;
}

/** A threshold that fired, once per (team, subject, period, threshold); subject '' is the team cap. */
export interface SpendAlertsTable {
  team_id: string;
  subject_id: string;
  period_start: string;
  threshold: string;
  fired_at: string;
}

/** A member's request for a higher limit. */
export interface SpendIncreaseRequestsTable {
  id: string;
  team_id: string;
  user_id: string;
  amount: number;
  reason: string;
  /** 'pending' | 'approved' | 'denied' */
  status: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decided_by_email: string | null;
  approved_amount: number | null;
  until: string | null;
  note: string | null;
}

/** How many groups with a limit a member is in (multi = 1 when two or more). */
export interface SpendMembersTable {
  user_id: string;
  team_id: string;
  limited_groups: number;
  multi: number;
}

/** Running totals per member per period; `notified` is a bit set of thresholds reported. */
export interface SpendTotalsTable {
  user_id: string;
  period_start: string;
  team_id: string;
  spent: number;
  held: number;
  notified: number;
  /** No hold of this row expires before this instant (null: unknown). */
  next_expiry: string | null;
}

export interface SpendTeamTotalsTable {
  team_id: string;
  period_start: string;
  spent: number;
  held: number;
  notified: number;
}

/** The usage ledger: usage, captures and refunds (negative), idempotent by (team, event id). */
export interface SpendLedgerTable {
  id: string;
  team_id: string;
  user_id: string;
  event_id: string;
  /** 'usage' | 'capture' | 'refund' */
  kind: string;
  amount: number;
  currency: string;
  occurred_at: string;
  recorded_at: string;
  period_start: string;
  metadata: string | null;
  reverses_id: string | null;
  hold_id: string | null;
  request_hash: string;
  refunded: number;
}

export interface SpendHoldsTable {
  id: string;
  team_id: string;
  user_id: string;
  amount: number;
  currency: string;
  period_start: string;
  /** 'active' | 'captured' | 'released' | 'expired' */
  status: string;
  created_at: string;
  expires_at: string;
  settled_at: string | null;
  captured_amount: number | null;
  ledger_id: string | null;
}

/** Who changed which spend setting, when, from what to what (JSON text). */
export interface SpendAuditTable {
  seq: Generated<number>;
  id: string;
  team_id: string;
  at: string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_name: string | null;
  old_value: string | null;
  new_value: string | null;
  affected: number;
  actor_kind: string | null;
}

/** Where a team's setup wizard is (JSON text, src/domain/access/setup-progress.ts). */
export interface TeamSetupProgressTable {
  team_id: string;
  progress: string;
  updated_at: string;
  updated_by: string | null;
}

/** Admin portal links (migration 0011, domain/access/portal-links.ts): stored as a hash, single use. */
export interface PortalLinksTable {
  id: string;
  team_id: string;
  token_hash: string;
  intent: string;
  role: string;
  email: string | null;
  return_url: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by_account_id: string | null;
  used_session_id: string | null;
}

export interface Database {
  portal_links: PortalLinksTable;
  event_streams: EventStreamsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  activity_log: ActivityLogTable;
  teams: TeamsTable;
  scim_tokens: ScimTokensTable;
  scim_oauth_clients: ScimOAuthClientsTable;
  scim_oauth_tokens: ScimOAuthTokensTable;
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
  sso_connections: SsoConnectionsTable;
  sso_requests: SsoRequestsTable;
  sso_assertions: SsoAssertionsTable;
  setup_secrets: SetupSecretsTable;
  team_setup_progress: TeamSetupProgressTable;
  spend_settings: SpendSettingsTable;
  spend_group_limits: SpendGroupLimitsTable;
  spend_overrides: SpendOverridesTable;
  spend_members: SpendMembersTable;
  spend_totals: SpendTotalsTable;
  spend_team_totals: SpendTeamTotalsTable;
  spend_ledger: SpendLedgerTable;
  spend_holds: SpendHoldsTable;
  spend_audit: SpendAuditTable;
  spend_alerts: SpendAlertsTable;
  spend_increase_requests: SpendIncreaseRequestsTable;
  oidc_clients: OidcClientsTable;
  oidc_keys: OidcKeysTable;
  oidc_payloads: OidcPayloadsTable;
}

/** Rollcall as an OpenID Provider (migration 0007-oidc). */
export interface OidcClientsTable {
  client_id: string;
  name: string;
  client_secret: string;
  /** JSON array of strings. */
  redirect_uris: string;
  team_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface OidcKeysTable {
  id: string;
  /** JSON: a private JWK, or a list of cookie keys. */
  value: string;
  created_at: string;
}

export interface OidcPayloadsTable {
  model: string;
  id: string;
  /** What oidc-provider saved, JSON text. */
  payload: string;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  account_id: string | null;
  expires_at: string | null;
  consumed_at: string | null;
}
