// Where a credential's limit is checked: before the lookup only for a
// credential that proved valid before; a made-up one never gets a bucket.

import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';
import { rateGate } from './rate-limit-gate.js';

describe('rate gate', () => {
  const limiter = () => createRateLimiter({ perMinute: 60, burst: 2, now: () => 0 });

  it('creates a bucket only when the credential is admitted, then refuses before the lookup', () => {
    const l = limiter();
    expect(rateGate(l, 'rcs_made-up').retryAfterSeconds).toBeUndefined();
    expect(l.trackedKeys()).toBe(0);
    expect(rateGate(l, 'rcs_good').admit()).toBeUndefined();
    expect(rateGate(l, 'rcs_good').admit()).toBeUndefined();
    expect(rateGate(l, 'rcs_good').retryAfterSeconds).toBe(1);
    expect(l.trackedKeys()).toBe(1);
  });

  it('keeps a credential\'s bucket to its scope (the team in the URL)', () => {
    const l = limiter();
    for (let i = 0; i < 2; i++) rateGate(l, 'rcs_good', 'team-a').admit();
    expect(rateGate(l, 'rcs_good', 'team-a').retryAfterSeconds).toBe(1);
    expect(rateGate(l, 'rcs_good', 'team-b').retryAfterSeconds).toBeUndefined();
  });

  it('lets everything through without a limiter, a secret, or with the limit off', () => {
    expect(rateGate(undefined, 'rcs_x').admit()).toBeUndefined();
    expect(rateGate(limiter(), undefined).admit()).toBeUndefined();
    const off = createRateLimiter({ perMinute: 0, burst: 1 });
    for (let i = 0; i < 5; i++) expect(rateGate(off, 'rcs_x').admit()).toBeUndefined();
  });
});
