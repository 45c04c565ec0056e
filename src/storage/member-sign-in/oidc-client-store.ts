// Storage for the host product's OIDC clients (oidc_clients). Redirect URIs
// are a JSON array; rows are mapped to the domain's camelCase record here.

import type { Insertable, Selectable } from 'kysely';
import type { OidcClientRecord, OidcClientStore } from '../../domain/member-sign-in/store.js';
import type { OidcClientsTable } from '../db-types.js';
import type { Storage } from '../database.js';
import type { Executor } from '../executor.js';

const toRecord = (row: Selectable<OidcClientsTable>): OidcClientRecord => ({
  clientId: row.client_id,
  name: row.name,
  clientSecret: row.client_secret,
  redirectUris: JSON.parse(row.redirect_uris) as string[],
  teamId: row.team_id,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

const toRow = (c: OidcClientRecord): Insertable<OidcClientsTable> => ({
  client_id: c.clientId,
  name: c.name,
  client_secret: c.clientSecret,
  redirect_uris: JSON.stringify(c.redirectUris),
  team_id: c.teamId,
  created_at: c.createdAt,
  revoked_at: c.revokedAt,
});

export function createOidcClientStore(storage: Storage): OidcClientStore<Executor> {
  return {
    db: storage.db,
    async insert(db, client) {
      await db.insertInto('oidc_clients').values(toRow(client)).execute();
    },
    async find(db, clientId) {
      const row = await db.selectFrom('oidc_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
      return row && toRecord(row);
    },
    list: async (db) => (await db.selectFrom('oidc_clients').selectAll().orderBy('created_at').orderBy('client_id').execute()).map(toRecord),
    async revoke(db, clientId, at) {
      const r = await db.updateTable('oidc_clients').set({ revoked_at: at }).where('client_id', '=', clientId).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
