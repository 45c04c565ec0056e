// One log line per request, when it completes: method, URL (a token in the
// query replaced, redact-query-secrets.ts), status, response time in ms and
// the remote address, under the request's id. fastify's own request logging
// writes two lines (arrival and completion) and serializes the request twice;
// on a lookup that costs about as much CPU as the lookup itself. The arrival
// line is still there at `debug`, for chasing a request that never answers.

import type { FastifyInstance } from 'fastify';
import { redactQuerySecrets } from './redact-query-secrets.js';

/** pino's level numbers; `silent` is above every level. */
const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const enabled = (app: FastifyInstance, level: 'debug' | 'info') => (LEVELS[app.log.level] ?? LEVELS.info) <= LEVELS[level];

export function registerRequestLog(app: FastifyInstance): void {
  // No hook at all when its line would not be written: a hook costs on every request.
  if (enabled(app, 'debug')) {
    app.addHook('onRequest', (request, _reply, done) => {
      request.log.debug({ req: request }, 'incoming request');
      done();
    });
  }
  if (!enabled(app, 'info')) return;
  app.addHook('onResponse', (request, reply, done) => {
    // Built by hand, not through the `req`/`res` serializers: the same fields for less work.
    request.log.info(
      {
        req: { method: request.method, url: redactQuerySecrets(request.url), remoteAddress: request.ip },
        res: { statusCode: reply.statusCode },
        responseTime: reply.elapsedTime,
      },
      'request completed',
    );
    done();
  });
}
