// The admin session's two cookies: the HttpOnly session secret, and the CSRF
// token the dashboard's script reads and echoes in X-CSRF-Token.

import type { FastifyReply } from 'fastify';
import { serializeCookie } from './cookies.js';

export const SESSION_COOKIE = 'rollcall_session';
export const CSRF_COOKIE = 'rollcall_csrf';

export function setSessionCookies(reply: FastifyReply, publicUrl: string, secret: string, csrf: string, expiresAt: string): void {
  const secure = publicUrl.startsWith('https://');
  const maxAgeSeconds = (new Date(expiresAt).getTime() - Date.now()) / 1000;
  reply.header('Set-Cookie', [
    serializeCookie(SESSION_COOKIE, secret, { httpOnly: true, secure, maxAgeSeconds }),
    // Readable by the dashboard's script, which echoes it in X-CSRF-Token.
    serializeCookie(CSRF_COOKIE, csrf, { httpOnly: false, secure, maxAgeSeconds }),
  ]);
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.header('Set-Cookie', [`${SESSION_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`, `${CSRF_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`]);
}
