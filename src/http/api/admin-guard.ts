// The guard of the admin API (/api/admin), checking what each route declares
// (route-guard.ts) in the two places the checks have always run: the session
// and CSRF token when the request arrives (before its body is read), the
// team role just before the handler (after the body and parameters passed
// their checks, so a bad request is a 400 whoever sends it).

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { ROLE_RANK, effectiveRole } from '../../domain/access/admin-access.js';
import { DomainError } from '../../domain/errors.js';
import { forbidden, sendApiError, unauthorized } from './api-error.js';
import { signedIn } from './admin-context.js';
import { readCookie } from './cookies.js';
import { SESSION_COOKIE } from './session-cookies.js';
import { requireDeclaredGuards, routeGuard } from './route-guard.js';

/**
 * Constant-time comparison of a header with the expected token. Both are
 * hashed first: timingSafeEqual needs equal byte lengths, and a header of
 * the right length in characters but multi-byte ones would make it throw.
 */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Installs the guard; call it before registering any route. */
export function installAdminGuard(app: FastifyInstance, services: Services): void {
  app.decorateRequest('admin', undefined);
  app.decorateRequest('guarded', undefined);
  requireDeclaredGuards(app, ['none', 'session']);

  app.addHook('onRequest', async (request, reply) => {
    const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
    const auth = secret ? await services.adminAccess.authenticate(secret) : undefined;
    if (auth) request.admin = auth;
    // No guard means the not-found handler: it needs a session like every other route.
    if (routeGuard(request)?.credential === 'none') return;
    if (!auth) return sendApiError(reply, unauthorized('sign in first: your session is missing, expired or revoked'));
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const csrf = request.headers['x-csrf-token'];
      if (typeof csrf !== 'string' || !sameToken(csrf, auth.session.csrfToken)) return sendApiError(reply, forbidden('missing or wrong X-CSRF-Token header'));
    }
  });

  app.addHook('preHandler', async (request) => {
    const declared = routeGuard(request);
    if (declared?.credential !== 'session' || declared.role === undefined) return;
    const { teamId } = request.params as { teamId: string };
    const { account, session } = signedIn(request);
    // A portal link's session reaches its one team, with at most the link's role (domain/access/portal-links.ts).
    if (session.scopeTeamId && session.scopeTeamId !== teamId) throw new DomainError('team.not_found', `no team "${teamId}"`);
    const role = effectiveRole(await services.adminAccess.roleIn(teamId, account.id), session.scopeRole);
    // Not a member of the team: answer as if it did not exist.
    if (!role) throw new DomainError('team.not_found', `no team "${teamId}"`);
    if (ROLE_RANK[role] < ROLE_RANK[declared.role]) throw forbidden(`this needs the ${declared.role} role in the team; you are ${role}`);
    request.guarded = { team: await services.teams.find(teamId), role };
  });
}
