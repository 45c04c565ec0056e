// "Email me a sign-in link" (no session needed): the sign-in page asks
// whether the server sends email, then posts an address. The answer is the
// same whether or not the address is an admin's (domain/access/email-sign-in.ts).

import type { FastifyInstance } from 'fastify';
import type { AdminContext } from './admin-context.js';
import { DomainError } from '../../domain/errors.js';
import { ApiError, badRequest } from './api-error.js';
import { guard } from './route-guard.js';

const ADDRESS = /^[^\s@]+@[^\s@]+$/;

export function registerEmailSignInRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { emailSignIn } = ctx.services;

  app.get('/sign-in-options', guard.public(), async () => ({ emailLinks: emailSignIn.enabled() }));

  app.post('/sign-in-links', guard.public(), async (request, reply) => {
    const body = request.body as { email?: unknown; team?: unknown } | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.email !== 'string' || body.email.length > 254 || !ADDRESS.test(body.email.trim())) {
      throw badRequest('send { "email": "<your email address>" } (and optionally "team": "<team ID or short name>")');
    }
    if (body.team !== undefined && (typeof body.team !== 'string' || body.team.length > 200)) throw badRequest('team must be a team ID or short name');
    const answer = emailSignIn.request(body.email, body.team as string | undefined, ctx.publicUrl);
    if (answer.status === 'not_configured') throw new DomainError('mail.not_configured', 'this server does not send email: ask an owner of your team for a sign-in link');
    if (answer.status === 'rate_limited') {
      reply.header('Retry-After', String(answer.retryAfterSeconds));
      throw new ApiError(429, 'rate_limited', `too many sign-in links asked for this address; retry after ${answer.retryAfterSeconds} s`);
    }
    // Logged without the address or the link.
    void answer.sent.then((outcome) => {
      if (outcome && !outcome.emailed) request.log.warn({ reason: outcome.failure ?? outcome.emailReason }, 'could not email a requested sign-in link');
    });
    return reply.code(202).send({ accepted: true, message: 'if this address belongs to a team admin, a sign-in link is on its way' });
  });
}
