import { describe, expect, it } from 'vitest';
import { nextAttemptAt, retryDelay } from './webhooks-backoff.js';
import { DEFAULT_REALTIME_OPTIONS } from './event-feed-options.js';

const policy = { baseMs: 1000, maxMs: 60_000, windowMs: 86_400_000 };

describe('webhook retry backoff', () => {
  it('doubles from the base up to the cap, between half and all of each step', () => {
    const low = (n: number) => retryDelay(n, policy, () => 0);
    const high = (n: number) => retryDelay(n, policy, () => 1);
    expect([1, 2, 3, 4].map(low)).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map(high)).toEqual([1000, 2000, 4000, 8000]);
    expect(high(30)).toBe(60_000);
    expect(low(1000)).toBe(30_000);
  });

  it('spreads retries with jitter', () => {
    const delays = new Set([0.1, 0.4, 0.9].map((r) => retryDelay(5, policy, () => r)));
    expect(delays.size).toBe(3);
  });

  it('keeps retrying until the delivery is older than the window, then gives up', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    expect(nextAttemptAt(created, new Date('2026-01-01T23:59:59Z'), 20, policy, () => 0)?.toISOString()).toBe('2026-01-02T00:00:29.000Z');
    expect(nextAttemptAt(created, new Date('2026-01-02T00:00:00Z'), 21, policy)).toBeUndefined();
  });

  it('retries for at least a day by default', () => {
    const { retry } = DEFAULT_REALTIME_OPTIONS.webhooks;
    expect(retry.windowMs).toBeGreaterThanOrEqual(86_400_000);
    let t = 0;
    let attempts = 1;
    for (; t < retry.windowMs; attempts++) t += retryDelay(attempts, retry, () => 1);
    expect(attempts).toBeGreaterThan(10);
  });
});
