// Login CSRF defence: an admin or member sign-in is bound to the browser
// that started it. beginSignIn returns a `binding` secret (the HTTP layer
// keeps it in a short-lived HttpOnly cookie) and the request id is derived
// from it by SHA-256, so the id that travels through the IdP (SAML ID and
// InResponseTo, OIDC state) reveals nothing of the secret; completeSignIn
// finishes only for a browser that shows it. An admin's test is exempt: it
// opens no session. Deriving the id keeps the binding stateless: any
// instance can check it, and nothing more is stored.

import { createHash } from 'node:crypto';
import type { SsoRequestRecord } from './store.js';

/** The request id a browser binding stands for (SAML IDs must be NCNames: saml-core §1.3.4). */
export function requestIdFor(kind: 'saml' | 'oidc', binding: string): string {
  const digest = createHash('sha256').update(binding).digest();
  return kind === 'saml' ? `_${digest.toString('hex').slice(0, 40)}` : digest.toString('base64url');
}

/** Whether the browser that sent the callback started this sign-in. */
export function startedHere(request: SsoRequestRecord, bindings: readonly string[]): boolean {
  return request.purpose === 'test' || bindings.some((b) => requestIdFor(request.kind, b) === request.id);
}
