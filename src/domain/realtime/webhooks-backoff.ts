// When a failed webhook delivery is tried again: exponential backoff (base,
// doubling, capped) with "equal jitter" — half the step fixed, half random —
// so endpoints that failed together do not all retry in the same instant,
// and none retries sooner than half its step. Retries go on until the
// delivery is older than the retry window (at least a day by default).

export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** Largest delay between two attempts. */
  maxMs: number;
  /** A delivery older than this is given up after its next failure. */
  windowMs: number;
}

/** Delay before the next attempt, after `attempts` attempts have failed (1 or more). */
export function retryDelay(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** The next attempt's time, or undefined when the delivery has used up its window. */
export function nextAttemptAt(createdAt: Date, now: Date, attempts: number, policy: RetryPolicy, random?: () => number): Date | undefined {
  if (now.getTime() - createdAt.getTime() >= policy.windowMs) return undefined;
  return new Date(now.getTime() + retryDelay(attempts, policy, random));
}
