// Where a credential's rate limit is checked. A credential that already has
// a bucket (it was valid before) spends from it BEFORE its lookup, so the
// excess of a flooding IdP or host costs a SHA-256 and a map lookup, no
// database work, and the event loop stays free for other teams. A credential
// without a bucket gets one only once it has proved valid: made-up tokens
// never fill the limiter's memory, and nobody can spend a team's budget
// without its token.

import { hashSecret } from '../domain/secrets.js';
import type { RateLimiter } from './rate-limit.js';

export interface RatePass {
  /** Seconds to wait when the credential is over its limit already; else undefined. */
  retryAfterSeconds?: number;
  /** Call once the credential proved valid: the seconds to wait, or undefined to go on. */
  admit(): number | undefined;
}

const OPEN: RatePass = { admit: () => undefined };

/**
 * `scope` narrows the bucket to where the credential proved valid (the SCIM
 * URL's team): a token used on another team's URL finds no bucket and gets
 * that team's 401, never its 429.
 */
export function rateGate(limiter: RateLimiter | undefined, secret: string | undefined, scope = ''): RatePass {
  if (!limiter?.enabled || !secret) return OPEN;
  const key = `${hashSecret(secret)}${scope ? `@${scope}` : ''}`;
  const early = limiter.takeIfTracked(key);
  if (early && !early.allowed) return { retryAfterSeconds: early.retryAfterSeconds, admit: () => early.retryAfterSeconds };
  if (early) return OPEN;
  return {
    admit() {
      const verdict = limiter.take(key);
      return verdict.allowed ? undefined : verdict.retryAfterSeconds;
    },
  };
}
