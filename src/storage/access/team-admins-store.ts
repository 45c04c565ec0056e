// Storage for a team's admins (team_roles joined with admin_accounts), for
// the owners' admin management (domain/access/team-admins.ts).

import type { TeamAdminsStore } from '../../domain/access/store.js';
import type { Storage } from '../database.js';
import type { Executor } from '../executor.js';
import { createEventsRepository } from '../realtime/events-repository.js';
import { toTeamAdmin } from './access-rows.js';

export function createTeamAdminsStore(storage: Storage): TeamAdminsStore<Executor> {
  const outbox = createEventsRepository();
  const admins = (db: Executor, teamId: string) =>
    db
      .selectFrom('team_roles')
      .innerJoin('admin_accounts', 'admin_accounts.id', 'team_roles.account_id')
      .select(['admin_accounts.id as account_id', 'admin_accounts.email as email', 'admin_accounts.name as name', 'team_roles.role as role', 'team_roles.created_at as added_at', 'admin_accounts.last_sign_in_at as last_sign_in_at'])
      .where('team_roles.team_id', '=', teamId);

  return {
    db: storage.db,
    transaction: (fn) => storage.db.transaction().execute(fn),
    async lockTeam(db, teamId) {
      // Where transactions run concurrently, `no key update` orders admin
      // changes of one team without holding up SCIM writes that insert rows
      // referencing the team (sql-dialect.ts); SQLite needs no lock.
      return storage.sqlDialect.lockRows(db.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId), 'no key update').executeTakeFirst();
    },
    async list(db, teamId) {
      // Owners first, then admins, then members; by email within a role.
      const rows = await admins(db, teamId).orderBy('admin_accounts.email_ci').execute();
      const rank: Record<string, number> = { owner: 0, admin: 1, member: 2 };
      return rows.map(toTeamAdmin).sort((a, b) => (rank[a.role] ?? 3) - (rank[b.role] ?? 3));
    },
    async find(db, teamId, accountId) {
      const row = await admins(db, teamId).where('team_roles.account_id', '=', accountId).executeTakeFirst();
      return row && toTeamAdmin(row);
    },
    async insertRole(db, teamId, accountId, role, at) {
      await db.insertInto('team_roles').values({ team_id: teamId, account_id: accountId, role, created_at: at }).execute();
    },
    async updateRole(db, teamId, accountId, role) {
      await db.updateTable('team_roles').set({ role }).where('team_id', '=', teamId).where('account_id', '=', accountId).execute();
    },
    async deleteRole(db, teamId, accountId) {
      await db.deleteFrom('team_roles').where('team_id', '=', teamId).where('account_id', '=', accountId).execute();
    },
    async countOwners(db, teamId) {
      const row = await db.selectFrom('team_roles').select((eb) => eb.fn.countAll<number>().as('n')).where('team_id', '=', teamId).where('role', '=', 'owner').executeTakeFirstOrThrow();
      return Number(row.n);
    },
    // The shared outbox writer (per-team numbering); called last in each transaction.
    appendEvents: (db, events) => outbox.append(db, events),
  };
}
