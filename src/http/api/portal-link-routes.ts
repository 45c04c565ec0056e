// Admin portal links in the dashboard's API (/api/admin): an owner creates
// one for the team's IT admin ("Invite your IT admin to set up SSO/SCIM"),
// and anyone follows one, in two steps:
//
//   GET  /api/admin/portal?portal_token=…  a small page naming the team and the
//        role, with a "Continue to <team>'s dashboard" button. It uses nothing:
//        chat apps' link previews, mail scanners and prefetchers fetch URLs,
//        and a GET that signed in would burn the link (or sign the fetcher in).
//   POST /api/admin/portal (form: portal_token, confirm)  the button: uses the
//        link, opens a session scoped to the link's team and role, and
//        redirects (303) to the intent's page.
//
// The POST must carry the nonce the GET set in a SameSite=Strict cookie and
// in the form: a page on another site cannot make a browser sign in with a
// link of its own (login CSRF). A used, expired or unknown link answers a
// plain 400 page, never a session. The host API creates the same links
// (team-host-routes.ts).

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { signedIn, type AdminContext } from './admin-context.js';
import { guard, guardedTeam } from './route-guard.js';
import { setSessionCookies } from './session-cookies.js';
import { readCookie, serializeCookie } from './cookies.js';
import { DomainError } from '../../domain/errors.js';
import type { Role } from '../../domain/access/admin-access.js';
import { renderPage } from '../sso/sso-page.js';

type TeamParams = { teamId: string };

/** The URL a portal link secret travels in (its query parameter is redacted from logs: http/redact-query-secrets.ts). */
export const portalLinkUrl = (publicUrl: string, secret: string) => `${publicUrl}/api/admin/portal?portal_token=${encodeURIComponent(secret)}`;

/** The confirmation's nonce: set by the GET, echoed by the form; SameSite=Strict, so a cross-site POST lacks it. */
const CONFIRM_COOKIE = 'rollcall_portal_confirm';
const CONFIRM_TTL_SECONDS = 3600;
const FORM = 'application/x-www-form-urlencoded';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const UNUSABLE_PAGE = renderPage({
  title: 'This link cannot be used',
  message:
    'Admin links work once and only for a few minutes. This one is invalid, expired or has already been used. Go back to the product that sent you and open the admin portal again to get a new link.',
  code: 'portal_link.unusable',
});

const EXPIRED_CONFIRMATION_PAGE = renderPage({
  title: 'Open the link again',
  message: 'This confirmation did not come from the page the link opened (or that page is too old). Open the admin link you were sent again and press Continue there.',
});

const ROLE_WORDS: Record<Role, string> = { owner: 'an owner', admin: 'an admin', member: 'a viewer (read only)' };

const CONFIRM_STYLE = [
  'body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f6f7f9;color:#1b1f24;margin:0;display:grid;place-items:center;min-height:100vh}',
  'main{background:#fff;border:1px solid #dfe3e8;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.06);max-width:36rem;margin:1rem;padding:2rem}',
  '.brand{font-weight:700;color:#3b5bdb;margin:0 0 1rem;letter-spacing:.01em}',
  'h1{font-size:1.4rem;margin:0 0 .5rem}',
  'button{font:inherit;margin-top:1rem;padding:.5rem 1rem;border-radius:8px;border:1px solid #3b5bdb;background:#3b5bdb;color:#fff;cursor:pointer}',
  'button:focus-visible{outline:2px solid #3b5bdb;outline-offset:2px}',
  '.small{color:#57606a;font-size:.9rem}',
].join('');

/** The page a GET answers: who the link signs in, where, and the button that uses it. Loads nothing, runs no script. */
function confirmPage(teamName: string, role: Role, token: string, nonce: string): string {
  const team = escape(teamName);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>Sign in to ${team} · Rollcall</title>
<style>${CONFIRM_STYLE}</style>
</head><body><main>
<p class="brand">Rollcall</p>
<h1>Sign in to <span id="portal-team">${team}</span></h1>
<p>This admin link signs you in to <strong>${team}</strong> as <strong id="portal-role">${escape(ROLE_WORDS[role])}</strong>. It works once.</p>
<form method="post" action="/api/admin/portal">
<input type="hidden" name="portal_token" value="${escape(token)}">
<input type="hidden" name="confirm" value="${escape(nonce)}">
<button type="submit" id="portal-continue">Continue to ${team}’s dashboard</button>
</form>
<p class="small">Did not expect this? Close the page: nothing happens until you press the button.</p>
</main></body></html>`;
}

/** Headers of both portal pages: never cached, never framed, no Referer carrying the token. */
function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header('Referrer-Policy', 'no-referrer')
    .header('X-Frame-Options', 'DENY')
    .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
}

function sameValue(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function registerPortalLinkAdminRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services } = ctx;
  const secure = ctx.publicUrl.startsWith('https://');

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

  // Looks only: never uses the link, never sets a session.
  app.get<{ Querystring: { portal_token?: string } }>('/portal', guard.public(), async (request, reply) => {
    pageHeaders(reply);
    const token = request.query.portal_token ?? '';
    try {
      const teamName = async (teamId: string) => (await services.store.teams.findById(services.store.db, teamId))?.name;
      const { teamName: name, role } = await services.portalLinks.inspect(token, teamName);
      const nonce = randomBytes(24).toString('base64url');
      reply.header('Set-Cookie', serializeCookie(CONFIRM_COOKIE, nonce, { httpOnly: true, secure, maxAgeSeconds: CONFIRM_TTL_SECONDS, sameSite: 'Strict' }));
      return reply.code(200).send(confirmPage(name, role, token, nonce));
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'portal_link.unusable')) throw error;
      return reply.code(400).send(UNUSABLE_PAGE);
    }
  });

  // The button: uses the link. Its own context, for the form body only this route reads.
  app.register(async (form) => {
    form.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    form.post<{ Body: { portal_token?: unknown; confirm?: unknown } }>('/portal', guard.public(), async (request, reply) => {
      pageHeaders(reply);
      const body = (request.body ?? {}) as { portal_token?: unknown; confirm?: unknown };
      const token = typeof body.portal_token === 'string' ? body.portal_token : '';
      const nonce = readCookie(request.headers.cookie, CONFIRM_COOKIE);
      if (!nonce || typeof body.confirm !== 'string' || !sameValue(body.confirm, nonce)) return reply.code(403).send(EXPIRED_CONFIRMATION_PAGE);
      try {
        const teamExists = async (teamId: string) => (await services.store.teams.findById(services.store.db, teamId)) !== undefined;
        const used = await services.portalLinks.redeem(token, teamExists);
        setSessionCookies(reply, ctx.publicUrl, used.sessionSecret, used.session.csrfToken, used.session.expiresAt);
        // The nonce has served: drop it with the session cookies.
        const cookies = ([] as string[]).concat((reply.getHeader('Set-Cookie') as string[] | string | undefined) ?? []);
        reply.header('Set-Cookie', [...cookies, serializeCookie(CONFIRM_COOKIE, '', { httpOnly: true, secure, maxAgeSeconds: 0, sameSite: 'Strict' })]);
        request.log.info({ portalLinkId: used.link.id, teamId: used.link.teamId, accountId: used.accountId, sessionId: used.session.id }, 'admin portal link used');
        return reply.code(303).header('Location', used.path).send();
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'portal_link.unusable')) throw error;
        return reply.code(400).send(UNUSABLE_PAGE);
      }
    });
  });
}
