// Prometheus metrics of the edge, read at scrape time: requests in flight,
// requests shed with 503, requests refused with 429 per surface, and refused
// requests kept out of the activity log by the sampler.

import { Counter, Gauge, type Registry } from 'prom-client';
import type { LoadShedding } from './load-shedding.js';
import type { RateLimiter } from './rate-limit.js';
import type { ActivitySampler } from './api/activity-sampler.js';

/** A counter that follows a running total kept elsewhere. */
function follow(registry: Registry, name: string, help: string, read: () => number): void {
  let seen = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const now = read();
      if (now > seen) this.inc(now - seen);
      seen = now;
    },
  });
}

export function registerEdgeMetrics(
  registry: Registry,
  edge: { shedding: LoadShedding; scimRate: RateLimiter; apiRate: RateLimiter; sampler: ActivitySampler },
): void {
  new Gauge({
    name: 'rollcall_http_in_flight',
    help: 'Requests being worked on now (health, metrics and event streams not counted)',
    registers: [registry],
    collect() {
      this.set(edge.shedding.inFlight());
    },
  });
  follow(registry, 'rollcall_http_shed_total', 'Requests answered 503 because ROLLCALL_MAX_IN_FLIGHT requests were already in flight', edge.shedding.shedCount);
  follow(registry, 'rollcall_scim_rate_limited_total', 'SCIM requests answered 429 because their token was over its rate limit', edge.scimRate.refusedCount);
  follow(registry, 'rollcall_api_rate_limited_total', 'Host API (/api/v1) requests answered 429 because their API key was over its rate limit', edge.apiRate.refusedCount);
  follow(
    registry,
    'rollcall_activity_suppressed_total',
    'Refused SCIM requests (401 and 429) not written to the activity log: one per team, status and token per minute is kept',
    edge.sampler.suppressedCount,
  );
}
