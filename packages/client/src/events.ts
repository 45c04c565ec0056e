// The events feed as an async iterator. It reads pages after a cursor and,
// with `follow`, keeps polling for new events. `cursor` is where to resume:
// it moves when a whole page has been handed out, so a consumer that stores it
// after processing never misses an event; after a crash it may see the rest
// of a page again — events carry a gap-free `seq` and a unique `id` to drop
// repeats by.

import type { Requester } from './http.js';
import type { components } from './schema.js';

export type RollcallEvent = components['schemas']['Event'];

export interface FeedOptions {
  /** Resume after this cursor (a `cursor` stored earlier); default: the team's first event. */
  after?: string;
  /** Events per page, 1 to 1000. */
  limit?: number;
  /** Keep waiting for new events instead of ending at the newest. */
  follow?: boolean;
  /** With `follow`, how long to wait before asking again when nothing is new. Default 1 s. */
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

export interface EventFeed extends AsyncIterable<RollcallEvent> {
  /** Resume here (pass as `after`); undefined until the first page. */
  readonly cursor: string | undefined;
}

export function eventFeed(request: Requester, team: string, options: FeedOptions = {}): EventFeed {
  let cursor = options.after;
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    options.signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
  return {
    get cursor() {
      return cursor;
    },
    async *[Symbol.asyncIterator]() {
      while (!options.signal?.aborted) {
        const page = await request('get', '/api/v1/teams/{teamId}/events', { path: { teamId: team }, query: { after: cursor, limit: options.limit }, signal: options.signal });
        for (const event of page.events) yield event;
        cursor = page.nextCursor;
        if (page.hasMore) continue;
        if (!options.follow) return;
        await pause(options.pollIntervalMs ?? 1000);
      }
    },
  };
}
