// The spend API of the host product (/api/v1, API key; docs/spend.md):
// record usage (idempotent by event id) and refunds, authorize with an
// optional hold, capture or release holds, and read members' spend.

import type { FastifyInstance } from 'fastify';
import type { HostContext } from './host-context.js';
import { lookupKeyOf, pageOf } from '../../domain/spend/spend-input.js';
import { guard } from './route-guard.js';
import { cursorParam } from './list-cursor-paging.js';

type TeamParams = { teamId: string };
type PageQuery = { startIndex?: string; count?: string };

const MAX_PAGE = 500;

/** No route here reads the team record: a key bound to the team skips the read, on the authorization hot path. */
const teamKey = () => guard.apiKey({ loadTeam: false });

export function registerSpendHostRoutes(app: FastifyInstance, ctx: HostContext): void {
  const { services } = ctx;
  const spend = services.spend;

  app.post<{ Params: TeamParams }>('/teams/:teamId/spend/usage', teamKey(), async (request, reply) => {
    const result = await spend.recordUsage(request.params.teamId, request.body);
    // A retry answers 200 with what the first request recorded.
    return reply.code(result.replayed ? 200 : 201).send(result);
  });

  app.post<{ Params: TeamParams }>('/teams/:teamId/spend/authorize', teamKey(), async (request, reply) => {
    const decision = await spend.authorize(request.params.teamId, request.body);
    return reply.code(decision.hold ? 201 : 200).send(decision);
  });

  app.get<{ Params: TeamParams & { holdId: string } }>('/teams/:teamId/spend/holds/:holdId', teamKey(), async (request) => {
    return spend.getHold(request.params.teamId, request.params.holdId);
  });

  app.post<{ Params: TeamParams & { holdId: string } }>('/teams/:teamId/spend/holds/:holdId/capture', teamKey(), async (request) => {
    return spend.captureHold(request.params.teamId, request.params.holdId, request.body ?? {});
  });

  app.post<{ Params: TeamParams & { holdId: string } }>('/teams/:teamId/spend/holds/:holdId/release', teamKey(), async (request) => {
    return spend.releaseHold(request.params.teamId, request.params.holdId);
  });

  app.get<{ Params: TeamParams; Querystring: PageQuery & { cursor?: string } }>('/teams/:teamId/spend/members', teamKey(), async (request) => {
    const cursor = cursorParam(request.query);
    const { startIndex, count } = pageOf(request.query, MAX_PAGE, 100);
    return spend.membersSpend(request.params.teamId, startIndex, count, cursor);
  });

  app.get<{ Params: TeamParams & { ref: string }; Querystring: { by?: string } }>('/teams/:teamId/spend/members/:ref', teamKey(), async (request) => {
    return spend.memberSpend(request.params.teamId, { by: lookupKeyOf(request.query.by), value: request.params.ref });
  });

  // A member asks for a higher limit (through the host product); admins decide in the dashboard.
  app.post<{ Params: TeamParams & { ref: string }; Querystring: { by?: string } }>('/teams/:teamId/spend/members/:ref/increase-requests', teamKey(), async (request, reply) => {
    const created = await spend.increaseRequests.create(request.params.teamId, { by: lookupKeyOf(request.query.by), value: request.params.ref }, request.body);
    return reply.code(201).send(created);
  });

  app.get<{ Params: TeamParams; Querystring: PageQuery }>('/teams/:teamId/spend/multi-group-members', teamKey(), async (request) => {
    const { startIndex, count } = pageOf(request.query, MAX_PAGE, 100);
    return spend.multiGroupMembers(request.params.teamId, startIndex, count);
  });
}
