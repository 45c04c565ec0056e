// Signing in with a one-time link, the signed-in admin, and their sessions.

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AdminContext } from './admin-plugin.js';
import { CSRF_COOKIE, SESSION_COOKIE, signedIn } from './admin-plugin.js';
import { badRequest } from './api-error.js';
import { serializeCookie } from './cookies.js';

export function setSessionCookies(reply: FastifyReply, publicUrl: string, secret: string, csrf: string, expiresAt: string): void {
  const secure = publicUrl.startsWith('https://');
  const maxAgeSeconds = (new Date(expiresAt).getTime() - Date.now()) / 1000;
  reply.header('Set-Cookie', [
    serializeCookie(SESSION_COOKIE, secret, { httpOnly: true, secure, maxAgeSeconds }),
    // Readable by the dashboard's script, which echoes it in X-CSRF-Token.
    serializeCookie(CSRF_COOKIE, csrf, { httpOnly: false, secure, maxAgeSeconds }),
  ]);
}

export function registerSessionRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { adminAccess } = ctx.services;

  app.post('/sessions', async (request, reply) => {
    const body = request.body as { link?: unknown } | undefined;
    if (!body || typeof body.link !== 'string') throw badRequest('send { "link": "<the secret from the sign-in link>" }');
    const { secret, session } = await adminAccess.redeemSignInLink(body.link);
    setSessionCookies(reply, ctx.publicUrl, secret, session.csrfToken, session.expiresAt);
    return reply.code(201).send({ sessionId: session.id, expiresAt: session.expiresAt, csrfToken: session.csrfToken });
  });

  app.get('/me', async (request) => {
    const { account, session } = signedIn(request);
    return {
      account: { id: account.id, email: account.email, name: account.name },
      session: { id: session.id, expiresAt: session.expiresAt, method: session.method },
      csrfToken: session.csrfToken,
      teams: await adminAccess.teamsOf(account.id),
    };
  });

  app.post('/sign-out', async (request, reply) => {
    const { account, session } = signedIn(request);
    await adminAccess.revokeSession(session.id, account.id);
    reply.header('Set-Cookie', [
      `${SESSION_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`,
      `${CSRF_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`,
    ]);
    return reply.code(204).send();
  });

  app.get('/sessions', async (request) => ({ sessions: await adminAccess.listSessions(signedIn(request).account.id) }));

  app.delete<{ Params: { id: string } }>('/sessions/:id', async (request, reply) => {
    await adminAccess.revokeSession(request.params.id, signedIn(request).account.id);
    return reply.code(204).send();
  });
}
