// Storage for the team lifecycle (domain/directory/team-lifecycle.ts): the
// host API's keyset page, updates, soft deletion and the purge.

import type { TeamLifecycleStore } from '../../domain/directory/team-lifecycle.js';
import type { Executor } from '../executor.js';
import { toTeam } from './teams-repository.js';

/**
 * Tables whose rows name a team without a foreign key to it: the purge
 * deletes them by team_id. Every other table reaches teams through a foreign
 * key with ON DELETE CASCADE and goes with the team row.
 */
const UNKEYED_TEAM_TABLES = [
  'events',
  'event_streams',
  'activity_log',
  'webhook_deliveries',
  'spend_holds',
  'spend_ledger',
  'spend_totals',
  'spend_team_totals',
  'spend_members',
  'spend_overrides',
  'spend_group_limits',
  'spend_audit',
  // Migration 0014 (spend controls).
  'spend_alerts',
  'spend_increase_requests',
] as const;

export function createTeamLifecycleStore(): TeamLifecycleStore<Executor> {
  return {
    async page(db, query) {
      let q = db.selectFrom('teams').selectAll().where('deleted_at', 'is', null);
      if (query.externalId !== undefined) q = q.where('external_id', '=', query.externalId);
      if (query.slug !== undefined) q = q.where('slug', '=', query.slug);
      const after = query.after;
      if (after) {
        q = q.where((eb) => eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]));
      }
      return (await q.orderBy('created_at').orderBy('id').limit(query.limit).execute()).map(toTeam);
    },
    async update(db, id, changes, at) {
      const { externalId, ...rest } = changes;
      const r = await db
        .updateTable('teams')
        .set({ ...rest, ...(externalId !== undefined ? { external_id: externalId } : {}), updated_at: at })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async markDeleted(db, id, at) {
      // '~' never appears in a slug, so the tombstone cannot collide with a live team's.
      const r = await db
        .updateTable('teams')
        .set({ deleted_at: at, updated_at: at, slug: `~${id}`, external_id: null })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async revokeCredentials(db, teamId, at) {
      const tokens = await db.updateTable('scim_tokens').set({ revoked_at: at }).where('team_id', '=', teamId).where('revoked_at', 'is', null).executeTakeFirst();
      const keys = await db.updateTable('api_keys').set({ revoked_at: at }).where('team_id', '=', teamId).where('revoked_at', 'is', null).executeTakeFirst();
      // The team's SCIM OAuth clients (migration 0015) go too: their access tokens stop with them.
      await db.updateTable('scim_oauth_clients').set({ revoked_at: at }).where('team_id', '=', teamId).where('revoked_at', 'is', null).execute();
      const sessions = await db.updateTable('admin_sessions').set({ revoked_at: at }).where('scope_team_id', '=', teamId).where('revoked_at', 'is', null).executeTakeFirst();
      return { scimTokens: Number(tokens.numUpdatedRows), apiKeys: Number(keys.numUpdatedRows), sessions: Number(sessions.numUpdatedRows) };
    },
    async deletedBefore(db, before) {
      const rows = await db.selectFrom('teams').select('id').where('deleted_at', 'is not', null).where('deleted_at', '<', before).execute();
      return rows.map((r) => r.id);
    },
    async purge(db, teamId) {
      for (const table of UNKEYED_TEAM_TABLES) await db.deleteFrom(table).where('team_id', '=', teamId).execute();
      await db.deleteFrom('teams').where('id', '=', teamId).where('deleted_at', 'is not', null).execute();
    },
  };
}
