// Bearer secrets of every kind (SCIM tokens, API keys, sessions, sign-in
// links): 256 random bits behind a prefix that says what the secret is, stored
// only as a SHA-256 hash. A high-entropy secret needs no slow KDF: a hash
// lookup cannot be brute forced.

import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SECRET_PREFIXES = {
  scimToken: 'rcs_',
  apiKey: 'rck_',
  session: 'rcx_',
  signInLink: 'rcl_',
  /** An OAuth client's secret for the SCIM token endpoint (domain/directory/scim-oauth.ts). */
  scimClientSecret: 'rccs_',
  /** A short-lived SCIM access token that endpoint issues. */
  scimAccessToken: 'rcat_',
  /** An admin portal link (domain/access/portal-links.ts). */
  portalLink: 'rcp_',
} as const;

// crypto.hash (one shot, Node ≥ 20.12) gives createHash(…).update(…).digest('hex')'s bytes at a fifth of the
// cost: every SCIM request and every host API request hashes its bearer secret.
export const hashSecret = (secret: string): string => hash('sha256', secret, 'hex');

export function newSecret(prefix: string): { secret: string; hash: string; shown: string } {
  const secret = prefix + randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret), shown: secret.slice(0, prefix.length + 6) };
}

/** Constant-time comparison of two secrets or hashes (length is not secret). */
export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A secret of the given kind that is plausibly well-formed (cheap pre-check). */
export function looksLike(secret: string, prefix: string): boolean {
  return secret.startsWith(prefix) && secret.length >= prefix.length + 40 && secret.length <= 200;
}
