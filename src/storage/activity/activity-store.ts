// Storage for the activity log (domain/activity/store.ts). Batches are
// written one transaction at a time across all instances (an advisory lock
// on PostgreSQL; SQLite has one writer anyway), so `seq` grows in commit
// order and the live tail can follow it without missing a row.

import type { Selectable } from 'kysely';
import type { ActivityCounts, ActivityEntry, ActivityStore, StoredActivity } from '../../domain/activity/store.js';
import type { ActivityLogTable } from '../db-types.js';
import { preparedQuery } from '../prepared-query.js';
import type { Storage } from '../database.js';
import { chunks, type Executor } from '../executor.js';

const WRITE_LOCK = 7346205;
/** Rows per multi-row insert on PostgreSQL, largest first (see insertRows). */
const PART_SIZES = [100, 64, 32, 16, 8, 4, 2, 1];

/** Each field of an entry and its column, in the column order of the insert. */
const COLUMN_OF = {
  id: 'id', teamId: 'team_id', at: 'at', method: 'method', path: 'path', status: 'status', latencyMs: 'latency_ms', idp: 'idp',
  operation: 'operation', resourceType: 'resource_type', resourceId: 'resource_id', userName: 'user_name', summary: 'summary',
  error: 'error', errorType: 'error_type', authFailure: 'auth_failure', probe: 'probe', requestBody: 'request_body',
  userAgent: 'user_agent', requestId: 'request_id',
} as const satisfies Record<keyof ActivityEntry, keyof ActivityLogTable>;
const FIELDS = Object.keys(COLUMN_OF) as (keyof ActivityEntry)[];
const COLUMNS = FIELDS.map((f) => COLUMN_OF[f]);


// PostgreSQL's driver answers bigint and numeric columns as strings.
function asStored(row: Selectable<ActivityLogTable>): StoredActivity {
  const entry = Object.fromEntries(FIELDS.map((f) => [f, row[COLUMN_OF[f]]])) as unknown as ActivityEntry;
  return { ...entry, seq: Number(row.seq), status: Number(row.status), latencyMs: Number(row.latency_ms) };
}

export function createActivityStore(storage: Storage): ActivityStore {
  const { db } = storage;
  const dialect = storage.sqlDialect;
  // One row per SCIM request: on SQLite a reused prepared statement per row
  // costs a few microseconds, where the query builder cost far more than the
  // insert itself (prepared-query.ts). PostgreSQL keeps multi-row inserts,
  // which save round trips, as prepared statements too: building a 100-row
  // insert with kysely cost more CPU than the request it records. A batch
  // goes in parts of 100, then 64, 32, … 1 rows, so a connection prepares at
  // most eight shapes.
  const insertOf = (rows: number) =>
    preparedQuery(dialect, `activity_insert_${rows}`, (param) => `insert into activity_log (${COLUMNS.join(', ')}) values ${Array.from({ length: rows }, () => `(${COLUMNS.map(param).join(', ')})`).join(', ')}`);
  const insertOne = insertOf(1);
  const inserts = new Map<number, ReturnType<typeof insertOf>>([[1, insertOne]]);
  const insertRows = (tx: Executor, part: ActivityEntry[]) => {
    let insert = inserts.get(part.length);
    if (!insert) inserts.set(part.length, (insert = insertOf(part.length)));
    return insert(tx, part.flatMap((row) => FIELDS.map((f) => row[f])));
  };
  return {
    async insert(rows) {
      await db.transaction().execute(async (tx) => {
        await dialect.transactionLock(tx, WRITE_LOCK);
        if (dialect.roundTrips) {
          for (let i = 0; i < rows.length; ) {
            const size = PART_SIZES.find((n) => n <= rows.length - i) as number;
            await insertRows(tx, rows.slice(i, i + size));
            i += size;
          }
        } else {
          for (const row of rows) await insertOne(tx, FIELDS.map((f) => row[f]));
        }
      });
    },

    async existingTeams(ids) {
      const found = new Set<string>();
      for (const part of chunks(ids)) for (const r of await db.selectFrom('teams').select('id').where('id', 'in', part).execute()) found.add(r.id);
      return found;
    },

    async tokenStates(hashes) {
      const out = new Map<string, { teamId: string; revokedAt: string | null; expiresAt: string | null }>();
      for (const part of chunks(hashes)) {
        const rows = await db.selectFrom('scim_tokens').select(['token_hash', 'team_id', 'revoked_at', 'expires_at']).where('token_hash', 'in', part).execute();
        for (const r of rows) out.set(r.token_hash, { teamId: r.team_id, revokedAt: r.revoked_at, expiresAt: r.expires_at });
      }
      return out;
    },

    async list(teamId, query) {
      let q = db.selectFrom('activity_log').selectAll().where('team_id', '=', teamId);
      if (query.status) q = q.where('status', '>=', query.status.min).where('status', '<=', query.status.max);
      if (query.resource) q = q.where('resource_type', '=', query.resource);
      if (query.user) {
        const user = query.user;
        q = q.where((eb) => eb.or([eb('resource_id', '=', user), eb(eb.fn('lower', ['user_name']), '=', user.toLowerCase())]));
      }
      if (query.since) q = q.where('at', '>=', query.since);
      if (query.until) q = q.where('at', '<', query.until);
      if (query.before !== undefined) q = q.where('seq', '<', query.before);
      return (await q.orderBy('seq', 'desc').limit(query.limit).execute()).map(asStored);
    },

    async after(teamId, afterSeq, limit) {
      const rows = await db.selectFrom('activity_log').selectAll().where('team_id', '=', teamId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map(asStored);
    },

    async lastSeq(teamId) {
      const row = await db.selectFrom('activity_log').select((eb) => eb.fn.max('seq').as('seq')).where('team_id', '=', teamId).executeTakeFirst();
      return Number(row?.seq ?? 0);
    },

    async find(teamId, id) {
      const row = await db.selectFrom('activity_log').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
      return row ? asStored(row) : undefined;
    },

    async purge(before, limit) {
      const doomed = db.selectFrom('activity_log').select('seq').where('at', '<', before).orderBy('seq').limit(limit);
      const r = await db.deleteFrom('activity_log').where('seq', 'in', doomed).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async counts(teamId, since): Promise<ActivityCounts> {
      const rows = await db
        .selectFrom('activity_log')
        .select((eb) => [
          'resource_type',
          'idp',
          eb.fn.countAll<number>().as('n'),
          eb.fn.sum<number>(eb.case().when('status', '>=', 400).then(1).else(0).end()).as('failures'),
          eb.fn.min('at').as('first_at'),
          eb.fn.max('at').as('last_at'),
          eb.fn.max(eb.case().when('status', '<', 400).then(eb.ref('at')).end()).as('last_success_at'),
        ])
        .where('team_id', '=', teamId)
        .where('at', '>=', since)
        .groupBy(['resource_type', 'idp'])
        .execute();
      const counts: ActivityCounts = { total: 0, failures: 0, byResource: {}, byIdp: {}, firstAt: null, lastAt: null, lastSuccessAt: null };
      const min = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
      const max = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
      for (const r of rows) {
        const n = Number(r.n);
        counts.total += n;
        counts.failures += Number(r.failures ?? 0);
        const resource = r.resource_type ?? 'other';
        counts.byResource[resource] = (counts.byResource[resource] ?? 0) + n;
        counts.byIdp[r.idp] = (counts.byIdp[r.idp] ?? 0) + n;
        counts.firstAt = min(counts.firstAt, (r.first_at as string | null) ?? null);
        counts.lastAt = max(counts.lastAt, (r.last_at as string | null) ?? null);
        counts.lastSuccessAt = max(counts.lastSuccessAt, (r.last_success_at as string | null) ?? null);
      }
      return counts;
    },

    async failures(teamId, since, limit) {
      const rows = await db.selectFrom('activity_log').selectAll().where('team_id', '=', teamId).where('at', '>=', since).where('status', '>=', 400).orderBy('seq', 'desc').limit(limit).execute();
      return rows.map(asStored);
    },

    async probes(teamId, since, limit) {
      const rows = await db.selectFrom('activity_log').selectAll().where('team_id', '=', teamId).where('at', '>=', since).where('probe', 'is not', null).orderBy('seq', 'desc').limit(limit).execute();
      return rows.map(asStored);
    },
  };
}
