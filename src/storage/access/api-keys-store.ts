// Storage for host-product API keys.

import type { ApiKeyStore } from '../../domain/access/store.js';
import type { Storage } from '../database.js';
import { apiKeyRow, toApiKey } from './access-rows.js';
import type { Executor } from '../executor.js';

export function createApiKeyStore(storage: Storage): ApiKeyStore<Executor> {
  return {
    db: storage.db,
    async insert(db, key) {
      await db.insertInto('api_keys').values(apiKeyRow(key)).execute();
    },
    async findByHash(db, hash) {
      const row = await db.selectFrom('api_keys').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return row && toApiKey(row);
    },
    list: async (db) => (await db.selectFrom('api_keys').selectAll().orderBy('created_at').execute()).map(toApiKey),
    async revoke(db, id, at) {
      const r = await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async touch(db, id, at) {
      await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}
