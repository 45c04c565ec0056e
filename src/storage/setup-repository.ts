// Storage for first-run setup secrets.

import type { SetupStore } from '../domain/setup.js';
import type { Storage } from './database.js';
import type { Executor } from './executor.js';

export function createSetupStore(storage: Storage): SetupStore<Executor> {
  return {
    db: storage.db,
    transaction: (fn) => storage.db.transaction().execute(fn),
    async insert(db, secret) {
      await db.insertInto('setup_secrets').values(secret).execute();
    },
    findByHash: (db, hash) => db.selectFrom('setup_secrets').selectAll().where('token_hash', '=', hash).executeTakeFirst(),
    async consumeAll(db, at) {
      // Every unused secret goes at once: of two concurrent redemptions, the
      // second finds nothing left to consume (its UPDATE waits for the first).
      const rows = await db.updateTable('setup_secrets').set({ used_at: at }).where('used_at', 'is', null).where('expires_at', '>', at).returning('id').execute();
      return rows.map((r) => r.id);
    },
    async release(db, ids) {
      if (ids.length === 0) return;
      await db.updateTable('setup_secrets').set({ used_at: null }).where('id', 'in', ids).execute();
    },
    async countTeams(db) {
      const row = await db.selectFrom('teams').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
