// The admin API (/api/admin) behind the dashboard: team admins signed in with
// a session cookie (HttpOnly, SameSite=Lax, Secure on https). Every
// state-changing request must echo the session's CSRF token in X-CSRF-Token.
//
// Each route declares its guard in its route options (route-guard.ts):
// `guard.public()`, `guard.session()` or `guard.role('member' | 'admin' | 'owner')`
// for the `:teamId` in its path; admin-guard.ts checks it, and a route that
// declares none stops startup. Feature routes register in
// `registerFeatureRoutes` below and import admin-context.ts, not this file.

import type { FastifyInstance } from 'fastify';
import { ApiError, sendApiError, toApiError } from './api-error.js';
import { guardApiInput } from './guard-api-input.js';
import type { AdminContext } from './admin-context.js';
import { installAdminGuard } from './admin-guard.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerTeamAdminRoutes } from './team-admin-routes.js';
import { registerTeamAdminsRoutes } from './team-admins-routes.js';
import { registerEmailSignInRoutes } from './email-sign-in-routes.js';
import { registerScimOAuthAdminRoutes } from './scim-oauth-admin-routes.js';
import { registerDirectoryAdminRoutes } from './directory-admin-routes.js';
import { registerSetupRoutes } from './setup-routes.js';
import { registerSsoAdminRoutes } from './sso-admin-routes.js';
import { registerSpendAdminRoutes } from './spend-admin-routes.js';
import { registerAdminEventRoutes } from './events-routes.js';
import { registerWebhookRoutes } from './webhook-routes.js';
import { registerActivityRoutes } from './activity-routes.js';
import { registerDiagnosticsRoutes } from './diagnostics-routes.js';
import { registerPortalLinkAdminRoutes } from './portal-link-routes.js';

function registerFeatureRoutes(app: FastifyInstance, ctx: AdminContext): void {
  registerSessionRoutes(app, ctx);
  registerTeamAdminRoutes(app, ctx);
  registerTeamAdminsRoutes(app, ctx);
  registerEmailSignInRoutes(app, ctx);
  registerScimOAuthAdminRoutes(app, ctx);
  registerDirectoryAdminRoutes(app, ctx);
  registerSetupRoutes(app, ctx);
  registerSsoAdminRoutes(app, ctx);
  registerSpendAdminRoutes(app, ctx);
  registerAdminEventRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerActivityRoutes(app, ctx);
  registerDiagnosticsRoutes(app, ctx);
  registerPortalLinkAdminRoutes(app, ctx);
}

export async function adminPlugin(app: FastifyInstance, ctx: AdminContext): Promise<void> {
  installAdminGuard(app, ctx.services);
  guardApiInput(app);

  app.setErrorHandler((error, request, reply) => {
    const { error: apiError, unexpected } = toApiError(error);
    if (unexpected) request.log.error({ err: error }, 'unexpected error serving an admin API request');
    return sendApiError(reply, apiError);
  });
  app.setNotFoundHandler((request, reply) => sendApiError(reply, new ApiError(404, 'not_found', `no endpoint ${request.method} ${request.url.split('?')[0]}`)));

  registerFeatureRoutes(app, ctx);
}
