// Spend limits for team admins (/api/admin; docs/spend.md): the team default,
// group limits, overrides, the team cap and the period, each change audited;
// a preview of how many members a change would affect; the reads behind the
// dashboard (members' spend, members in several limited groups). Reads need
// the member role, changes (and the audit log) the admin role.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { signedIn, type AdminContext } from './admin-context.js';
import { guard } from './route-guard.js';
import type { Actor } from '../../domain/spend/spend-events.js';
import { pageOf } from '../../domain/spend/spend-input.js';
import { cursorParam } from './list-cursor-paging.js';

type TeamParams = { teamId: string };
type PageQuery = { startIndex?: string; count?: string };

const MAX_PAGE = 200;

const actorOf = (request: FastifyRequest): Actor => {
  const { account } = signedIn(request);
  return { kind: 'admin', accountId: account.id, email: account.email };
};

export function registerSpendAdminRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services } = ctx;
  const { spend } = services;
  const { policy } = spend;

  app.get<{ Params: TeamParams }>('/teams/:teamId/spend/policy', guard.role('member'), async (request) => {
    return policy.view(request.params.teamId);
  });

  app.put<{ Params: TeamParams }>('/teams/:teamId/spend/default', guard.role('admin'), async (request) => {
    return policy.setDefault(request.params.teamId, actorOf(request), request.body);
  });

  app.delete<{ Params: TeamParams }>('/teams/:teamId/spend/default', guard.role('admin'), async (request) => {
    return policy.clearDefault(request.params.teamId, actorOf(request));
  });

  app.put<{ Params: TeamParams }>('/teams/:teamId/spend/team-cap', guard.role('admin'), async (request) => {
    return policy.setTeamCap(request.params.teamId, actorOf(request), request.body);
  });

  app.delete<{ Params: TeamParams }>('/teams/:teamId/spend/team-cap', guard.role('admin'), async (request) => {
    return policy.clearTeamCap(request.params.teamId, actorOf(request));
  });

  app.put<{ Params: TeamParams }>('/teams/:teamId/spend/alerts', guard.role('admin'), async (request) => {
    return policy.setAlerts(request.params.teamId, actorOf(request), request.body);
  });

  app.put<{ Params: TeamParams }>('/teams/:teamId/spend/settings', guard.role('admin'), async (request) => {
    return policy.updateSettings(request.params.teamId, actorOf(request), request.body);
  });

  app.get<{ Params: TeamParams; Querystring: PageQuery }>('/teams/:teamId/spend/group-limits', guard.role('member'), async (request) => {
    const { startIndex, count } = pageOf(request.query, MAX_PAGE, 50);
    return policy.listGroupLimits(request.params.teamId, startIndex, count);
  });

  app.put<{ Params: TeamParams & { groupId: string } }>('/teams/:teamId/spend/group-limits/:groupId', guard.role('admin'), async (request) => {
    return policy.setGroupLimit(request.params.teamId, actorOf(request), request.params.groupId, request.body);
  });

  app.delete<{ Params: TeamParams & { groupId: string } }>('/teams/:teamId/spend/group-limits/:groupId', guard.role('admin'), async (request) => {
    return policy.clearGroupLimit(request.params.teamId, actorOf(request), request.params.groupId);
  });

  app.get<{ Params: TeamParams; Querystring: PageQuery }>('/teams/:teamId/spend/overrides', guard.role('member'), async (request) => {
    const { startIndex, count } = pageOf(request.query, MAX_PAGE, 50);
    return policy.listOverrides(request.params.teamId, startIndex, count);
  });

  app.put<{ Params: TeamParams & { userId: string } }>('/teams/:teamId/spend/overrides/:userId', guard.role('admin'), async (request) => {
    return policy.setOverride(request.params.teamId, actorOf(request), request.params.userId, request.body);
  });

  app.delete<{ Params: TeamParams & { userId: string } }>('/teams/:teamId/spend/overrides/:userId', guard.role('admin'), async (request) => {
    return policy.clearOverride(request.params.teamId, actorOf(request), request.params.userId);
  });

  app.post<{ Params: TeamParams }>('/teams/:teamId/spend/preview', guard.role('admin'), async (request) => {
    return policy.preview(request.params.teamId, request.body);
  });

  app.get<{ Params: TeamParams; Querystring: PageQuery & { cursor?: string } }>('/teams/:teamId/spend/audit', guard.role('admin'), async (request) => {
    const cursor = cursorParam(request.query);
    const { startIndex, count } = pageOf(request.query, MAX_PAGE, 50);
    return policy.audit(request.params.teamId, startIndex, count, cursor);
  });

  app.get<{ Params: TeamParams; Querystring: PageQuery & { status?: string } }>('/teams/:teamId/spend/increase-requests', guard.role('member'), async (request) => {
    const { startIndex, count } = pageOf(request.query, MAX_PAGE, 50);
    return spend.increaseRequests.list(request.params.teamId, request.query.status, startIndex, count);
  });

  app.post<{ Params: TeamParams & { requestId: string } }>('/teams/:teamId/spend/increase-requests/:requestId/approve', guard.role('admin'), async (request) => {
    return spend.increaseRequests.approve(request.params.teamId, actorOf(request), request.params.requestId, request.body ?? {});
  });

  app.post<{ Params: TeamParams & { requestId: string } }>('/teams/:teamId/spend/increase-requests/:requestId/deny', guard.role('admin'), async (request) => {
    return spend.increaseRequests.deny(request.params.teamId, actorOf(request), request.params.requestId, request.body);
  });

  app.get<{ Params: TeamParams; Querystring: PageQuery & { cursor?: string } }>('/teams/:teamId/spend/members', guard.role('member'), async (request) => {
    const cursor = cursorParam(request.query);
    const { startIndex, count } = pageOf(request.query, MAX_PAGE, 50);
    return spend.membersSpend(request.params.teamId, startIndex, count, cursor);
  });

  app.get<{ Params: TeamParams & { userId: string } }>('/teams/:teamId/spend/members/:userId', guard.role('member'), async (request) => {
    return spend.memberSpend(request.params.teamId, { by: 'id', value: request.params.userId });
  });

  app.get<{ Params: TeamParams; Querystring: PageQuery }>('/teams/:teamId/spend/multi-group-members', guard.role('member'), async (request) => {
    const { startIndex, count } = pageOf(request.query, MAX_PAGE, 50);
    return spend.multiGroupMembers(request.params.teamId, startIndex, count);
  });
}
