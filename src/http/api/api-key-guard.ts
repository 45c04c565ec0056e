// The guard of the host API (/api/v1), checking what each route declares
// (route-guard.ts) in the two places the checks have always run: the API key
// and its rate limit when the request arrives (before its body is read), the
// team the key must reach just before the handler (after the body and
// parameters passed their checks, so a bad request is a 400 whoever sends it).

import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { rateGate } from '../rate-limit-gate.js';
import { ApiError, badRequest, forbidden, sendApiError, unauthorized } from './api-error.js';
import type { HostContext } from './host-context.js';
import { requireDeclaredGuards, routeGuard } from './route-guard.js';

/** 429 + Retry-After (whole seconds) when an API key is over its rate limit (http/rate-limit.ts). */
function sendRateLimited(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  reply.header('Retry-After', String(retryAfterSeconds));
  return sendApiError(reply, new ApiError(429, 'rate_limited', `too many requests with this API key; retry after ${retryAfterSeconds} s`));
}

/** Installs the guard; call it before registering any route. */
export function installApiKeyGuard(app: FastifyInstance, ctx: HostContext): void {
  app.decorateRequest('apiKey', undefined);
  app.decorateRequest('guarded', undefined);
  requireDeclaredGuards(app, ['apiKey']);

  // Every request needs a key, whatever its route (the not-found handler too).
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

  app.addHook('preHandler', async (request) => {
    const declared = routeGuard(request);
    const key = request.apiKey;
    if (declared?.credential !== 'apiKey' || !key) return;
    if (declared.installationOnly && key.teamId !== null) {
      throw forbidden('this needs an installation-wide API key; a key bound to one team cannot create, list, change or delete teams');
    }
    if (declared.team === 'none') return;
    const params = request.params as { teamId?: string };
    const ref = declared.team === 'path' ? params.teamId : ((request.query as { teamId?: string }).teamId ?? key.teamId);
    if (!ref) {
      if (declared.installationStream) return;
      throw badRequest('this API key serves every team: name one with ?teamId=');
    }
    // A key bound to this very id needs no read when the handler needs no team (the binding proves the team: deleting it revokes the key).
    if (!declared.loadTeam && key.teamId === ref) return;
    // The team by its id, its slug or `ext:<externalId>` (domain/directory/teams.ts); deleted teams are not found.
    const team = await ctx.services.teams.find(ref);
    // Another team than the key's: answered as if it did not exist.
    if (key.teamId !== null && key.teamId !== team.id) throw new DomainError('team.not_found', `no team "${ref}"`);
    // Routes only ever see ids.
    if (declared.team === 'path') params.teamId = team.id;
    request.guarded = { team };
  });
}
