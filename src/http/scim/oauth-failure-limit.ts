// Failed client authentications at the SCIM token endpoint, counted per
// (team, client_id) in fixed windows: past `maxFailures` in one window, that
// client id is answered 429 until the window ends, before its secret is even
// looked at. A 256-bit secret cannot be guessed anyway; this bounds the work
// and the noise a guesser causes. A success does not spend anything, and the
// count lives in this process's memory (per instance, like the rate limits).

export interface FailureLimitOptions {
  maxFailures?: number;
  windowMs?: number;
  maxKeys?: number;
  now?: () => number;
}

export function createFailureLimit(options: FailureLimitOptions = {}) {
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; failures: number }>();
  let refused = 0;

  const current = (key: string, t: number) => {
    const entry = windows.get(key);
    if (entry && t - entry.start < windowMs) return entry;
    if (entry) windows.delete(key);
    return undefined;
  };

  return {
    /** Seconds until `key` may try again, or undefined when it may now. */
    retryAfter(key: string): number | undefined {
      const t = now();
      const entry = current(key, t);
      if (!entry || entry.failures < maxFailures) return undefined;
      refused++;
      return Math.max(1, Math.ceil((entry.start + windowMs - t) / 1000));
    },
    /** Counts one failed authentication of `key`. */
    fail(key: string): void {
      const t = now();
      const entry = current(key, t);
      if (entry) {
        entry.failures++;
        return;
      }
      // A flood of distinct made-up ids: start over rather than grow without bound.
      if (windows.size >= maxKeys) windows.clear();
      windows.set(key, { start: t, failures: 1 });
    },
    refusedCount: () => refused,
  };
}

export type FailureLimit = ReturnType<typeof createFailureLimit>;
