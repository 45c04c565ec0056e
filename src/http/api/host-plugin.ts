// The host product's API (/api/v1), authenticated with an API key
// (`Authorization: Bearer rck_…`). A key bound to a team reaches only that
// team; an installation-wide key reaches all. Feature routes (spend, events)
// register in `registerFeatureRoutes`.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { ApiError, forbidden, sendApiError, toApiError, unauthorized } from './api-error.js';
import { guardApiInput } from './guard-api-input.js';
import { registerMemberRoutes } from './member-routes.js';
import { registerSpendHostRoutes } from './spend-host-routes.js';
import { registerHostEventRoutes } from './events-routes.js';
import { registerTeamHostRoutes } from './team-host-routes.js';
import { resolveHostTeam } from './team-ref.js';
import type { RateLimiter } from '../rate-limit.js';
import { rateGate } from '../rate-limit-gate.js';

export interface HostContext {
  services: Services;
  publicUrl: string;
  /** Per-API-key rate limit (http/rate-limit.ts); none means unlimited. */
  rateLimiter?: RateLimiter;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: { keyId: string; teamId: string | null };
  }
  interface FastifyContextConfig {
    /** Only an installation-wide API key may call the route (team lifecycle); a team-bound one gets 403. */
    installationOnly?: boolean;
  }
}

/**
 * The team if the request's API key may reach it; else 404 (as if absent).
 * `teamRef` is the team's id, its slug, or `ext:<externalId>` (team-ref.ts).
 */
export async function requireTeamAccess(request: FastifyRequest, services: Services, teamRef: string) {
  const key = request.apiKey;
  if (!key) throw unauthorized('an API key is required');
  return resolveHostTeam(request, services, teamRef);
}

function registerFeatureRoutes(app: FastifyInstance, ctx: HostContext): void {
  registerTeamHostRoutes(app, ctx);
  registerMemberRoutes(app, ctx);
  registerSpendHostRoutes(app, ctx);
  registerHostEventRoutes(app, ctx);
}

/** 429 + Retry-After (whole seconds) when an API key is over its rate limit (http/rate-limit.ts). */
function sendRateLimited(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  reply.header('Retry-After', String(retryAfterSeconds));
  return sendApiError(reply, new ApiError(429, 'rate_limited', `too many requests with this API key; retry after ${retryAfterSeconds} s`));
}

export async function hostPlugin(app: FastifyInstance, ctx: HostContext): Promise<void> {
  app.decorateRequest('apiKey', undefined);
  app.decorateRequest('hostTeam', undefined);
  guardApiInput(app);
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const rate = rateGate(ctx.rateLimiter, match?.[1]);
    if (rate.retryAfterSeconds !== undefined) return sendRateLimited(reply, rate.retryAfterSeconds);
    const key = match ? await ctx.services.apiKeys.authenticate(match[1]) : undefined;
    if (!key) {
      reply.header('WWW-Authenticate', 'Bearer realm="rollcall-api"');
      return sendApiError(reply, unauthorized('a valid API key is required (Authorization: Bearer rck_…); SCIM tokens and admin sessions do not work here'));
    }
    const wait = rate.admit();
    if (wait !== undefined) return sendRateLimited(reply, wait);
    request.apiKey = key;
  });
  // `{team}` in every path is an id, a slug or `ext:<externalId>`: resolved here, once, to the id (team-ref.ts).
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config && (request.routeOptions.config as { installationOnly?: boolean }).installationOnly && request.apiKey?.teamId !== null) {
      throw forbidden('this needs an installation-wide API key; a key bound to one team cannot create, list, change or delete teams');
    }
    const params = request.params as { teamId?: string } | undefined;
    // A key bound to this very id needs no read (the binding proves the team: deleting it revokes the key).
    if (params?.teamId !== undefined && params.teamId !== request.apiKey?.teamId) params.teamId = (await resolveHostTeam(request, ctx.services, params.teamId)).id;
  });
  app.setErrorHandler((error, request, reply) => {
    const { error: apiError, unexpected } = toApiError(error);
    if (unexpected) request.log.error({ err: error }, 'unexpected error serving a host API request');
    return sendApiError(reply, apiError);
  });
  app.setNotFoundHandler((request, reply) => sendApiError(reply, new ApiError(404, 'not_found', `no endpoint ${request.method} ${request.url.split('?')[0]}`)));
  registerFeatureRoutes(app, ctx);
}
