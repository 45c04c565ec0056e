// Admin portal links in the dashboard's API (/api/admin): an owner creates
// one for the team's IT admin ("Invite your IT admin to set up SSO/SCIM"),
// and anyone follows one: GET /api/admin/portal?portal_token=… opens a
// session scoped to the link's team and role and redirects to the intent's
// page. A used, expired or unknown link answers a plain 400 page, never a
// session. The host API creates the same links (team-host-routes.ts).

import type { FastifyInstance } from 'fastify';
import { signedIn, type AdminContext } from './admin-context.js';
import { guard, guardedTeam } from './route-guard.js';
import { setSessionCookies } from './session-cookies.js';
import { DomainError } from '../../domain/errors.js';
import { renderPage } from '../sso/sso-page.js';

type TeamParams = { teamId: string };

/** The URL a portal link secret travels in (its query parameter is redacted from logs: http/redact-query-secrets.ts). */
export const portalLinkUrl = (publicUrl: string, secret: string) => `${publicUrl}/api/admin/portal?portal_token=${encodeURIComponent(secret)}`;

const UNUSABLE_PAGE = renderPage({
  title: 'This link cannot be used',
  message:
    'Admin links work once and only for a few minutes. This one is invalid, expired or has already been used. Go back to the product that sent you and open the admin portal again to get a new link.',
  code: 'portal_link.unusable',
});

export function registerPortalLinkAdminRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services } = ctx;

  app.post<{ Params: TeamParams }>('/teams/:teamId/portal-links', guard.role('owner'), async (request, reply) => {
    const team = guardedTeam(request);
    const { account } = signedIn(request);
    const link = await services.portalLinks.create(team.id, (request.body ?? {}) as Record<string, unknown>, `admin:${account.id}`);
    request.log.info({ portalLinkId: link.id, teamId: team.id, intent: link.intent, role: link.role, accountId: account.id }, 'admin portal link created');
    return reply.code(201).send({ url: portalLinkUrl(ctx.publicUrl, link.secret), expiresAt: link.expiresAt });
  });

  // The audit trail for owners: who made each link, for whom, and when it was used.
  app.get<{ Params: TeamParams }>('/teams/:teamId/portal-links', guard.role('owner'), async (request) => {
    const team = guardedTeam(request);
    return { links: await services.portalLinks.list(team.id) };
  });

  app.get<{ Querystring: { portal_token?: string } }>('/portal', guard.public(), async (request, reply) => {
    reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
    try {
      const teamExists = async (teamId: string) => (await services.store.teams.findById(services.store.db, teamId)) !== undefined;
      const used = await services.portalLinks.redeem(request.query.portal_token ?? '', teamExists);
      setSessionCookies(reply, ctx.publicUrl, used.sessionSecret, used.session.csrfToken, used.session.expiresAt);
      request.log.info({ portalLinkId: used.link.id, teamId: used.link.teamId, accountId: used.accountId, sessionId: used.session.id }, 'admin portal link used');
      return reply.code(302).header('Location', used.path).send();
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'portal_link.unusable')) throw error;
      return reply.code(400).type('text/html; charset=utf-8').send(UNUSABLE_PAGE);
    }
  });
}
