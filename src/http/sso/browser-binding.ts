// Login CSRF defence for SSO sign-ins (admin and member): the browser that
// starts a sign-in gets a short-lived HttpOnly cookie holding the sign-in's
// binding secret (domain/sso/sign-in.ts), and the callback finishes only
// when the browser sends it back. A victim's browser, handed a callback or
// an IdP response from someone else's sign-in, has no such cookie.
//
// SameSite=Lax: the OIDC callback is a top-level GET, which carries Lax
// cookies even from the IdP's site. The SAML response is a cross-site POST,
// which does not: the ACS answers it with a page that posts the same form
// again from Rollcall's own origin (auto-post-page.ts), a same-site POST
// that does carry the cookie. On https the cookie is Secure, with the
// __Host- prefix so a sibling subdomain cannot plant one.

import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookiesWithPrefix, serializeCookie } from '../api/cookies.js';

const NAME = 'rollcall_sso_';
/** Sign-ins one browser may have under way at once that can still finish. */
const MAX_READ = 10;

const secureUrl = (publicUrl: string) => publicUrl.startsWith('https://');
const prefix = (publicUrl: string) => (secureUrl(publicUrl) ? `__Host-${NAME}` : NAME);

/** Adds the binding cookie of a sign-in just started (one cookie per sign-in, so tabs do not clash). */
export function setBindingCookie(reply: FastifyReply, publicUrl: string, binding: string, expiresAt: string): void {
  const suffix = createHash('sha256').update(binding).digest('hex').slice(0, 12);
  const maxAgeSeconds = (new Date(expiresAt).getTime() - Date.now()) / 1000;
  const cookie = serializeCookie(`${prefix(publicUrl)}${suffix}`, binding, { httpOnly: true, secure: secureUrl(publicUrl), maxAgeSeconds, sameSite: 'Lax' });
  const existing = reply.getHeader('set-cookie');
  reply.header('Set-Cookie', [...([] as string[]).concat((existing as string | string[] | undefined) ?? []), cookie]);
}

/** The binding secrets this browser holds. */
export function bindingsOf(request: FastifyRequest, publicUrl: string): string[] {
  return readCookiesWithPrefix(request.headers.cookie, prefix(publicUrl), MAX_READ);
}
