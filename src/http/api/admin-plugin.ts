// The admin API (/api/admin) behind the dashboard: team admins signed in with
// a session cookie (HttpOnly, SameSite=Lax, Secure on https). Every
// state-changing request must echo the session's CSRF token in X-CSRF-Token.
// Feature routes register themselves in `registerFeatureRoutes` below.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { ROLE_RANK, type AccountRecord, type Role, type SessionRecord } from '../../domain/access/admin-access.js';
import type { TeamRecord } from '../../domain/directory/store.js';
import { ApiError, forbidden, sendApiError, toApiError, unauthorized } from './api-error.js';
import { guardApiInput } from './guard-api-input.js';
import { readCookie } from './cookies.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import { registerSessionRoutes } from './session-routes.js';
import { registerTeamAdminRoutes } from './team-admin-routes.js';
import { registerTeamAdminsRoutes } from './team-admins-routes.js';
import { registerEmailSignInRoutes } from './email-sign-in-routes.js';
import { registerDirectoryAdminRoutes } from './directory-admin-routes.js';
import { registerSetupRoutes } from './setup-routes.js';
import { registerSsoAdminRoutes } from './sso-admin-routes.js';
import { registerSpendAdminRoutes } from './spend-admin-routes.js';
import { registerAdminEventRoutes } from './events-routes.js';
import { registerWebhookRoutes } from './webhook-routes.js';
import { registerActivityRoutes } from './activity-routes.js';
import { registerDiagnosticsRoutes } from './diagnostics-routes.js';

export const SESSION_COOKIE = 'rollcall_session';
export const CSRF_COOKIE = 'rollcall_csrf';

export interface AdminContext {
  services: Services;
  publicUrl: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    admin?: { account: AccountRecord; session: SessionRecord };
  }
}

/**
 * Constant-time comparison of a header with the expected token. Both are
 * hashed first: timingSafeEqual needs equal byte lengths, and a header of
 * the right length in characters but multi-byte ones would make it throw.
 */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Routes reachable without a session (they open one). */
const PUBLIC_ROUTES = new Set(['POST /api/admin/sessions', 'GET /api/admin/setup', 'POST /api/admin/setup', 'GET /api/admin/sso-sign-in/:team', 'GET /api/admin/sign-in-options', 'POST /api/admin/sign-in-links']);

/** The signed-in admin, or a 401. */
export function signedIn(request: FastifyRequest): { account: AccountRecord; session: SessionRecord } {
  if (!request.admin) throw unauthorized('sign in first');
  return request.admin;
}

/** The team, if the signed-in admin has at least `minimum` in it; else 404/403. */
export async function requireRole(request: FastifyRequest, services: Services, teamId: string, minimum: Role): Promise<{ team: TeamRecord; role: Role }> {
  const { account } = signedIn(request);
  const role = await services.adminAccess.roleIn(teamId, account.id);
  // Not a member of the team: answer as if it did not exist.
  if (!role) throw new ApiError(404, 'team.not_found', `no team "${teamId}"`);
  if (ROLE_RANK[role] < ROLE_RANK[minimum]) throw forbidden(`this needs the ${minimum} role in the team; you are ${role}`);
  return { team: await services.teams.find(teamId), role };
}

function registerFeatureRoutes(app: FastifyInstance, ctx: AdminContext): void {
  registerSessionRoutes(app, ctx);
  registerTeamAdminRoutes(app, ctx);
  registerTeamAdminsRoutes(app, ctx);
  registerEmailSignInRoutes(app, ctx);
  registerDirectoryAdminRoutes(app, ctx);
  registerSetupRoutes(app, ctx);
  registerSsoAdminRoutes(app, ctx);
  registerSpendAdminRoutes(app, ctx);
  registerAdminEventRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerActivityRoutes(app, ctx);
  registerDiagnosticsRoutes(app, ctx);
}

export async function adminPlugin(app: FastifyInstance, ctx: AdminContext): Promise<void> {
  app.decorateRequest('admin', undefined);
  guardApiInput(app);

  app.addHook('onRequest', async (request, reply) => {
    const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
    const auth = secret ? await ctx.services.adminAccess.authenticate(secret) : undefined;
    if (auth) request.admin = auth;
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (PUBLIC_ROUTES.has(route)) return;
    if (!auth) return sendApiError(reply, unauthorized('sign in first: your session is missing, expired or revoked'));
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const csrf = request.headers['x-csrf-token'];
      if (typeof csrf !== 'string' || !sameToken(csrf, auth.session.csrf_token)) return sendApiError(reply, forbidden('missing or wrong X-CSRF-Token header'));
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const { error: apiError, unexpected } = toApiError(error);
    if (unexpected) request.log.error({ err: error }, 'unexpected error serving an admin API request');
    return sendApiError(reply, apiError);
  });
  app.setNotFoundHandler((request, reply) => sendApiError(reply, new ApiError(404, 'not_found', `no endpoint ${request.method} ${request.url.split('?')[0]}`)));

  registerFeatureRoutes(app, ctx);
}
