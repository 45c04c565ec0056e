// The activity log in the admin API: query (status, resource, user, time
// range, newest first, paged), one entry with its redacted request body, and
// the live tail as server-sent events.

import type { FastifyInstance } from 'fastify';
import type { AdminContext } from './admin-context.js';
import { guard } from './route-guard.js';
import { badRequest } from './api-error.js';
import { sseHub } from './events-sse.js';
import { parseActivityQuery, type RawActivityQuery } from '../../domain/activity/query.js';

type TeamParams = { teamId: string };
const PAGE = 200;

export function registerActivityRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services } = ctx;
  const { activity, signal } = services.realtime;
  const open = sseHub(app, services.realtime.options.sse);

  app.get<{ Params: TeamParams; Querystring: RawActivityQuery }>('/teams/:teamId/activity', guard.role('admin'), async (request) => {
    return activity.list(request.params.teamId, parseActivityQuery(request.query));
  });

  app.get<{ Params: TeamParams; Querystring: { after?: string } }>('/teams/:teamId/activity/stream', guard.role('admin'), async (request, reply) => {
    const { teamId } = request.params;
    const header = request.headers['last-event-id'];
    const given = (typeof header === 'string' && header !== '' ? header : undefined) ?? request.query.after;
    if (given !== undefined && !/^[0-9]{1,15}$/.test(given)) throw badRequest('Last-Event-ID (or after) must be the id of an entry this stream sent');
    open(request, reply, {
      start: given !== undefined ? Number(given) : await activity.endSeq(teamId),
      async read(cursor) {
        const entries = await activity.after(teamId, cursor, PAGE);
        return {
          frames: entries.map((e) => ({ id: String(e.seq), event: 'activity', data: e })),
          cursor: entries.length ? entries[entries.length - 1].seq : cursor,
          more: entries.length === PAGE,
        };
      },
      subscribe: (wake) => signal.subscribe('activity', teamId, wake),
    });
  });

  app.get<{ Params: TeamParams & { entryId: string } }>('/teams/:teamId/activity/:entryId', guard.role('admin'), async (request) => {
    return activity.get(request.params.teamId, request.params.entryId);
  });
}
