// Storage for the host product's OIDC clients (oidc_clients). Redirect URIs
// are a JSON array.

import type { Selectable } from 'kysely';
import type { OidcClientRecord, OidcClientStore } from '../../domain/member-sign-in/store.js';
import type { OidcClientsTable } from '../db-types.js';
import type { Storage } from '../database.js';
import type { Executor } from '../executor.js';

const toRecord = (row: Selectable<OidcClientsTable>): OidcClientRecord => ({ ...row, redirect_uris: JSON.parse(row.redirect_uris) as string[] });

export function createOidcClientStore(storage: Storage): OidcClientStore<Executor> {
  return {
    db: storage.db,
    async insert(db, row) {
      await db.insertInto('oidc_clients').values({ ...row, redirect_uris: JSON.stringify(row.redirect_uris) }).execute();
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
