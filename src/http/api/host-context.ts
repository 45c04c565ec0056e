// What the host API's routes (/api/v1) are given, and the API key its guard
// (api-key-guard.ts) puts on the request. Route modules import this, never
// host-plugin.ts, which imports them.

import type { Services } from '../../services.js';
import type { RateLimiter } from '../rate-limit.js';

export interface HostContext {
  services: Services;
  publicUrl: string;
  /** Per-API-key rate limit (http/rate-limit.ts); none means unlimited. */
  rateLimiter?: RateLimiter;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's API key: bound to one team, or installation-wide (`teamId` null). */
    apiKey?: { keyId: string; teamId: string | null };
  }
}
