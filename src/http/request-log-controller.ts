// Fastify's own log lines: its per-request pair (arrival, completion) and
// its "route not found" line give way to the one line request-log.ts writes
// when a request completes; its error lines stay: a 5xx answered by the
// default error handler (routes outside the SCIM and API plugins: health,
// metrics, the dashboard) and a response that failed after its headers
// went out are still logged, with the error.
//
// (fastify's `disableRequestLogging: true` would silence those too, and is
// deprecated in fastify 5.)

import { LogController } from 'fastify';

export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(): void {}
  override routeNotFound(): void {}
}
