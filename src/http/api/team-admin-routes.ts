// A team as its admins see it, and its SCIM tokens (create, list, revoke).

import type { FastifyInstance } from 'fastify';
import type { AdminContext } from './admin-context.js';
import { guard, guardedRole, guardedTeam } from './route-guard.js';
import { badRequest } from './api-error.js';

type TeamParams = { teamId: string };

export function registerTeamAdminRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services } = ctx;
  const scimBaseUrl = (teamId: string) => `${ctx.publicUrl}/scim/v2/${teamId}`;

  app.get<{ Params: TeamParams }>('/teams/:teamId', guard.role('member'), async (request) => {
    const team = guardedTeam(request);
    const role = guardedRole(request);
    return {
      id: team.id,
      slug: team.slug,
      name: team.name,
      plan: team.plan,
      role,
      scimBaseUrl: scimBaseUrl(team.id),
      counts: { users: team.userCount, groups: team.groupCount },
    };
  });

  app.get<{ Params: TeamParams }>('/teams/:teamId/scim-tokens', guard.role('admin'), async (request) => {
    return { tokens: await services.tokens.list(request.params.teamId) };
  });

  app.post<{ Params: TeamParams }>('/teams/:teamId/scim-tokens', guard.role('admin'), async (request, reply) => {
    const team = guardedTeam(request);
    const body = (request.body ?? {}) as { label?: unknown };
    if (body.label !== undefined && (typeof body.label !== 'string' || body.label.length > 200)) throw badRequest('label must be a string of at most 200 characters');
    const { token, secret } = await services.tokens.create(team.id, { label: body.label as string | undefined });
    // The secret is in this answer and nowhere else, ever.
    return reply.code(201).send({ token, secret, scimBaseUrl: scimBaseUrl(team.id) });
  });

  app.delete<{ Params: TeamParams & { tokenId: string } }>('/teams/:teamId/scim-tokens/:tokenId', guard.role('admin'), async (request, reply) => {
    await services.tokens.revoke(request.params.tokenId, request.params.teamId);
    return reply.code(204).send();
  });
}
