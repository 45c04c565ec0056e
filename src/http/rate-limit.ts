// Token buckets keyed by a credential's hash (a SCIM token, an API key): each
// key may burst up to `burst` requests and is refilled at `perMinute`. A
// refused request learns how many whole seconds until one token is back
// (`Retry-After`, RFC 9110 §10.2.3; RFC 6585 §4 for 429). The buckets live in
// this process's memory: with N instances behind a load balancer a key's
// effective limit is N times the configured one.

export interface RateLimitOptions {
  /** Sustained requests per minute per key; 0 turns the limiter off. */
  perMinute: number;
  /** Requests a key may make at once after being idle (bucket size). */
  burst: number;
  /** Most keys tracked; past it, idle (full) buckets are forgotten. */
  maxKeys?: number;
  /** Milliseconds since some epoch; injected so tests control time. */
  now?: () => number;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

const ALLOWED: RateVerdict = { allowed: true };

export function createRateLimiter(options: RateLimitOptions) {
  const now = options.now ?? Date.now;
  const perMs = options.perMinute / 60_000;
  const burst = Math.max(1, options.burst);
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, Bucket>();
  const enabled = options.perMinute > 0;
  let refused = 0;

  function refill(bucket: Bucket, t: number): void {
    if (t > bucket.at) bucket.tokens = Math.min(burst, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
  }

  /** A full bucket is the same as no bucket: drop those when the map is full. */
  function forgetIdle(t: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, t);
      if (bucket.tokens >= burst) buckets.delete(key);
    }
    // Every key is busy (a flood of distinct keys): start over rather than grow without bound.
    if (buckets.size >= maxKeys) buckets.clear();
  }

  function spend(bucket: Bucket, t: number): RateVerdict {
    refill(bucket, t);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return ALLOWED;
    }
    refused++;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }

  return {
    enabled,
    /**
     * Spends one token of a key seen before; `undefined` for a key without a
     * bucket. Callers check this before any database work, so a flooding
     * key's excess costs a hash and a map lookup.
     */
    takeIfTracked(key: string): RateVerdict | undefined {
      if (!enabled) return ALLOWED;
      const bucket = buckets.get(key);
      return bucket ? spend(bucket, now()) : undefined;
    },
    /** Spends one token, creating the key's bucket (full) if needed: call it once the key is known to be valid. */
    take(key: string): RateVerdict {
      if (!enabled) return ALLOWED;
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) forgetIdle(t);
        bucket = { tokens: burst, at: t };
        buckets.set(key, bucket);
      }
      return spend(bucket, t);
    },
    /** Requests refused so far (for the metrics). */
    refusedCount: () => refused,
    trackedKeys: () => buckets.size,
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
