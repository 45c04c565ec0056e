// Which refused requests become activity rows: one per team, status and
// token per window; other statuses always; shed requests never.

import { describe, expect, it } from 'vitest';
import { createActivitySampler } from './activity-sampler.js';

describe('activity sampler', () => {
  it('keeps one 401 per team and token per window, and counts the rest', () => {
    let t = 0;
    const sampler = createActivitySampler({ windowMs: 60_000, now: () => t });
    const missing = { teamId: 'a', status: 401, tokenHash: null };
    expect([1, 2, 3].map(() => sampler.keep(missing))).toEqual([true, false, false]);
    expect(sampler.keep({ ...missing, tokenHash: 'h1' })).toBe(true);
    expect(sampler.keep({ ...missing, teamId: 'b' })).toBe(true);
    expect(sampler.suppressedCount()).toBe(2);
    t = 60_000;
    expect(sampler.keep(missing)).toBe(true);
  });

  it('samples 429s per team, keeps every other status, and drops shed requests', () => {
    const sampler = createActivitySampler({ now: () => 0 });
    expect([1, 2].map(() => sampler.keep({ teamId: 'a', status: 429 }))).toEqual([true, false]);
    expect([1, 2].map(() => sampler.keep({ teamId: 'a', status: 404 }))).toEqual([true, true]);
    expect(sampler.keep({ teamId: 'a', status: 503, shed: true })).toBe(false);
  });

  it('remembers at most maxKeys causes: a flood of made-up tokens is suppressed, not stored', () => {
    let t = 0;
    const sampler = createActivitySampler({ windowMs: 1000, maxKeys: 2, now: () => t });
    expect(['x', 'y', 'z'].map((h) => sampler.keep({ teamId: 'a', status: 401, tokenHash: h }))).toEqual([true, true, false]);
    t = 1000;
    expect(sampler.keep({ teamId: 'a', status: 401, tokenHash: 'z' })).toBe(true);
  });
});
