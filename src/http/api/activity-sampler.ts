// Keeps refused-request noise out of the activity log. Anyone can send
// requests without credentials (or with made-up ones) to a team's SCIM URL,
// and an IdP past its rate limit is answered 429 many times a second: each
// would be one row. Per team, per status and per token presented (none
// counts as one), one such row per window is kept and the rest are counted
// (`rollcall_activity_suppressed_total`). A distinct token still gets its own
// row, so diagnostics can tell a revoked token from an unknown one. Requests
// shed with 503 before authentication are not logged at all: nothing proved
// which team they were for.

export interface SampledRequest {
  teamId: string;
  status: number;
  /** SHA-256 of the bearer token presented; null when none was. */
  tokenHash?: string | null;
  shed?: boolean;
}

export interface ActivitySamplerOptions {
  windowMs?: number;
  /** Most (team, status, token) keys remembered; past it, new keys are suppressed until the window ends. */
  maxKeys?: number;
  now?: () => number;
}

const SAMPLED_STATUSES = new Set([401, 429]);

export function createActivitySampler(options: ActivitySamplerOptions = {}) {
  const windowMs = options.windowMs ?? 60_000;
  const maxKeys = options.maxKeys ?? 1000;
  const now = options.now ?? Date.now;
  const keptAt = new Map<string, number>();
  let suppressed = 0;

  function forgetExpired(t: number): void {
    for (const [key, at] of keptAt) if (t - at >= windowMs) keptAt.delete(key);
  }

  return {
    /** Whether this answered request becomes an activity row. */
    keep(r: SampledRequest): boolean {
      if (r.shed) return false;
      if (!SAMPLED_STATUSES.has(r.status)) return true;
      const key = `${r.teamId}\n${r.status}\n${r.tokenHash ?? 'none'}`;
      const t = now();
      const at = keptAt.get(key);
      if (at === undefined || t - at >= windowMs) {
        if (at === undefined && keptAt.size >= maxKeys) forgetExpired(t);
        if (at !== undefined || keptAt.size < maxKeys) {
          keptAt.set(key, t);
          return true;
        }
      }
      suppressed++;
      return false;
    },
    suppressedCount: () => suppressed,
  };
}

export type ActivitySampler = ReturnType<typeof createActivitySampler>;
