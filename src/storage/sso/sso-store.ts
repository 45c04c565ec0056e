// Storage for SSO connections, sign-in requests and consumed SAML
// assertions. Configurations are JSON text; booleans are 0/1.

import type { Selectable } from 'kysely';
import type { SsoConnectionRecord, SsoRequestRecord, SsoStore } from '../../domain/sso/store.js';
import type { SsoConnectionsTable, SsoRequestsTable } from '../db-types.js';
import type { Storage } from '../database.js';
import type { Executor } from '../executor.js';
import { createEventsRepository } from '../realtime/events-repository.js';

function toConnection(row: Selectable<SsoConnectionsTable>): SsoConnectionRecord {
  return {
    ...row,
    config: JSON.parse(row.config),
    pending_config: row.pending_config ? JSON.parse(row.pending_config) : null,
    last_test_identity: row.last_test_identity ? JSON.parse(row.last_test_identity) : null,
  } as SsoConnectionRecord;
}

function fromConnection(changes: Partial<SsoConnectionRecord>): Partial<SsoConnectionsTable> {
  const { config, pending_config, last_test_identity, ...rest } = changes;
  return {
    ...rest,
    ...(config !== undefined ? { config: JSON.stringify(config) } : {}),
    ...(pending_config !== undefined ? { pending_config: pending_config === null ? null : JSON.stringify(pending_config) } : {}),
    ...(last_test_identity !== undefined ? { last_test_identity: last_test_identity === null ? null : JSON.stringify(last_test_identity) } : {}),
  };
}

const toRequest = (row: Selectable<SsoRequestsTable>): SsoRequestRecord => ({ ...row, use_pending: row.use_pending === 1 }) as SsoRequestRecord;

export function createSsoStore(storage: Storage): SsoStore<Executor> {
  const outbox = createEventsRepository();
  return {
    db: storage.db,
    transaction: (fn) => storage.db.transaction().execute(fn),
    findTeam: (db, teamId) => db.selectFrom('teams').select(['id', 'plan']).where('id', '=', teamId).executeTakeFirst(),
    async findConnection(db, teamId) {
      const row = await db.selectFrom('sso_connections').selectAll().where('team_id', '=', teamId).executeTakeFirst();
      return row && toConnection(row);
    },
    async insertConnection(db, row) {
      await db.insertInto('sso_connections').values(fromConnection(row) as SsoConnectionsTable).execute();
    },
    async updateConnection(db, teamId, expected, changes) {
      const r = await db
        .updateTable('sso_connections')
        .set(fromConnection(changes))
        .where('team_id', '=', teamId)
        .where('config_revision', '=', expected.revision)
        .where('status', '=', expected.status)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async insertRequest(db, row) {
      await db.insertInto('sso_requests').values({ ...row, use_pending: row.use_pending ? 1 : 0 }).execute();
    },
    async findRequest(db, teamId, id) {
      const row = await db.selectFrom('sso_requests').selectAll().where('id', '=', id).where('team_id', '=', teamId).executeTakeFirst();
      return row && toRequest(row);
    },
    async consumeRequest(db, id, at) {
      const r = await db.updateTable('sso_requests').set({ consumed_at: at }).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async consumeAssertion(db, teamId, assertionId, at, expiresAt) {
      // The primary key settles two instances receiving the same response at once.
      const r = await db
        .insertInto('sso_assertions')
        .values({ team_id: teamId, assertion_id: assertionId, consumed_at: at, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['team_id', 'assertion_id']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async purgeExpired(db, before) {
      // Requests are kept a day past expiry, so a late response still gets "expired" rather than "unknown".
      const dayBefore = new Date(new Date(before).getTime() - 86_400_000).toISOString();
      await db.deleteFrom('sso_requests').where('expires_at', '<', dayBefore).execute();
      await db.deleteFrom('sso_assertions').where('expires_at', '<', before).execute();
    },
    findTeamAdmin: (db, teamId, emailCi) =>
      db
        .selectFrom('admin_accounts')
        .innerJoin('team_roles', 'team_roles.account_id', 'admin_accounts.id')
        .select(['admin_accounts.id as accountId', 'admin_accounts.email as email', 'team_roles.role as role'])
        .where('admin_accounts.email_ci', '=', emailCi)
        .where('team_roles.team_id', '=', teamId)
        .executeTakeFirst(),
    async findAccountEmail(db, accountId) {
      return (await db.selectFrom('admin_accounts').select('email').where('id', '=', accountId).executeTakeFirst())?.email;
    },
    // The shared outbox writer (per-team numbering); called last in each transaction.
    appendEvents: (db, events) => outbox.append(db, events),
  };
}
