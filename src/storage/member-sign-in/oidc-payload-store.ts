// What oidc-provider persists (its adapter interface: upsert, find,
// findByUid, findByUserCode, consume, destroy, revokeByGrantId), one row per
// (model, id) with the lookup columns pulled out of the payload, plus the
// provider's keys. Times are ISO strings; an expired row is never returned
// and is purged as new ones are written.

import type { OidcKeyStore, OidcPayloadStore, StoredPayload } from '../../domain/member-sign-in/store.js';
import type { Storage } from '../database.js';
import { isUniqueViolation, type Executor } from '../executor.js';

export function createOidcPayloadStore(storage: Storage): OidcPayloadStore {
  const db: Executor = storage.db;
  async function first(column: 'id' | 'uid' | 'user_code', model: string, value: string, now: string): Promise<StoredPayload | undefined> {
    const row = await db
      .selectFrom('oidc_payloads')
      .select(['payload', 'consumed_at'])
      .where('model', '=', model).where(column, '=', value)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
    if (!row) return undefined;
    return { payload: JSON.parse(row.payload) as Record<string, unknown>, consumedAt: row.consumed_at };
  }

  return {
    async upsert(model, id, payload, expiresAt) {
      const values = {
        payload: JSON.stringify(payload),
        grant_id: typeof payload.grantId === 'string' ? payload.grantId : null,
        uid: typeof payload.uid === 'string' ? payload.uid : null,
        user_code: typeof payload.userCode === 'string' ? payload.userCode : null,
        account_id: typeof payload.accountId === 'string' ? payload.accountId : null,
        expires_at: expiresAt,
      };
      await db
        .insertInto('oidc_payloads')
        .values({ model, id, consumed_at: null, ...values })
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(values))
        .execute();
    },
    find: (model, id, now) => first('id', model, id, now),
    findByUid: (model, uid, now) => first('uid', model, uid, now),
    findByUserCode: (model, userCode, now) => first('user_code', model, userCode, now),
    async consume(model, id, at) {
      await db.updateTable('oidc_payloads').set({ consumed_at: at }).where('model', '=', model).where('id', '=', id).execute();
    },
    async destroy(model, id) {
      await db.deleteFrom('oidc_payloads').where('model', '=', model).where('id', '=', id).execute();
    },
    async revokeByGrantId(grantId) {
      await db.deleteFrom('oidc_payloads').where('grant_id', '=', grantId).execute();
    },
    async purgeExpired(before) {
      await db.deleteFrom('oidc_payloads').where('expires_at', '<=', before).execute();
    },
  };
}

export function createOidcKeyStore(storage: Storage): OidcKeyStore {
  const db: Executor = storage.db;
  return {
    /** The stored value, or `create()`'s if none yet; of two instances racing, the first insert wins for both. */
    async getOrCreate(id, create, at) {
      const found = await db.selectFrom('oidc_keys').select('value').where('id', '=', id).executeTakeFirst();
      if (found) return found.value;
      try {
        await db.insertInto('oidc_keys').values({ id, value: create(), created_at: at }).execute();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const stored = await db.selectFrom('oidc_keys').select('value').where('id', '=', id).executeTakeFirstOrThrow();
      return stored.value;
    },
  };
}
