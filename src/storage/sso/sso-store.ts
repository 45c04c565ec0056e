// Storage for SSO connections, sign-in requests and consumed SAML
// assertions. Configurations are JSON text; booleans are 0/1; columns are
// snake_case, the domain's records camelCase, mapped here.

import type { Selectable } from 'kysely';
import type { SsoConnectionRecord, SsoRequestRecord, SsoStore } from '../../domain/sso/store.js';
import type { SsoConnectionsTable, SsoRequestsTable } from '../db-types.js';
import type { Storage } from '../database.js';
import type { Executor } from '../executor.js';
import { createEventsRepository } from '../realtime/events-repository.js';

/** Each field of the domain's record and its column; the JSON ones are (de)serialised on the way. */
const CONNECTION_COLUMNS = {
  teamId: 'team_id',
  id: 'id',
  kind: 'kind',
  status: 'status',
  config: 'config',
  pendingConfig: 'pending_config',
  configRevision: 'config_revision',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  activatedAt: 'activated_at',
  activatedBy: 'activated_by',
  activatedByEmail: 'activated_by_email',
  disabledAt: 'disabled_at',
  lastTestAt: 'last_test_at',
  lastTestResult: 'last_test_result',
  lastTestReason: 'last_test_reason',
  lastTestDetail: 'last_test_detail',
  lastTestByEmail: 'last_test_by_email',
  lastTestIdentity: 'last_test_identity',
} as const satisfies Record<keyof SsoConnectionRecord, keyof SsoConnectionsTable>;

const JSON_FIELDS = new Set<keyof SsoConnectionRecord>(['config', 'pendingConfig', 'lastTestIdentity']);

function toConnection(row: Selectable<SsoConnectionsTable>): SsoConnectionRecord {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(CONNECTION_COLUMNS)) {
    const value = row[column];
    out[field] = JSON_FIELDS.has(field as keyof SsoConnectionRecord) ? (value ? JSON.parse(value as string) : null) : value;
  }
  return out as unknown as SsoConnectionRecord;
}

/** The columns of the fields present in `changes` (a whole record for an insert). */
function fromConnection(changes: Partial<SsoConnectionRecord>): Partial<SsoConnectionsTable> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes) as [keyof SsoConnectionRecord, unknown][]) {
    if (value === undefined) continue;
    out[CONNECTION_COLUMNS[field]] = JSON_FIELDS.has(field) && value !== null ? JSON.stringify(value) : value;
  }
  return out as Partial<SsoConnectionsTable>;
}

const toRequest = (row: Selectable<SsoRequestsTable>): SsoRequestRecord => ({
  id: row.id,
  teamId: row.team_id,
  kind: row.kind as SsoRequestRecord['kind'],
  purpose: row.purpose as SsoRequestRecord['purpose'],
  configRevision: row.config_revision,
  usePending: row.use_pending === 1,
  nonce: row.nonce,
  codeVerifier: row.code_verifier,
  returnTo: row.return_to,
  interactionId: row.interaction_id,
  initiatedBy: row.initiated_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  consumedAt: row.consumed_at,
});

const requestRow = (r: SsoRequestRecord): SsoRequestsTable => ({
  id: r.id,
  team_id: r.teamId,
  kind: r.kind,
  purpose: r.purpose,
  config_revision: r.configRevision,
  use_pending: r.usePending ? 1 : 0,
  nonce: r.nonce,
  code_verifier: r.codeVerifier,
  return_to: r.returnTo,
  interaction_id: r.interactionId,
  initiated_by: r.initiatedBy,
  created_at: r.createdAt,
  expires_at: r.expiresAt,
  consumed_at: r.consumedAt,
});

export function createSsoStore(storage: Storage): SsoStore<Executor> {
  const outbox = createEventsRepository();
  return {
    db: storage.db,
    transaction: (fn) => storage.db.transaction().execute(fn),
    findTeam: (db, teamId) => db.selectFrom('teams').select(['id', 'plan']).where('id', '=', teamId).where('deleted_at', 'is', null).executeTakeFirst(),
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
      await db.insertInto('sso_requests').values(requestRow(row)).execute();
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
