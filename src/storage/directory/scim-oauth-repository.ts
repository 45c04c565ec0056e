// SCIM OAuth clients and the access tokens they were issued
// (domain/directory/scim-oauth.ts). The access-token lookup runs on every
// SCIM request made with one: hand-written, like the bearer-token lookup.

import type { Executor } from '../executor.js';
import { preparedQuery } from '../prepared-query.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { ScimAccessTokenLookup, ScimOAuthClientLookup, ScimOAuthStore } from '../../domain/directory/scim-oauth.js';

export function createScimOAuthStore(dialect: SqlDialect): ScimOAuthStore<Executor> {
  const tokenByHash = preparedQuery<ScimAccessTokenLookup>(
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
  const clientById = preparedQuery<ScimOAuthClientLookup>(
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
      await db.insertInto('scim_oauth_clients').values(client).execute();
    },
    findClient: async (db, clientId) => (await clientById(db, [clientId]))[0],
    listClients: (db, teamId) => db.selectFrom('scim_oauth_clients').selectAll().where('team_id', '=', teamId).orderBy('created_at').orderBy('client_id').execute(),
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
      await db.insertInto('scim_oauth_tokens').values(token).execute();
    },
    async deleteExpiredTokens(db, clientId, now) {
      await db.deleteFrom('scim_oauth_tokens').where('client_id', '=', clientId).where('expires_at', '<=', now).execute();
    },
    findToken: async (db, hash) => (await tokenByHash(db, [hash]))[0],
  };
}
