// Storage for first-run setup secrets and the setup wizard's place per team.

import type { SetupProgressStore, SetupStore } from '../../domain/access/store.js';
import type { Storage } from '../database.js';
import { setupSecretRow, toSetupSecret } from './access-rows.js';
import type { Executor } from '../executor.js';

export function createSetupStore(storage: Storage): SetupStore<Executor> {
  return {
    db: storage.db,
    transaction: (fn) => storage.db.transaction().execute(fn),
    async insert(db, secret) {
      await db.insertInto('setup_secrets').values(setupSecretRow(secret)).execute();
    },
    async findByHash(db, hash) {
      const row = await db.selectFrom('setup_secrets').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return row && toSetupSecret(row);
    },
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

/** The setup wizard's place per team (src/domain/access/setup-progress.ts). */
export function createSetupProgressStore(storage: Storage): SetupProgressStore {
  const db = storage.db;
  return {
    find: (teamId) =>
      db.selectFrom('team_setup_progress').select(['progress', 'updated_at as updatedAt', 'updated_by as updatedBy']).where('team_id', '=', teamId).executeTakeFirst(),
    async save(teamId, progress, at, by) {
      await db
        .insertInto('team_setup_progress')
        .values({ team_id: teamId, progress, updated_at: at, updated_by: by })
        .onConflict((oc) => oc.column('team_id').doUpdateSet({ progress, updated_at: at, updated_by: by }))
        .execute();
    },
  };
}
