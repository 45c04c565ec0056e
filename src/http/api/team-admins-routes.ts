// A team's admins: every role may list them; owners invite, resend a link,
// change roles and remove (domain/access/team-admins.ts). An invitation's
// link is in the answer (to copy) whether or not it was emailed; it is never
// logged. The owners' routes are guarded by `guard.role('owner')`; the
// service checks the role again under the team's lock.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { signedIn, type AdminContext } from './admin-context.js';
import { guard } from './route-guard.js';
import { badRequest } from './api-error.js';
import type { Actor, LinkOutcome } from '../../domain/access/team-admins.js';

type TeamParams = { teamId: string };
type AdminParams = TeamParams & { adminId: string };

const actorOf = (request: FastifyRequest): Actor => {
  const { account } = signedIn(request);
  return { accountId: account.id, email: account.email };
};

function body(request: FastifyRequest, allowed: string[]): Record<string, unknown> {
  const value = request.body;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest(`send a JSON object with ${allowed.map((k) => `"${k}"`).join(' and ')}`);
  const unknown = Object.keys(value).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw badRequest(`unknown field ${unknown.map((k) => `"${k}"`).join(', ')}: send ${allowed.map((k) => `"${k}"`).join(' and ')}`);
  return value as Record<string, unknown>;
}

/** The answer about a link: the failure's text goes to the log (it names the SMTP server), the reason code to the owner. */
function linkAnswer(request: FastifyRequest, outcome: LinkOutcome) {
  if (!outcome.emailed && outcome.emailReason === 'mail.failed') request.log.warn({ reason: outcome.failure }, 'could not email an admin sign-in link');
  return outcome.emailed ? { link: outcome.link, expiresAt: outcome.expiresAt, emailed: true } : { link: outcome.link, expiresAt: outcome.expiresAt, emailed: false, emailReason: outcome.emailReason };
}

export function registerTeamAdminsRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services } = ctx;
  const { teamAdmins } = services;

  app.get<{ Params: TeamParams }>('/teams/:teamId/admins', guard.role('member'), async (request) => {
    return { admins: await teamAdmins.list(request.params.teamId), emailEnabled: services.mailer.enabled };
  });

  app.post<{ Params: TeamParams }>('/teams/:teamId/admins', guard.role('owner'), async (request, reply) => {
    const input = body(request, ['email', 'role']);
    const { admin, ...outcome } = await teamAdmins.invite(request.params.teamId, { email: input.email, role: input.role }, actorOf(request), ctx.publicUrl);
    return reply.code(201).send({ admin, ...linkAnswer(request, outcome) });
  });

  app.patch<{ Params: AdminParams }>('/teams/:teamId/admins/:adminId', guard.role('owner'), async (request) => {
    const input = body(request, ['role']);
    return { admin: await teamAdmins.changeRole(request.params.teamId, request.params.adminId, input.role, actorOf(request)) };
  });

  app.delete<{ Params: AdminParams }>('/teams/:teamId/admins/:adminId', guard.role('owner'), async (request, reply) => {
    await teamAdmins.remove(request.params.teamId, request.params.adminId, actorOf(request));
    return reply.code(204).send();
  });

  app.post<{ Params: AdminParams }>('/teams/:teamId/admins/:adminId/resend', guard.role('owner'), async (request, reply) => {
    const outcome = await teamAdmins.resend(request.params.teamId, request.params.adminId, actorOf(request), ctx.publicUrl);
    return reply.code(201).send(linkAnswer(request, outcome));
  });
}
