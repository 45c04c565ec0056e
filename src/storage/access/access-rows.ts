// Rows of the access tables ↔ the domain's camelCase records: the only place
// that knows both spellings (domain/access/store.ts, db-types.ts).

import type { Selectable } from 'kysely';
import type { Role } from '../../domain/access/admin-access.js';
import type { AccountRecord, ApiKeyRecord, LinkRecord, SessionRecord, SetupSecretRecord, TeamAdminRecord } from '../../domain/access/store.js';
import type { AdminAccountsTable, AdminSessionsTable, ApiKeysTable, SetupSecretsTable, SignInLinksTable } from '../db-types.js';

export const toAccount = (r: Selectable<AdminAccountsTable>): AccountRecord => ({
  id: r.id,
  email: r.email,
  emailCi: r.email_ci,
  name: r.name,
  createdAt: r.created_at,
  lastSignInAt: r.last_sign_in_at,
});

export const accountRow = (a: AccountRecord): AdminAccountsTable => ({
  id: a.id,
  email: a.email,
  email_ci: a.emailCi,
  name: a.name,
  created_at: a.createdAt,
  last_sign_in_at: a.lastSignInAt,
});

export const toSession = (r: Selectable<AdminSessionsTable>): SessionRecord => ({
  id: r.id,
  accountId: r.account_id,
  tokenHash: r.token_hash,
  csrfToken: r.csrf_token,
  method: r.method,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
  scopeTeamId: r.scope_team_id,
  scopeRole: r.scope_role,
  returnUrl: r.return_url,
});

export const sessionRow = (s: SessionRecord): AdminSessionsTable => ({
  id: s.id,
  account_id: s.accountId,
  token_hash: s.tokenHash,
  csrf_token: s.csrfToken,
  method: s.method,
  created_at: s.createdAt,
  expires_at: s.expiresAt,
  last_seen_at: s.lastSeenAt,
  revoked_at: s.revokedAt,
  scope_team_id: s.scopeTeamId ?? null,
  scope_role: s.scopeRole ?? null,
  return_url: s.returnUrl ?? null,
});

export const toLink = (r: Selectable<SignInLinksTable>): LinkRecord => ({
  id: r.id,
  accountId: r.account_id,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

export const linkRow = (l: LinkRecord): SignInLinksTable => ({
  id: l.id,
  account_id: l.accountId,
  token_hash: l.tokenHash,
  created_at: l.createdAt,
  expires_at: l.expiresAt,
  used_at: l.usedAt,
});

/** A team_roles row joined with its admin_accounts row (team-admins-store.ts selects these columns). */
export interface TeamAdminRow {
  account_id: string;
  email: string;
  name: string | null;
  role: string;
  added_at: string;
  last_sign_in_at: string | null;
}

export const toTeamAdmin = (r: TeamAdminRow): TeamAdminRecord => ({
  accountId: r.account_id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  addedAt: r.added_at,
  lastSignInAt: r.last_sign_in_at,
});

export const toApiKey = (r: Selectable<ApiKeysTable>): ApiKeyRecord => ({
  id: r.id,
  teamId: r.team_id,
  tokenHash: r.token_hash,
  prefix: r.prefix,
  label: r.label,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export const apiKeyRow = (k: ApiKeyRecord): ApiKeysTable => ({
  id: k.id,
  team_id: k.teamId,
  token_hash: k.tokenHash,
  prefix: k.prefix,
  label: k.label,
  created_at: k.createdAt,
  last_used_at: k.lastUsedAt,
  revoked_at: k.revokedAt,
});

export const toSetupSecret = (r: Selectable<SetupSecretsTable>): SetupSecretRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

export const setupSecretRow = (s: SetupSecretRecord): SetupSecretsTable => ({
  id: s.id,
  token_hash: s.tokenHash,
  created_at: s.createdAt,
  expires_at: s.expiresAt,
  used_at: s.usedAt,
});
