// The SCIM surface (RFC 7644) under /scim/v2/:teamId, as one encapsulated
// fastify plugin: its own body parser (application/scim+json, application/json
// or no content type at all), bearer-token auth scoped to the team in the URL,
// and SCIM error bodies for every failure, including 404 and 413.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ScimError, invalidSyntax, invalidValue } from '../../scim/errors.js';
import { describeProblem } from '../../scim/limits.js';
import { hostileParameters, parseGuardedJson } from '../hostile-input.js';
import { toScimError } from './to-scim-error.js';
import { registerDiscoveryRoutes } from './discovery-routes.js';
import { registerUserRoutes } from './user-routes.js';
import { registerGroupRoutes } from './group-routes.js';
import { registerBulkRoutes } from './bulk-routes.js';
import { registerSearchRoutes } from './search-routes.js';
import { registerMeRoutes } from './me-routes.js';
import { recordScimActivity } from '../api/activity-recording.js';
import { rateGate } from '../rate-limit-gate.js';
import { setRetryAfter } from '../retry-after.js';
import { hasQuerySecret } from '../redact-query-secrets.js';
import { scimCredential } from './scim-oauth-auth.js';
import { SCIM_CONTENT_TYPE, type ScimContext } from './scim-context.js';

export function sendScimError(reply: FastifyReply, error: ScimError): FastifyReply {
  if (error.status === 401) reply.header('WWW-Authenticate', 'Bearer realm="SCIM"');
  if (error.status === 503) setRetryAfter(reply);
  return reply.code(error.status).type(SCIM_CONTENT_TYPE).send(error.toBody());
}

/** 429 with Retry-After in whole seconds and a SCIM error body (RFC 6585 §4; IdPs back off on it). */
function sendThrottled(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  reply.header('Retry-After', String(retryAfterSeconds));
  return sendScimError(reply, new ScimError(429, `too many requests with this token; retry after ${retryAfterSeconds} s`));
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match ? match[1].trim() : undefined;
}

export async function scimPlugin(app: FastifyInstance, ctx: ScimContext): Promise<void> {
  app.decorateRequest('teamId', '');
  app.decorateRequest('scimBaseUrl', '');

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: ctx.limits.bulkMaxPayloadBytes }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    // Only /Bulk may use the larger bulk payload limit.
    if (Buffer.byteLength(text) > ctx.limits.maxBodyBytes && !/\/Bulk\/?(\?|$)/.test(request.url)) {
      return done(new ScimError(413, `the request body is larger than ${ctx.limits.maxBodyBytes} bytes`), undefined);
    }
    // NUL, lone surrogates and deep nesting are refused here, once for every route (hostile-input.ts).
    const parsed = parseGuardedJson(text);
    if (parsed.ok) return done(null, parsed.value);
    done(parsed.syntax ? invalidSyntax(parsed.message) : invalidValue(parsed.message), undefined);
  });
  // Callback hooks here and below, not async ones: no promise to settle on every request.
  app.addHook('preValidation', (request, _reply, done) => {
    const problem = hostileParameters(request);
    done(problem ? invalidValue(describeProblem(problem)) : undefined);
  });

  app.addHook('onRequest', async (request, reply) => {
    const { teamId } = request.params as { teamId: string };
    request.teamId = teamId;
    request.scimBaseUrl = `${ctx.publicUrl}/scim/v2/${teamId}`;
    // RFC 6750 §5.3: a token in the URL leaks into logs; refuse it even next to a good header.
    if (hasQuerySecret(request.url)) {
      return sendScimError(reply, new ScimError(401, 'do not send the token in the URL (access_token); send it in the Authorization header: "Authorization: Bearer <token>"'));
    }
    // A SCIM token, or an access token of the team's OAuth token endpoint (scim-oauth-auth.ts).
    const credential = await scimCredential(ctx.services, bearer(request));
    const rate = rateGate(ctx.rateLimiter, credential.rateKey, teamId);
    if (rate.retryAfterSeconds !== undefined) return sendThrottled(reply, rate.retryAfterSeconds);
    const auth = await credential.authenticate();
    // A wrong, revoked or other team's token gets the same answer: nothing
    // tells a caller whether the team exists or the token was ever valid.
    if (!auth || auth.teamId !== teamId) {
      return sendScimError(reply, new ScimError(401, 'a valid bearer token for this team is required'));
    }
    const wait = rate.admit();
    if (wait !== undefined) return sendThrottled(reply, wait);
    // The team may not use SCIM now (plan, SSO disabled): refused before any
    // route runs, so nothing changes (domain/sso/gate.ts).
    if (auth.refusal) return sendScimError(reply, toScimError(auth.refusal).error);
  });

  // Every JSON answer of the SCIM surface is application/scim+json (Entra
  // checks), including the ones a route returns as a plain object.
  app.addHook('preSerialization', (_request, reply, payload, done) => {
    reply.type(SCIM_CONTENT_TYPE);
    done(null, payload);
  });

  app.setErrorHandler((error, request, reply) => {
    const { error: scimError, unexpected } = toScimError(error);
    if (unexpected) request.log.error({ err: error }, 'unexpected error serving a SCIM request');
    return sendScimError(reply, scimError);
  });

  app.setNotFoundHandler((request, reply) =>
    sendScimError(reply, new ScimError(404, `no SCIM endpoint ${request.method} ${request.url.split('?')[0]}`)),
  );

  registerDiscoveryRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerGroupRoutes(app, ctx);
  registerBulkRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerMeRoutes(app);
  // Every answered request goes to the activity log (buffered; written in batches).
  recordScimActivity(app, ctx.services.realtime.activity, ctx.activitySampler);
}
