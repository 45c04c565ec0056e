// First run (src/domain/access/setup.ts): whether the installation still needs its
// first team, and the form that creates it with its owner from the one-time
// setup link `npm start` prints. Both routes work without a session; the POST
// answers with one (the new owner is signed in). Then the setup wizard's
// place per team (src/domain/access/setup-progress.ts): read by any member, moved by
// admins, so a reload opens the step the team is on.

import type { FastifyInstance } from 'fastify';
import { signedIn, type AdminContext } from './admin-context.js';
import { guard } from './route-guard.js';
import { readProgressInput } from '../../domain/access/setup-progress.js';
import { badRequest } from './api-error.js';
import { setSessionCookies } from './session-cookies.js';

type SetupBody = { secret?: unknown; teamName?: unknown; teamSlug?: unknown; email?: unknown; name?: unknown };

function text(body: SetupBody, field: keyof SetupBody, max: number, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && value.trim() === '') || value.length > max) {
    throw badRequest(`${field} must be a${required ? ' non-empty' : ''} string of at most ${max} characters`);
  }
  return value;
}

export function registerSetupRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { setup } = ctx.services;

  app.get('/setup', guard.public(), async () => ({ setupRequired: await setup.pending() }));

  app.post('/setup', guard.public(), async (request, reply) => {
    const body = (request.body ?? {}) as SetupBody;
    if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('send a JSON object');
    const result = await setup.complete({
      secret: text(body, 'secret', 200, true) as string,
      teamName: text(body, 'teamName', 200, true) as string,
      teamSlug: text(body, 'teamSlug', 63, true) as string,
      email: text(body, 'email', 320, true) as string,
      name: text(body, 'name', 200, false),
    });
    setSessionCookies(reply, ctx.publicUrl, result.sessionSecret, result.session.csrfToken, result.session.expiresAt);
    return reply.code(201).send({
      team: { id: result.team.id, slug: result.team.slug, name: result.team.name },
      account: { id: result.account.id, email: result.account.email, name: result.account.name },
      expiresAt: result.session.expiresAt,
      csrfToken: result.session.csrfToken,
    });
  });

  app.get<{ Params: { teamId: string } }>('/teams/:teamId/setup-progress', guard.role('member'), async (request) => {
    return ctx.services.setupProgress.get(request.params.teamId);
  });

  app.put<{ Params: { teamId: string } }>('/teams/:teamId/setup-progress', guard.role('admin'), async (request) => {
    const input = readProgressInput(request.body);
    if (typeof input === 'string') throw badRequest(input);
    return ctx.services.setupProgress.put(request.params.teamId, input, signedIn(request).account.email);
  });
}
