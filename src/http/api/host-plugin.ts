// The host product's API (/api/v1), authenticated with an API key
// (`Authorization: Bearer rck_…`). A key bound to a team reaches only that
// team; an installation-wide key reaches all.
//
// Each route declares its guard in its route options (route-guard.ts):
// `guard.apiKey()` for the `:teamId` in its path (`{ team: 'query' }` for
// `?teamId=`); api-key-guard.ts checks it, and a route that declares none
// stops startup. `{team}` in a path (or `?teamId=`) is the team's id, its
// slug or `ext:<externalId>`: the guard resolves it once, to the id.
// Feature routes (teams, spend, events) register in
// `registerFeatureRoutes` and import host-context.ts, not this file.

import type { FastifyInstance } from 'fastify';
import { ApiError, sendApiError, toApiError } from './api-error.js';
import { guardApiInput } from './guard-api-input.js';
import type { HostContext } from './host-context.js';
import { installApiKeyGuard } from './api-key-guard.js';
import { registerMemberRoutes } from './member-routes.js';
import { registerSpendHostRoutes } from './spend-host-routes.js';
import { registerHostEventRoutes } from './events-routes.js';
import { registerTeamHostRoutes } from './team-host-routes.js';

function registerFeatureRoutes(app: FastifyInstance, ctx: HostContext): void {
  registerTeamHostRoutes(app, ctx);
  registerMemberRoutes(app, ctx);
  registerSpendHostRoutes(app, ctx);
  registerHostEventRoutes(app, ctx);
}

export async function hostPlugin(app: FastifyInstance, ctx: HostContext): Promise<void> {
  installApiKeyGuard(app, ctx);
  guardApiInput(app);
  app.setErrorHandler((error, request, reply) => {
    const { error: apiError, unexpected } = toApiError(error);
    if (unexpected) request.log.error({ err: error }, 'unexpected error serving a host API request');
    return sendApiError(reply, apiError);
  });
  app.setNotFoundHandler((request, reply) => sendApiError(reply, new ApiError(404, 'not_found', `no endpoint ${request.method} ${request.url.split('?')[0]}`)));
  registerFeatureRoutes(app, ctx);
}
