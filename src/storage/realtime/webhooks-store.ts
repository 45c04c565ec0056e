// Storage for webhooks (domain/realtime/store.ts). The claiming queries lock
// with FOR UPDATE SKIP LOCKED on PostgreSQL, so instances that look for work
// at the same moment take different rows; SQLite has one writer and one
// worker, and needs no row locks.

import { sql } from 'kysely';
import type { Store } from '../../domain/directory/store.js';
import type { DeliveryStatus, EndpointRecord, WebhookStore } from '../../domain/realtime/store.js';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from '../db-types.js';
import type { Storage } from '../database.js';
import { chunks, type Executor } from '../executor.js';
import { createEventsRepository } from './events-repository.js';
import { preparedQuery } from '../prepared-query.js';
import { attemptRow, deliveryRow, endpointRow, toAttempt, toDelivery as asDelivery, toEndpoint as asEndpoint } from './webhook-rows.js';


/**
 * `outbox` is the directory store: its transactions publish the commit
 * signal for the events written in them (domain/realtime/event-feed-commits.ts).
 */
export function createWebhookStore(storage: Storage, outbox: Pick<Store, 'transaction' | 'events'>): WebhookStore<Executor> {
  const dialect = storage.sqlDialect;
  const events = createEventsRepository();
  const anyEnabledEndpoint = preparedQuery<{ id: string }>(dialect, 'webhook_endpoint_any_enabled', () => 'select id from webhook_endpoints where enabled = 1 limit 1');
  return {
    db: storage.db,
    transaction: (fn) => outbox.transaction((tx) => fn(tx as Executor)),
    appendEvents: (tx, list) => outbox.events.append(tx, list),
    lastEventSeq: (db, teamId) => events.lastSeq(db, teamId),
    eventsAfter: (db, teamId, afterSeq, limit) => events.listAfter(db, teamId, afterSeq, limit),
    eventsByIds: (db, ids) => events.findByIds(db, ids),

    async insertEndpoint(db, endpoint) {
      await db.insertInto('webhook_endpoints').values(endpointRow(endpoint) as WebhookEndpointsTable).execute();
    },
    async findEndpoint(db, teamId, id) {
      const row = await db.selectFrom('webhook_endpoints').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
      return row ? asEndpoint(row) : undefined;
    },
    async listEndpoints(db, teamId) {
      return (await db.selectFrom('webhook_endpoints').selectAll().where('team_id', '=', teamId).orderBy('created_at').orderBy('id').execute()).map(asEndpoint);
    },
    async updateEndpoint(db, id, changes) {
      await db.updateTable('webhook_endpoints').set(endpointRow(changes)).where('id', '=', id).execute();
    },
    async deleteEndpoint(db, teamId, id) {
      const r = await db.deleteFrom('webhook_endpoints').where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    // Asked after every commit that wrote events (webhook-worker.ts): hand-written, like the SCIM hot path.
    async hasEnabledEndpoint(db) {
      return (await anyEnabledEndpoint(db, [])).length > 0;
    },
    async lockDispatchable(db, limit) {
      const rows = await db
        .selectFrom('webhook_endpoints as e')
        .selectAll('e')
        .where('e.enabled', '=', 1)
        .where(({ exists, selectFrom }) =>
          exists(selectFrom('event_streams as s').select('s.team_id').whereRef('s.team_id', '=', 'e.team_id').whereRef('s.last_seq', '>', 'e.cursor_seq')),
        )
        .orderBy('e.id')
        .limit(limit)
        .$call((q) => dialect.lockRows(q, 'update', { skipLocked: true }))
        .execute();
      return rows.map(asEndpoint);
    },
    async insertDeliveries(db, deliveries) {
      for (const part of chunks(deliveries, 200)) await db.insertInto('webhook_deliveries').values(part.map((d) => deliveryRow(d) as WebhookDeliveriesTable)).execute();
    },

    async claimDue(db, now, leaseUntil, limit) {
      const due = await db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where('endpoint_id', 'in', (q) => q.selectFrom('webhook_endpoints').select('id').where('enabled', '=', 1))
        .orderBy('next_attempt_at')
        .limit(limit)
        .$call((q) => dialect.lockRows(q, 'update', { skipLocked: true }))
        .execute();
      if (due.length === 0) return [];
      const rows = await db
        .updateTable('webhook_deliveries')
        .set({ attempts: sql`attempts + 1`, next_attempt_at: leaseUntil })
        .where('id', 'in', due.map((d) => d.id))
        .returningAll()
        .execute();
      return rows.map(asDelivery);
    },
    async findEndpointsByIds(db, ids) {
      const out: EndpointRecord[] = [];
      for (const part of chunks(ids)) out.push(...(await db.selectFrom('webhook_endpoints').selectAll().where('id', 'in', part).execute()).map(asEndpoint));
      return out;
    },
    async lockEndpoint(db, id) {
      const query = db.selectFrom('webhook_endpoints').select('id').where('id', '=', id);
      return (await dialect.lockRows(query, 'no key update').executeTakeFirst()) !== undefined;
    },
    async insertAttempt(db, attempt) {
      await db.insertInto('webhook_attempts').values(attemptRow(attempt)).execute();
    },
    async updateDelivery(db, id, changes, onlyIfAttempt) {
      const r = await db
        .updateTable('webhook_deliveries')
        .set(deliveryRow(changes))
        .where('id', '=', id)
        .$if(onlyIfAttempt !== undefined, (q) => q.where('attempts', '=', onlyIfAttempt as number))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async endpointFailed(db, id, at) {
      const row = await db
        .updateTable('webhook_endpoints')
        .set({ consecutive_failures: sql`consecutive_failures + 1`, failing_since: sql`coalesce(failing_since, ${at})`, last_failure_at: at })
        .where('id', '=', id)
        .returning(['consecutive_failures', 'failing_since'])
        .executeTakeFirst();
      return { consecutiveFailures: Number(row?.consecutive_failures ?? 0), failingSince: row?.failing_since ?? null };
    },
    async endpointSucceeded(db, id, at) {
      await db.updateTable('webhook_endpoints').set({ consecutive_failures: 0, failing_since: null, last_success_at: at }).where('id', '=', id).execute();
    },
    async disableEndpoint(db, id, reason, at) {
      const r = await db
        .updateTable('webhook_endpoints')
        .set({ enabled: 0, disabled_reason: reason, disabled_at: at, updated_at: at })
        .where('id', '=', id)
        .where('enabled', '=', 1)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async listDeliveries(db, endpointId, query) {
      let q = db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId);
      if (query.status) q = q.where('status', '=', query.status as DeliveryStatus);
      if (query.before) {
        const anchor = await db.selectFrom('webhook_deliveries').select(['created_at', 'id']).where('id', '=', query.before).executeTakeFirst();
        if (anchor) q = q.where((eb) => eb.or([eb('created_at', '<', anchor.created_at), eb.and([eb('created_at', '=', anchor.created_at), eb('id', '<', anchor.id)])]));
      }
      return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute()).map(asDelivery);
    },
    async findDelivery(db, endpointId, id) {
      const row = await db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).where('id', '=', id).executeTakeFirst();
      return row ? asDelivery(row) : undefined;
    },
    async purgeDeliveries(db, before, limit) {
      const doomed = db.selectFrom('webhook_deliveries').select('id').where('status', '!=', 'pending').where('created_at', '<', before).limit(limit);
      const r = await db.deleteFrom('webhook_deliveries').where('id', 'in', doomed).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async listAttempts(db, deliveryId) {
      const rows = await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();
      return rows.map(toAttempt);
    },
  };
}
