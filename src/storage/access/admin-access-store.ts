// Storage for admin accounts, team roles, sign-in links and sessions.

import type { Role } from '../../domain/access/admin-access.js';
import type { AdminAccessStore, TeamRoleView } from '../../domain/access/store.js';
import type { Storage } from '../database.js';
import { accountRow, linkRow, sessionRow, toAccount, toLink, toSession } from './access-rows.js';
import type { Executor } from '../executor.js';

export function createAdminAccessStore(storage: Storage): AdminAccessStore<Executor> {
  return {
    db: storage.db,
    transaction: (fn) => storage.db.transaction().execute(fn),
    async findAccountByEmail(db, emailCi) {
      const row = await db.selectFrom('admin_accounts').selectAll().where('email_ci', '=', emailCi).executeTakeFirst();
      return row && toAccount(row);
    },
    async findAccount(db, id) {
      const row = await db.selectFrom('admin_accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAccount(row);
    },
    async insertAccount(db, account) {
      await db.insertInto('admin_accounts').values(accountRow(account)).execute();
    },
    async touchAccountSignIn(db, id, at) {
      await db.updateTable('admin_accounts').set({ last_sign_in_at: at }).where('id', '=', id).execute();
    },
    async setRole(db, teamId, accountId, role, at) {
      await db
        .insertInto('team_roles')
        .values({ team_id: teamId, account_id: accountId, role, created_at: at })
        .onConflict((oc) => oc.columns(['team_id', 'account_id']).doUpdateSet({ role }))
        .execute();
    },
    async roleIn(db, teamId, accountId) {
      const row = await db.selectFrom('team_roles').select('role').where('team_id', '=', teamId).where('account_id', '=', accountId).executeTakeFirst();
      return row?.role as Role | undefined;
    },
    async teamsOf(db, accountId): Promise<TeamRoleView[]> {
      const rows = await db
        .selectFrom('team_roles')
        .innerJoin('teams', 'teams.id', 'team_roles.team_id')
        .select(['teams.id as teamId', 'teams.slug as slug', 'teams.name as name', 'teams.plan as plan', 'team_roles.role as role'])
        .where('team_roles.account_id', '=', accountId)
        .where('teams.deleted_at', 'is', null)
        .orderBy('teams.name')
        .execute();
      return rows.map((r) => ({ ...r, role: r.role as Role }));
    },
    async insertLink(db, link) {
      await db.insertInto('sign_in_links').values(linkRow(link)).execute();
    },
    async findLinkByHash(db, hash) {
      const row = await db.selectFrom('sign_in_links').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return row && toLink(row);
    },
    async useLink(db, id, at) {
      // The `used_at is null` guard makes redemption single-use under races.
      const r = await db.updateTable('sign_in_links').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async insertSession(db, session) {
      await db.insertInto('admin_sessions').values(sessionRow(session)).execute();
    },
    async findSessionByHash(db, hash) {
      const row = await db.selectFrom('admin_sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return row && toSession(row);
    },
    async touchSession(db, id, at) {
      await db.updateTable('admin_sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    listSessions: async (db, accountId) => (await db.selectFrom('admin_sessions').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').execute()).map(toSession),
    async revokeSession(db, id, accountId, at) {
      const r = await db
        .updateTable('admin_sessions')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
