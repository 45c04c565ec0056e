// The token bucket with a hand-driven clock: bursts, refill, Retry-After in
// whole seconds, unknown keys, the bound on tracked keys, and "off".

import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('rate limiter', () => {
  it('lets a key burst, then refuses with the seconds until one request is allowed again', () => {
    const c = clock();
    const limiter = createRateLimiter({ perMinute: 60, burst: 3, now: c.now });
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.refusedCount()).toBe(1);
    c.advance(1000);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('rounds Retry-After up to whole seconds, never below 1', () => {
    const c = clock();
    const limiter = createRateLimiter({ perMinute: 6, burst: 1, now: c.now });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    c.advance(9_500);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    c.advance(500);
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('refills no further than the burst', () => {
    const c = clock();
    const limiter = createRateLimiter({ perMinute: 600, burst: 2, now: c.now });
    limiter.take('a');
    c.advance(3_600_000);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, false]);
  });

  it('keeps keys apart', () => {
    const limiter = createRateLimiter({ perMinute: 60, burst: 1, now: clock().now });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('answers undefined for a key it has no bucket for, and spends from a tracked one', () => {
    const limiter = createRateLimiter({ perMinute: 60, burst: 2, now: clock().now });
    expect(limiter.takeIfTracked('a')).toBeUndefined();
    expect(limiter.trackedKeys()).toBe(0);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.takeIfTracked('a')).toEqual({ allowed: true });
    expect(limiter.takeIfTracked('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('forgets idle keys first when it tracks too many, and never grows past the bound', () => {
    const c = clock();
    const limiter = createRateLimiter({ perMinute: 60, burst: 1, maxKeys: 3, now: c.now });
    limiter.take('busy');
    limiter.take('idle-1');
    limiter.take('idle-2');
    c.advance(1000);
    limiter.take('busy');
    limiter.take('new');
    // idle-1 and idle-2 refilled to full and were dropped; busy kept its state.
    expect(limiter.trackedKeys()).toBe(2);
    expect(limiter.take('busy').allowed).toBe(false);
    for (let i = 0; i < 10; i++) limiter.take(`flood-${i}`);
    expect(limiter.trackedKeys()).toBeLessThanOrEqual(3);
  });

  it('allows everything when off (perMinute 0)', () => {
    const limiter = createRateLimiter({ perMinute: 0, burst: 1, now: clock().now });
    expect(limiter.enabled).toBe(false);
    for (let i = 0; i < 100; i++) expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.takeIfTracked('b')).toEqual({ allowed: true });
  });
});
