// The outbox: every state change writes its event in the same transaction,
// so an event exists if and only if its change committed.

import type { DomainEvent } from '../domain/store.js';
import type { Executor } from './executor.js';

export type NewEvent = DomainEvent;

export interface StoredEvent extends NewEvent {
  seq: number;
}

export function createEventsRepository() {
  return {
    async append(db: Executor, events: NewEvent[]): Promise<void> {
      for (let i = 0; i < events.length; i += 200) {
        await db
          .insertInto('events')
          .values(
            events.slice(i, i + 200).map((e) => ({
              id: e.id,
              team_id: e.teamId,
              type: e.type,
              occurred_at: e.occurredAt,
              resource_type: e.resourceType ?? null,
              resource_id: e.resourceId ?? null,
              data: JSON.stringify(e.data),
            })),
          )
          .execute();
      }
    },

    async listAfter(db: Executor, teamId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
      const rows = await db
        .selectFrom('events')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        id: r.id,
        teamId: r.team_id,
        type: r.type,
        occurredAt: r.occurred_at,
        resourceType: r.resource_type ?? undefined,
        resourceId: r.resource_id ?? undefined,
        data: JSON.parse(r.data) as Record<string, unknown>,
      }));
    },
  };
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;
