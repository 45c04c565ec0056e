// SCIM OAuth clients and the access tokens they were issued
// (domain/directory/scim-oauth.ts). Rows are snake_case (db-types.ts); the
// domain's records camelCase (domain/directory/store.ts), mapped here. The
// access-token lookup runs on every SCIM request made with one, and the client
// lookup on every token request: hand-written, like the bearer-token lookup.

import type { Selectable } from 'kysely';
import type { Executor } from '../executor.js';
import { preparedQuery } from '../prepared-query.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { ScimOAuthClientsTable, ScimOAuthTokensTable } from '../db-types.js';
import type { ScimAccessTokenLookup, ScimOAuthClientLookup, ScimOAuthClientRecord, ScimOAuthStore, ScimOAuthTokenRecord } from '../../domain/directory/store.js';

/** The team's gate facts, joined onto both lookups. */
type GateColumns = { team_plan: string; sso_status: string | null; sso_activated_at: string | null };
type ClientLookupRow = Selectable<ScimOAuthClientsTable> & GateColumns;
type TokenLookupRow = Selectable<ScimOAuthTokensTable> & GateColumns & { client_revoked_at: string | null };

const toClient = (r: Selectable<ScimOAuthClientsTable>): ScimOAuthClientRecord => ({
  clientId: r.client_id,
  teamId: r.team_id,
  secretHash: r.secret_hash,
  secretPrefix: r.secret_prefix,
  label: r.label,
  createdAt: r.created_at,
  secretRotatedAt: r.secret_rotated_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

const clientRow = (c: ScimOAuthClientRecord): ScimOAuthClientsTable => ({
  client_id: c.clientId,
  team_id: c.teamId,
  secret_hash: c.secretHash,
  secret_prefix: c.secretPrefix,
  label: c.label,
  created_at: c.createdAt,
  secret_rotated_at: c.secretRotatedAt,
  last_used_at: c.lastUsedAt,
  revoked_at: c.revokedAt,
});

const toToken = (r: Selectable<ScimOAuthTokensTable>): ScimOAuthTokenRecord => ({
  tokenHash: r.token_hash,
  clientId: r.client_id,
  teamId: r.team_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

const tokenRow = (t: ScimOAuthTokenRecord): ScimOAuthTokensTable => ({
  token_hash: t.tokenHash,
  client_id: t.clientId,
  team_id: t.teamId,
  created_at: t.createdAt,
  expires_at: t.expiresAt,
});

const gate = (r: GateColumns) => ({ teamPlan: r.team_plan, ssoStatus: r.sso_status, ssoActivatedAt: r.sso_activated_at });

export function createScimOAuthStore(dialect: SqlDialect): ScimOAuthStore<Executor> {
  const tokenByHash = preparedQuery<TokenLookupRow>(
    dialect,
    'scim_oauth_token_by_hash',
    (param) =>
      `select t.*, cl.revoked_at as client_revoked_at, teams.plan as team_plan, c.status as sso_status, c.activated_at as sso_activated_at
       from scim_oauth_tokens t
       join scim_oauth_clients cl on cl.client_id = t.client_id
       join teams on teams.id = t.team_id
       left join sso_connections c on c.team_id = t.team_id
      where t.token_hash = ${param()}`,
  );
  const clientById = preparedQuery<ClientLookupRow>(
    dialect,
    'scim_oauth_client_by_id',
    (param) =>
      `select cl.*, teams.plan as team_plan, c.status as sso_status, c.activated_at as sso_activated_at
       from scim_oauth_clients cl
       join teams on teams.id = cl.team_id
       left join sso_connections c on c.team_id = cl.team_id
      where cl.client_id = ${param()}`,
  );
  return {
    async insertClient(db, client) {
      await db.insertInto('scim_oauth_clients').values(clientRow(client)).execute();
    },
    async findClient(db, clientId): Promise<ScimOAuthClientLookup | undefined> {
      const row = (await clientById(db, [clientId]))[0];
      return row && { ...toClient(row), ...gate(row) };
    },
    async listClients(db, teamId) {
      return (await db.selectFrom('scim_oauth_clients').selectAll().where('team_id', '=', teamId).orderBy('created_at').orderBy('client_id').execute()).map(toClient);
    },
    async replaceSecret(db, clientId, secret, at) {
      const r = await db
        .updateTable('scim_oauth_clients')
        .set({ secret_hash: secret.hash, secret_prefix: secret.prefix, secret_rotated_at: at })
        .where('client_id', '=', clientId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async revokeClient(db, clientId, at) {
      const r = await db.updateTable('scim_oauth_clients').set({ revoked_at: at }).where('client_id', '=', clientId).where('revoked_at', 'is', null).executeTakeFirst();
      await db.deleteFrom('scim_oauth_tokens').where('client_id', '=', clientId).execute();
      return Number(r.numUpdatedRows) > 0;
    },
    async touchClient(db, clientId, at) {
      await db.updateTable('scim_oauth_clients').set({ last_used_at: at }).where('client_id', '=', clientId).execute();
    },
    async insertToken(db, token) {
      await db.insertInto('scim_oauth_tokens').values(tokenRow(token)).execute();
    },
    async deleteExpiredTokens(db, clientId, now) {
      await db.deleteFrom('scim_oauth_tokens').where('client_id', '=', clientId).where('expires_at', '<=', now).execute();
    },
    async findToken(db, hash): Promise<ScimAccessTokenLookup | undefined> {
      const row = (await tokenByHash(db, [hash]))[0];
      return row && { ...toToken(row), clientRevokedAt: row.client_revoked_at, ...gate(row) };
    },
  };
}
