// A team's SCIM OAuth clients (client credentials for the token endpoint),
// managed like its SCIM tokens (team-admin-routes.ts) and with the same role:
// list, create and rotate (the secret is in that answer and nowhere else),
// revoke (its access tokens stop at once).

import type { FastifyInstance } from 'fastify';
import type { AdminContext } from './admin-context.js';
import { guard, guardedTeam } from './route-guard.js';
import { badRequest } from './api-error.js';
import { tokenEndpointUrl } from '../scim/oauth-token-plugin.js';

type TeamParams = { teamId: string };
type ClientParams = TeamParams & { clientId: string };

export function registerScimOAuthAdminRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services } = ctx;
  const endpoints = (teamId: string) => ({ tokenEndpoint: tokenEndpointUrl(ctx.publicUrl, teamId), scimBaseUrl: `${ctx.publicUrl}/scim/v2/${teamId}` });

  app.get<{ Params: TeamParams }>('/teams/:teamId/scim-oauth-clients', guard.role('admin'), async (request) => {
    return { clients: await services.scimOAuth.list(request.params.teamId), ...endpoints(request.params.teamId), accessTokenTtlSeconds: services.scimOAuth.accessTokenTtlSeconds };
  });

  app.post<{ Params: TeamParams }>('/teams/:teamId/scim-oauth-clients', guard.role('admin'), async (request, reply) => {
    const team = guardedTeam(request);
    const body = (request.body ?? {}) as { label?: unknown };
    if (body.label !== undefined && (typeof body.label !== 'string' || body.label.length > 200)) throw badRequest('label must be a string of at most 200 characters');
    const { client, clientSecret } = await services.scimOAuth.create(team.id, { label: body.label as string | undefined });
    return reply.code(201).send({ client, clientSecret, ...endpoints(team.id) });
  });

  app.post<{ Params: ClientParams }>('/teams/:teamId/scim-oauth-clients/:clientId/rotate', guard.role('admin'), async (request) => {
    const team = guardedTeam(request);
    const { client, clientSecret } = await services.scimOAuth.rotate(request.params.clientId, team.id);
    return { client, clientSecret, ...endpoints(team.id) };
  });

  app.delete<{ Params: ClientParams }>('/teams/:teamId/scim-oauth-clients/:clientId', guard.role('admin'), async (request, reply) => {
    await services.scimOAuth.revoke(request.params.clientId, request.params.teamId);
    return reply.code(204).send();
  });
}
