// Signing in with a one-time link, the signed-in admin, and their sessions.

import type { FastifyInstance } from 'fastify';
import { signedIn, type AdminContext } from './admin-context.js';
import { badRequest } from './api-error.js';
import { guard } from './route-guard.js';
import { clearSessionCookies, setSessionCookies } from './session-cookies.js';
import { effectiveRole } from '../../domain/access/admin-access.js';

export function registerSessionRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { adminAccess } = ctx.services;

  app.post('/sessions', guard.public(), async (request, reply) => {
    const body = request.body as { link?: unknown } | undefined;
    if (!body || typeof body.link !== 'string') throw badRequest('send { "link": "<the secret from the sign-in link>" }');
    const { secret, session } = await adminAccess.redeemSignInLink(body.link);
    setSessionCookies(reply, ctx.publicUrl, secret, session.csrfToken, session.expiresAt);
    return reply.code(201).send({ sessionId: session.id, expiresAt: session.expiresAt, csrfToken: session.csrfToken });
  });

  app.get('/me', guard.session(), async (request) => {
    const { account, session } = signedIn(request);
    const teams = await adminAccess.teamsOf(account.id);
    // A portal link's session sees its one team, with the link's role; returnUrl is the host's "Back to …".
    const scoped = session.scopeTeamId ? teams.filter((t) => t.teamId === session.scopeTeamId).map((t) => ({ ...t, role: effectiveRole(t.role, session.scopeRole) ?? t.role })) : teams;
    return {
      account: { id: account.id, email: account.email, name: account.name },
      session: { id: session.id, expiresAt: session.expiresAt, method: session.method, ...(session.returnUrl ? { returnUrl: session.returnUrl } : {}) },
      csrfToken: session.csrfToken,
      teams: scoped,
    };
  });

  app.post('/sign-out', guard.session(), async (request, reply) => {
    const { account, session } = signedIn(request);
    await adminAccess.revokeSession(session.id, account.id);
    clearSessionCookies(reply);
    return reply.code(204).send();
  });

  app.get('/sessions', guard.session(), async (request) => ({ sessions: await adminAccess.listSessions(signedIn(request).account.id) }));

  app.delete<{ Params: { id: string } }>('/sessions/:id', guard.session(), async (request, reply) => {
    await adminAccess.revokeSession(request.params.id, signedIn(request).account.id);
    return reply.code(204).send();
  });
}
