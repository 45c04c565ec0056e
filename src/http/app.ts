// The HTTP application: request ids, structured logs that never carry a
// secret, health and readiness, metrics, the edge's limits (load shedding,
// rate limits, timeouts, a connection cap), and the SCIM surface.

import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { Services } from '../services.js';
import { scimPlugin } from './scim/scim-plugin.js';
import type { ScimLimits } from './scim/scim-context.js';
import { scimOAuthTokenPlugin } from './scim/oauth-token-plugin.js';
import { registerMetrics } from './metrics.js';
import { registerActivityMetrics } from './api/activity-metrics.js';
import { adminPlugin } from './api/admin-plugin.js';
import { hostPlugin } from './api/host-plugin.js';
import { ssoPlugin } from './sso/sso-plugin.js';
import { registerDashboard } from './dashboard.js';
import { createOidcSurface, oidcPlugin } from './oidc/oidc-plugin.js';
import { registerLoadShedding, type EdgeLimits } from './load-shedding.js';
import { registerEdgeMetrics } from './load-shedding-metrics.js';
import { createRateLimiter } from './rate-limit.js';
import { createActivitySampler } from './api/activity-sampler.js';
import { redactQuerySecrets } from './redact-query-secrets.js';
import { registerRequestLog } from './request-log.js';
import { OneLinePerRequest } from './request-log-controller.js';

/** What readiness needs of the database; storage/database.ts's Storage is one (http imports no storage). */
export interface DatabaseProbe {
  /** Which database, shown by /readyz. */
  readonly dialect: string;
  /** A cheap round trip. */
  ping(): Promise<void>;
}

export interface AppOptions {
  services: Services;
  storage: DatabaseProbe;
  publicUrl: string;
  limits: ScimLimits;
  logLevel?: string;
  requestTimeoutMs?: number;
  metrics?: boolean;
  /** Where log lines go (default stdout); tests capture them. pino needs only `write`. */
  logStream?: { write(line: string): void };
  /** Rate limits, load shedding, timeouts; without it, none (tests) and Node's defaults. */
  edge?: EdgeLimits;
  /** Called with every route as it is registered (tests walk them: test/http/route-guards.test.ts). */
  onRoute?: (route: RouteOptions) => void;
}

/** How often Node checks the header and request timeouts (its default, 30 s, would let a slow client stay that much longer). */
const connectionsCheckingInterval = (edge: EdgeLimits) => Math.max(500, Math.min(30_000, Math.floor(edge.headersTimeoutMs / 2)));

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Tokens and cookies never reach a log line.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'], censor: '[redacted]' },
      // fastify's own request fields, with a token sent in the query (?access_token=) replaced.
      serializers: {
        req: (req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
          method: req.method,
          url: redactQuerySecrets(req.url),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
      },
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // One line per request, written when it completes (request-log.ts), instead of fastify's two; its error lines stay.
    logController: new OneLinePerRequest(),
    bodyLimit: options.limits.bulkMaxPayloadBytes,
    requestTimeout: options.requestTimeoutMs ?? 55_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    ...(options.edge
      ? {
          keepAliveTimeout: options.edge.keepAliveTimeoutMs,
          http: {
            headersTimeout: options.edge.headersTimeoutMs,
            requestTimeout: options.requestTimeoutMs ?? 55_000,
            connectionsCheckingInterval: connectionsCheckingInterval(options.edge),
          },
        }
      : {}),
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  // Past this many open sockets Node closes new ones at once, so slow or idle clients cannot exhaust file descriptors.
  if (options.edge?.maxConnections) app.server.maxConnections = options.edge.maxConnections;

  // First hook of all: past the in-flight bound, 503 before any other work.
  const shedding = registerLoadShedding(app, options.edge?.maxInFlight ?? 0);
  const scimRate = createRateLimiter(options.edge?.scimRate ?? { perMinute: 0, burst: 1 });
  const apiRate = createRateLimiter(options.edge?.apiRate ?? { perMinute: 0, burst: 1 });
  const activitySampler = createActivitySampler();

  registerRequestLog(app);

  // A callback hook, not an async one: no promise to settle on every request.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('X-Request-Id', request.id);
    // No answer is to be sniffed into another type (an error body rendered as HTML, say).
    reply.header('X-Content-Type-Options', 'nosniff');
    done(null, payload);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await options.storage.ping();
      return { status: 'ready', database: options.storage.dialect };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'the database does not answer' });
    }
  });
  if (options.metrics !== false) {
    const registry = registerMetrics(app);
    registerActivityMetrics(registry, options.services.realtime.activity);
    registerEdgeMetrics(registry, { shedding, scimRate, apiRate, sampler: activitySampler });
  }

  await app.register(scimPlugin, {
    prefix: '/scim/v2/:teamId',
    services: options.services,
    limits: options.limits,
    publicUrl: options.publicUrl,
    rateLimiter: scimRate,
    activitySampler,
  });
  // The team's OAuth token endpoint (client credentials), beside the SCIM plugin so its bearer auth does not apply.
  await app.register(scimOAuthTokenPlugin, { prefix: '/scim/v2/:teamId', services: options.services, publicUrl: options.publicUrl, activitySampler });
  await app.register(adminPlugin, { prefix: '/api/admin', services: options.services, publicUrl: options.publicUrl });
  await app.register(hostPlugin, { prefix: '/api/v1', services: options.services, publicUrl: options.publicUrl, rateLimiter: apiRate });
  // Members sign in to the host product through Rollcall's OpenID Provider; the SSO callback hands their sign-ins back to it.
  const oidc = await createOidcSurface(options.services, options.publicUrl);
  await app.register(ssoPlugin, { prefix: '/sso', services: options.services, publicUrl: options.publicUrl, memberSignIn: oidc.memberSignIn });
  await app.register(oidcPlugin, { prefix: '/oidc', services: options.services, publicUrl: options.publicUrl, surface: oidc });
  // Last, so /api, /scim and /sso keep their routes and 404s; everything else is the dashboard.
  await registerDashboard(app);
  return app;
}
