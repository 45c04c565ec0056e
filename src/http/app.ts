// The HTTP application: request ids, structured logs that never carry a
// secret, health and readiness, metrics, and the SCIM surface.

import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import type { Storage } from '../storage/database.js';
import { scimPlugin, type ScimLimits } from './scim/scim-plugin.js';
import { registerMetrics } from './metrics.js';
import { registerActivityMetrics } from './api/activity-metrics.js';
import { adminPlugin } from './api/admin-plugin.js';
import { hostPlugin } from './api/host-plugin.js';
import { ssoPlugin } from './sso/sso-plugin.js';
import { registerDashboard } from './dashboard.js';
import { createOidcSurface, oidcPlugin } from './oidc/oidc-plugin.js';

export interface AppOptions {
  services: Services;
  storage: Storage;
  publicUrl: string;
  limits: ScimLimits;
  logLevel?: string;
  requestTimeoutMs?: number;
  metrics?: boolean;
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Tokens and cookies never reach a log line.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'], censor: '[redacted]' },
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: options.limits.bulkMaxPayloadBytes,
    requestTimeout: options.requestTimeoutMs ?? 55_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Request-Id', request.id);
    return payload;
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
  if (options.metrics !== false) registerActivityMetrics(registerMetrics(app), options.services.realtime.activity);

  await app.register(scimPlugin, { prefix: '/scim/v2/:teamId', services: options.services, limits: options.limits, publicUrl: options.publicUrl });
  await app.register(adminPlugin, { prefix: '/api/admin', services: options.services, publicUrl: options.publicUrl });
  await app.register(hostPlugin, { prefix: '/api/v1', services: options.services, publicUrl: options.publicUrl });
  // Members sign in to the host product through Rollcall's OpenID Provider; the SSO callback hands their sign-ins back to it.
  const oidc = await createOidcSurface(options.services, options.publicUrl);
  await app.register(ssoPlugin, { prefix: '/sso', services: options.services, publicUrl: options.publicUrl, memberSignIn: oidc.memberSignIn });
  await app.register(oidcPlugin, { prefix: '/oidc', services: options.services, publicUrl: options.publicUrl, surface: oidc });
  // Last, so /api, /scim and /sso keep their routes and 404s; everything else is the dashboard.
  await registerDashboard(app);
  return app;
}
