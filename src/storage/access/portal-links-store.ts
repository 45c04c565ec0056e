// Storage for admin portal links (domain/access/portal-links.ts): rows of
// portal_links mapped to the domain's camelCase record here, nowhere else.

import type { Selectable } from 'kysely';
import type { PortalLinkRecord, PortalLinkStore } from '../../domain/access/portal-links.js';
import type { Storage } from '../database.js';
import type { PortalLinksTable } from '../db-types.js';
import type { Executor } from '../executor.js';

const toPortalLink = (r: Selectable<PortalLinksTable>): PortalLinkRecord => ({
  id: r.id,
  teamId: r.team_id,
  tokenHash: r.token_hash,
  intent: r.intent,
  role: r.role,
  email: r.email,
  returnUrl: r.return_url,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedByAccountId: r.used_by_account_id,
  usedSessionId: r.used_session_id,
});

const portalLinkRow = (l: PortalLinkRecord): PortalLinksTable => ({
  id: l.id,
  team_id: l.teamId,
  token_hash: l.tokenHash,
  intent: l.intent,
  role: l.role,
  email: l.email,
  return_url: l.returnUrl,
  created_by: l.createdBy,
  created_at: l.createdAt,
  expires_at: l.expiresAt,
  used_at: l.usedAt,
  used_by_account_id: l.usedByAccountId,
  used_session_id: l.usedSessionId,
});

export function createPortalLinkStore(storage: Storage): PortalLinkStore<Executor> {
  return {
    db: storage.db,
    async insert(db, link) {
      await db.insertInto('portal_links').values(portalLinkRow(link)).execute();
    },
    async findByHash(db, hash) {
      const row = await db.selectFrom('portal_links').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return row && toPortalLink(row);
    },
    async use(db, id, at) {
      // The `used_at is null` guard makes a link single-use under races.
      const r = await db.updateTable('portal_links').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async listForTeam(db, teamId, limit) {
      const rows = await db.selectFrom('portal_links').selectAll().where('team_id', '=', teamId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toPortalLink);
    },
    async recordUse(db, id, accountId, sessionId) {
      await db.updateTable('portal_links').set({ used_by_account_id: accountId, used_session_id: sessionId }).where('id', '=', id).execute();
    },
  };
}
