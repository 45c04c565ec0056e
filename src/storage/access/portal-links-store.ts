// Storage for admin portal links (domain/access/portal-links.ts).

import type { PortalLinkStore } from '../../domain/access/portal-links.js';
import type { Storage } from '../database.js';
import type { Executor } from '../executor.js';

export function createPortalLinkStore(storage: Storage): PortalLinkStore<Executor> {
  return {
    db: storage.db,
    async insert(db, link) {
      await db.insertInto('portal_links').values(link).execute();
    },
    findByHash: (db, hash) => db.selectFrom('portal_links').selectAll().where('token_hash', '=', hash).executeTakeFirst(),
    async use(db, id, at) {
      // The `used_at is null` guard makes a link single-use under races.
      const r = await db.updateTable('portal_links').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    listForTeam: (db, teamId, limit) => db.selectFrom('portal_links').selectAll().where('team_id', '=', teamId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute(),
    async recordUse(db, id, accountId, sessionId) {
      await db.updateTable('portal_links').set({ used_by_account_id: accountId, used_session_id: sessionId }).where('id', '=', id).execute();
    },
  };
}
