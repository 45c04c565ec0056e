// The events feed and its live stream, for the host product (/api/v1, API
// key) and for the dashboard (/api/admin, session). The feed answers pages
// after an opaque cursor; the stream sends each event as it commits, with
// the cursor as the SSE id so `Last-Event-ID` resumes exactly there.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { decodeCursor, encodeCursor, envelope } from '../../domain/realtime/event-feed.js';
import { badRequest } from './api-error.js';
import { INSTALLATION_STREAM } from '../../domain/events.js';
import { sseHub, type OpenSse } from './events-sse.js';
import type { HostContext } from './host-context.js';
import type { AdminContext } from './admin-context.js';
import { guard, guardedTeam, guardedTeamOrNone } from './route-guard.js';

type TeamParams = { teamId: string };
export type FeedQuery = { after?: string; limit?: string };

const PAGE = 200;

function limitOf(query: FeedQuery): number {
  if (query.limit === undefined) return 100;
  const limit = Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badRequest('limit must be a whole number from 1 to 1000');
  return limit;
}

export async function feedPage(services: Services, teamId: string, query: FeedQuery) {
  const page = await services.realtime.feed.page(teamId, { after: query.after, limit: limitOf(query) });
  return { events: page.events.map(envelope), nextCursor: page.nextCursor, hasMore: page.hasMore };
}

/** Streams a team's events from Last-Event-ID, else `?after=`, else from now. */
export async function streamEvents(open: OpenSse, services: Services, request: FastifyRequest, reply: Parameters<OpenSse>[1], teamId: string): Promise<void> {
  const { feed, signal } = services.realtime;
  const header = request.headers['last-event-id'];
  const given = (typeof header === 'string' && header !== '' ? header : undefined) ?? (request.query as FeedQuery).after;
  // A bad cursor is answered as JSON before the stream opens.
  const start = given !== undefined ? decodeCursor(given) : await feed.endSeq(teamId);
  open(request, reply, {
    start,
    async read(cursor) {
      const events = await feed.listAfter(teamId, cursor, PAGE);
      return {
        frames: events.map((e) => ({ id: encodeCursor(e.seq), event: e.type, data: envelope(e) })),
        cursor: events.length ? events[events.length - 1].seq : cursor,
        more: events.length === PAGE,
      };
    },
    subscribe: (wake) => signal.subscribe('events', teamId, wake),
  });
}

export function registerHostEventRoutes(app: FastifyInstance, ctx: HostContext): void {
  const { services } = ctx;
  const open = sseHub(app, services.realtime.options.sse);

  app.get<{ Params: TeamParams; Querystring: FeedQuery }>('/teams/:teamId/events', guard.apiKey(), async (request) => {
    return feedPage(services, guardedTeam(request).id, request.query);
  });

  app.get<{ Params: TeamParams; Querystring: FeedQuery }>('/teams/:teamId/events/stream', guard.apiKey(), async (request, reply) => {
    await streamEvents(open, services, request, reply, guardedTeam(request).id);
  });

  // The feed without a team in the path: a team-bound key's own team, or `teamId=` for an installation-wide key;
  // an installation-wide key without `teamId=` reads the installation stream (team.*, plan.changed).
  app.get<{ Querystring: FeedQuery & { teamId?: string } }>('/events', guard.apiKey({ team: 'query', installationStream: true }), async (request) => {
    return feedPage(services, guardedTeamOrNone(request)?.id ?? INSTALLATION_STREAM, request.query);
  });
}

export function registerAdminEventRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services } = ctx;
  const open = sseHub(app, services.realtime.options.sse);

  app.get<{ Params: TeamParams; Querystring: FeedQuery }>('/teams/:teamId/events', guard.role('member'), async (request) => {
    return feedPage(services, request.params.teamId, request.query);
  });

  app.get<{ Params: TeamParams; Querystring: FeedQuery }>('/teams/:teamId/events/stream', guard.role('member'), async (request, reply) => {
    await streamEvents(open, services, request, reply, request.params.teamId);
  });
}
