// The events feed: a team's events in order, read from the outbox by an
// opaque cursor. Cursors are positions in the team's gap-free commit-order
// sequence (storage/realtime/events-repository.ts), so "everything after my cursor"
// is exact on every database: nothing is skipped, nothing repeats.

import { DomainError } from '../errors.js';
import type { StoredEvent } from '../events.js';
import type { EventFeedStore } from './store.js';

export interface FeedPage {
  events: StoredEvent[];
  /** Pass as `after` to continue; unchanged when no event followed. */
  nextCursor: string;
  /** More events are waiting (the page was full). */
  hasMore: boolean;
}

export const MAX_FEED_PAGE = 1000;
const CURSOR = /^c1\.([0-9]{1,15})$/;

export function encodeCursor(seq: number): string {
  return `c1.${seq}`;
}

/** The sequence number behind a cursor; a malformed cursor is the caller's error. */
export function decodeCursor(cursor: string): number {
  const match = CURSOR.exec(cursor);
  if (!match) throw new DomainError('events.invalid_cursor', `"${cursor.slice(0, 60)}" is not a cursor this feed gave out; use a nextCursor or SSE id from an earlier answer`);
  return Number(match[1]);
}

/** The wire shape of an event, with the envelope keys in their documented order. */
export function envelope(e: StoredEvent) {
  return {
    seq: e.seq,
    id: e.id,
    teamId: e.teamId,
    type: e.type,
    occurredAt: e.occurredAt,
    ...(e.resourceType !== undefined ? { resourceType: e.resourceType } : {}),
    ...(e.resourceId !== undefined ? { resourceId: e.resourceId } : {}),
    data: e.data,
  };
}

export function createEventFeed<Tx>(deps: { store: EventFeedStore<Tx> }) {
  const { store } = deps;
  return {
    /** Events after `after` (from the first event without one). */
    async page(teamId: string, options: { after?: string; limit: number }): Promise<FeedPage> {
      const afterSeq = options.after === undefined ? 0 : decodeCursor(options.after);
      const limit = Math.max(1, Math.min(options.limit, MAX_FEED_PAGE));
      const events = await store.listAfter(store.db, teamId, afterSeq, limit);
      const last = events.length ? events[events.length - 1].seq : afterSeq;
      return { events, nextCursor: encodeCursor(last), hasMore: events.length === limit };
    },

    listAfter: (teamId: string, afterSeq: number, limit: number) => store.listAfter(store.db, teamId, afterSeq, limit),

    /** The position after the team's latest event: where a live-only reader starts. */
    async endSeq(teamId: string): Promise<number> {
      return store.lastSeq(store.db, teamId);
    },

    findByIds: (ids: string[]) => store.findByIds(store.db, ids),
  };
}

export type EventFeed = ReturnType<typeof createEventFeed<unknown>>;
