// What the SCIM routes share: their context, limits, content type and the
// team the request's URL names. Route modules import this, never
// scim-plugin.ts, which imports them.

import type { Services } from '../../services.js';
import type { ActivitySampler } from '../api/activity-sampler.js';
import type { RateLimiter } from '../rate-limit.js';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

export interface ScimLimits {
  maxResults: number;
  defaultCount: number;
  bulkMaxOperations: number;
  bulkMaxPayloadBytes: number;
  maxBodyBytes: number;
}

export interface ScimContext {
  services: Services;
  limits: ScimLimits;
  publicUrl: string;
  /** Per-token rate limit (http/rate-limit.ts); none means unlimited. */
  rateLimiter?: RateLimiter;
  /** Which refused requests become activity rows (api/activity-sampler.ts). */
  activitySampler?: ActivitySampler;
}

declare module 'fastify' {
  interface FastifyRequest {
    teamId: string;
    scimBaseUrl: string;
  }
}
