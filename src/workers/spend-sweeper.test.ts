import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSpendSweeper } from './spend-sweeper.js';

describe('startSpendSweeper', () => {
  afterEach(() => vi.useRealTimers());

  it('sweeps on every interval, never two at once, reports errors and stops', async () => {
    vi.useFakeTimers();
    let calls = 0;
    let release: () => void = () => undefined;
    const errors: unknown[] = [];
    const sweeper = startSpendSweeper({
      sweep: () => {
        calls++;
        return calls === 2 ? Promise.reject(new Error('db down')) : new Promise<void>((r) => (release = r));
      },
      intervalMs: 1000,
      onError: (e) => errors.push(e),
    });
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000); // the first sweep still runs: skipped
    expect(calls).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors).toHaveLength(1);
    await sweeper.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(2);
  });
});
