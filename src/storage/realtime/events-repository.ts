// The outbox: every state change writes its event in the same transaction,
// so an event exists if and only if its change committed.
//
// Each team's events are numbered 1, 2, 3… (`team_seq`) from a counter row
// in `event_streams`. Taking the next numbers updates that row, and the row
// lock is held until the transaction ends, so a team's numbers are handed out
// in commit order: once a reader sees number n, every number below n has
// committed or been rolled back with its transaction (and rolled back numbers
// are reused, so there are no gaps). A reader that remembers "the last number
// I saw" therefore never misses an event, on PostgreSQL too, where the global
// `seq` of concurrent transactions can commit out of order.
//
// The lock serialises a team's writers from `append` to commit: call `append`
// as the last write of a transaction, as the domain services do.

import { sql, type Selectable } from 'kysely';
import type { DomainEvent, StoredEvent } from '../../domain/events.js';
import type { EventsTable } from '../db-types.js';
import { chunks, type Executor } from '../executor.js';
import { preparedQuery } from '../prepared-query.js';
import type { SqlDialect } from '../sql-dialect.js';

const CHUNK = 200;

function toStored(r: Selectable<EventsTable>): StoredEvent {
  return {
    seq: Number(r.team_seq),
    id: r.id,
    teamId: r.team_id,
    type: r.type,
    occurredAt: r.occurred_at,
    resourceType: r.resource_type ?? undefined,
    resourceId: r.resource_id ?? undefined,
    data: JSON.parse(r.data) as Record<string, unknown>,
  };
}

/** Reserves `count` numbers for a team; returns the first. */
async function reserveWithBuilder(db: Executor, teamId: string, count: number): Promise<number> {
  const row = await db
    .insertInto('event_streams')
    .values({ team_id: teamId, last_seq: count })
    .onConflict((oc) => oc.column('team_id').doUpdateSet({ last_seq: sql<number>`event_streams.last_seq + ${count}` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq) - count + 1;
}

type EventRow = Omit<EventsTable, 'seq'>;
const EVENT_COLUMNS = ['id', 'team_id', 'team_seq', 'type', 'occurred_at', 'resource_type', 'resource_id', 'data'] as const;

/** The events' columns and types, for a batch sent as one JSON parameter (SqlDialect jsonRecords). */
const EVENT_RECORD_TYPES = {
  id: 'text', team_id: 'text', team_seq: 'integer', type: 'text', occurred_at: 'text', resource_type: 'text', resource_id: 'text', data: 'text',
} as const;
/** Events per statement when they go in as one JSON parameter. */
const RECORDS_CHUNK = 1000;

/**
 * `dialect` given (the directory store, which every SCIM write goes
 * through): the counter and single-row inserts are hand-written prepared
 * statements (prepared-query.ts); on SQLite every row goes through the one
 * reused insert, cheaper there than a multi-row statement built per call; on
 * PostgreSQL a batch (a group PATCH of 1,000 members writes 1,000) goes in
 * as one JSON parameter per statement instead of a bound parameter per cell.
 */
export function createEventsRepository(dialect?: SqlDialect) {
  const reserveQuery =
    dialect &&
    preparedQuery<{ last_seq: number | string }>(
      dialect,
      'event_stream_reserve',
      (param) =>
        `insert into event_streams (team_id, last_seq) values (${param()}, ${param()})
         on conflict (team_id) do update set last_seq = event_streams.last_seq + ${param()} returning last_seq`,
    );
  const insertOne =
    dialect &&
    preparedQuery(dialect, 'event_insert', (param) => `insert into events (${EVENT_COLUMNS.join(', ')}) values (${EVENT_COLUMNS.map(() => param()).join(', ')})`);
  const reserve = async (db: Executor, teamId: string, count: number) => {
    if (!reserveQuery) return reserveWithBuilder(db, teamId, count);
    const [row] = await reserveQuery(db, [teamId, count, count]);
    return Number(row.last_seq) - count + 1;
  };
  const insert = async (db: Executor, rows: EventRow[]) => {
    if (insertOne && (rows.length === 1 || !dialect.roundTrips)) {
      for (const row of rows) await insertOne(db, EVENT_COLUMNS.map((c) => row[c]));
      return;
    }
    if (dialect) {
      for (const part of chunks(rows, RECORDS_CHUNK)) {
        const records = dialect.jsonRecords(JSON.stringify(part), 'r', EVENT_RECORD_TYPES);
        await sql`insert into events (id, team_id, team_seq, type, occurred_at, resource_type, resource_id, data)
                  select r.id, r.team_id, r.team_seq, r.type, r.occurred_at, r.resource_type, r.resource_id, r.data from ${records}`.execute(db);
      }
      return;
    }
    for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('events').values(rows.slice(i, i + CHUNK)).execute();
  };

  return {
    async append(db: Executor, events: DomainEvent[]): Promise<void> {
      if (events.length === 0) return;
      const counts = new Map<string, number>();
      for (const e of events) counts.set(e.teamId, (counts.get(e.teamId) ?? 0) + 1);
      // Teams in a fixed order, so two transactions never wait on each other's counters.
      const next = new Map<string, number>();
      for (const teamId of [...counts.keys()].sort()) next.set(teamId, await reserve(db, teamId, counts.get(teamId) as number));
      const rows = events.map((e): EventRow => {
        const teamSeq = next.get(e.teamId) as number;
        next.set(e.teamId, teamSeq + 1);
        return {
          id: e.id,
          team_id: e.teamId,
          team_seq: teamSeq,
          type: e.type,
          occurred_at: e.occurredAt,
          resource_type: e.resourceType ?? null,
          resource_id: e.resourceId ?? null,
          data: JSON.stringify(e.data),
        };
      });
      await insert(db, rows);
    },

    /**
     * Takes the team's counter lock without using a number; returns the last
     * number handed out. A writer that numbers its own rows (INSERT … SELECT)
     * starts from it and then `advance`s the counter by what it wrote.
     */
    async lock(db: Executor, teamId: string): Promise<number> {
      return (await reserve(db, teamId, 0)) - 1;
    },

    async advance(db: Executor, teamId: string, count: number): Promise<void> {
      if (count > 0) await reserve(db, teamId, count);
    },

    /** A team's events after its sequence number `afterSeq`, in order. */
    async listAfter(db: Executor, teamId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
      const rows = await db
        .selectFrom('events')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('team_seq', '>', afterSeq)
        .orderBy('team_seq')
        .limit(limit)
        .execute();
      return rows.map(toStored);
    },

    /** The team's last committed sequence number (0 before its first event). */
    async lastSeq(db: Executor, teamId: string): Promise<number> {
      const row = await db.selectFrom('event_streams').select('last_seq').where('team_id', '=', teamId).executeTakeFirst();
      return row ? Number(row.last_seq) : 0;
    },

    /** Events by id (webhook deliveries name the event they carry). */
    async findByIds(db: Executor, ids: string[]): Promise<StoredEvent[]> {
      const out: StoredEvent[] = [];
      for (const part of chunks(ids)) out.push(...(await db.selectFrom('events').selectAll().where('id', 'in', part).execute()).map(toStored));
      return out;
    },
  };
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;
