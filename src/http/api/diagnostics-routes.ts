// Diagnostics in the admin API: the FAQ checks for a team, one member's
// limit explained, and "Test connection" — the IdP's test call, polled or
// streamed live while the admin clicks the button in the IdP.

import type { FastifyInstance } from 'fastify';
import type { AdminContext } from './admin-context.js';
import { guard } from './route-guard.js';
import { badRequest, notFoundApi } from './api-error.js';
import { sseHub } from './events-sse.js';

type TeamParams = { teamId: string };
type SinceQuery = { since?: string };

function since(query: SinceQuery): string | undefined {
  if (query.since === undefined) return undefined;
  const t = new Date(query.since);
  if (Number.isNaN(t.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(query.since)) throw badRequest('since must be an ISO 8601 time, e.g. 2026-01-31T09:00:00Z');
  return t.toISOString();
}

export function registerDiagnosticsRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services } = ctx;
  const { diagnostics, signal } = services.realtime;
  const open = sseHub(app, services.realtime.options.sse);

  app.get<{ Params: TeamParams }>('/teams/:teamId/diagnostics', guard.role('admin'), async (request) => {
    return diagnostics.report(request.params.teamId);
  });

  app.get<{ Params: TeamParams; Querystring: SinceQuery }>('/teams/:teamId/diagnostics/connection-test', guard.role('admin'), async (request) => {
    return diagnostics.connectionTest(request.params.teamId, since(request.query));
  });

  // Live: one `connection-test` event now, then one each time a new test call is recorded.
  app.get<{ Params: TeamParams; Querystring: SinceQuery }>('/teams/:teamId/diagnostics/connection-test/stream', guard.role('admin'), async (request, reply) => {
    const { teamId } = request.params;
    const from = since(request.query) ?? new Date().toISOString();
    open(request, reply, {
      start: '' as string,
      async read(cursor) {
        const state = await diagnostics.connectionTest(teamId, from);
        const key = state.latest?.id ?? 'none';
        return { frames: key === cursor ? [] : [{ event: 'connection-test', data: state }], cursor: key, more: false };
      },
      subscribe: (wake) => signal.subscribe('activity', teamId, wake),
    });
  });

  app.get<{ Params: TeamParams & { userId: string } }>('/teams/:teamId/diagnostics/members/:userId', guard.role('admin'), async (request) => {
    const found = await diagnostics.member(request.params.teamId, request.params.userId);
    if (!found) throw notFoundApi(`no member "${request.params.userId}" in this team`);
    return found;
  });
}
