// The provider's secrets, generated on first start and kept in the database
// so every instance signs ID tokens with the same key (published at
// /oidc/jwks, RFC 7517) and reads the same signed cookies.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { OidcKeyStore } from '../domain/member-sign-in/store.js';

export interface ProviderKeys {
  /** Private JWKs for ID token signing (RS256). */
  signing: Record<string, unknown>[];
  /** Keys for oidc-provider's signed cookies (keygrip: the first signs, all verify). */
  cookies: string[];
}

function newSigningKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return JSON.stringify({ ...jwk, kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' });
}

export async function loadProviderKeys(store: OidcKeyStore, at: string): Promise<ProviderKeys> {
  const signing = JSON.parse(await store.getOrCreate('signing-rs256', newSigningKey, at)) as Record<string, unknown>;
  const cookies = JSON.parse(await store.getOrCreate('cookies', () => JSON.stringify([randomBytes(32).toString('base64url')]), at)) as string[];
  return { signing: [signing], cookies };
}
