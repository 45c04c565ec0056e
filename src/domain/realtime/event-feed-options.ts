// The tunables of real-time sync (events feed, SSE, webhooks, activity log,
// diagnostics) in one typed object. Defaults here match src/config/options.ts;
// tests pass short ones (tiny backoff, fast polls) instead of waiting hours.

import type { ActivityOptions } from '../activity/activity-log.js';
import type { RetryPolicy } from './webhooks-backoff.js';

export interface RealtimeOptions {
  sse: { heartbeatMs: number; pollMs: number };
  webhooks: {
    retry: RetryPolicy;
    timeoutMs: number;
    disableAfterMs: number;
    previousSecretTtlMs: number;
    concurrency: number;
    pollMs: number;
  };
  activity: ActivityOptions & { purgeIntervalMs: number };
  diagnostics: { windowMs: number; quietAfterMs: number };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_REALTIME_OPTIONS: RealtimeOptions = {
  sse: { heartbeatMs: 15_000, pollMs: 2_000 },
  webhooks: {
    retry: { baseMs: 30_000, maxMs: 4 * HOUR, windowMs: 3 * DAY },
    timeoutMs: 10_000,
    disableAfterMs: 3 * DAY,
    previousSecretTtlMs: DAY,
    concurrency: 8,
    pollMs: 1_000,
  },
  activity: { retentionMs: 30 * DAY, bufferMax: 10_000, flushIntervalMs: 250, flushBatch: 500, purgeIntervalMs: HOUR },
  diagnostics: { windowMs: 7 * DAY, quietAfterMs: DAY },
};

/** Defaults with some parts replaced (each part as a whole or field by field). */
export function realtimeOptions(overrides: { [K in keyof RealtimeOptions]?: Partial<RealtimeOptions[K]> } = {}): RealtimeOptions {
  const d = DEFAULT_REALTIME_OPTIONS;
  return {
    sse: { ...d.sse, ...overrides.sse },
    webhooks: { ...d.webhooks, ...overrides.webhooks },
    activity: { ...d.activity, ...overrides.activity },
    diagnostics: { ...d.diagnostics, ...overrides.diagnostics },
  };
}
