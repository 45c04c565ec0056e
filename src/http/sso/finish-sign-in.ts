// What the browser sees once the IdP has answered, by purpose:
// - test: back to the dashboard's SSO page, `/#/sso?result=ok` or
//   `/#/sso?result=failed&reason=<code>` (the connection's state says the rest);
// - admin: a dashboard session (cookies as a sign-in link gives) and the
//   dashboard, or a page saying why not;
// - member: handed to the member sign-in handler (Rollcall's OIDC provider)
//   when one is registered.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SignInOutcome } from '../../domain/sso/sign-in.js';
import { safeReturnTo } from '../../domain/sso/safe-return-to.js';
import { reasonMessage } from '../../domain/sso/reasons.js';
import { setSessionCookies } from '../api/session-cookies.js';
import { sendPage } from './sso-page.js';
import type { SsoContext } from './sso-context.js';

function dashboardSsoPage(publicUrl: string, outcome: SignInOutcome): string {
  const query = outcome.ok ? 'result=ok' : `result=failed&reason=${encodeURIComponent(outcome.reason)}`;
  return `${publicUrl}/#/sso?${query}`;
}

export async function finishSignIn(request: FastifyRequest, reply: FastifyReply, ctx: SsoContext, outcome: SignInOutcome): Promise<FastifyReply> {
  const teamId = outcome.teamId;
  const retryUrl = `${ctx.publicUrl}/sso/${encodeURIComponent(teamId)}/start?purpose=admin`;
  if (outcome.purpose === 'test') return reply.redirect(dashboardSsoPage(ctx.publicUrl, outcome), 303);
  if (outcome.purpose === 'member' && ctx.memberSignIn) return ctx.memberSignIn(request, reply, outcome);

  if (!outcome.ok) {
    request.log.info({ teamId, reason: outcome.reason, detail: outcome.detail }, 'SSO sign-in refused');
    return sendPage(reply, 400, { title: 'Sign-in refused', message: outcome.message, code: outcome.reason, detail: outcome.detail, retryUrl: outcome.purpose === 'admin' ? retryUrl : undefined });
  }
  if (outcome.purpose === 'member') {
    return sendPage(reply, 501, { title: 'Not available', message: 'Member sign-in through Rollcall is not available on this server.' });
  }
  const admin = await ctx.services.ssoSignIn.adminFor(teamId, outcome.identity);
  if (!admin) {
    request.log.info({ teamId, reason: 'sign_in.not_a_team_admin' }, 'SSO sign-in of an email with no role in the team');
    return sendPage(reply, 403, { title: 'Not a team admin', message: reasonMessage('sign_in.not_a_team_admin'), code: 'sign_in.not_a_team_admin', detail: `signed in as ${outcome.identity.email}` });
  }
  const { secret, session } = await ctx.services.adminAccess.openSession(admin.accountId, 'sso');
  setSessionCookies(reply, ctx.publicUrl, secret, session.csrfToken, session.expiresAt);
  // Checked again: a row written before the check was tightened may hold anything.
  return reply.redirect(`${ctx.publicUrl}${safeReturnTo(outcome.returnTo) ?? '/'}`, 303);
}
