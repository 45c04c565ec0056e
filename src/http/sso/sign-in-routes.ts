// The four public SSO routes: each resolves the team from the URL, calls the
// sign-in service, and hands the outcome to finish-sign-in.ts.

import type { FastifyInstance } from 'fastify';
import type { SsoContext } from './sso-context.js';
import { finishSignIn } from './finish-sign-in.js';
import { sendPage } from './sso-page.js';
import { bindingsOf, setBindingCookie } from './browser-binding.js';
import { HOP_FIELD, sendAutoPost } from './auto-post-page.js';

type TeamParams = { teamId: string };

export function registerSignInRoutes(app: FastifyInstance, ctx: SsoContext): void {
  const { ssoSignIn } = ctx.services;

  // An admin's sign-in starts here (the dashboard's "Sign in with SSO"); a
  // test starts from the admin API, a member's from the OIDC provider.
  app.get<{ Params: TeamParams; Querystring: { purpose?: string; returnTo?: string } }>('/:teamId/start', async (request, reply) => {
    const purpose = request.query.purpose ?? 'admin';
    if (purpose !== 'admin') return sendPage(reply, 400, { title: 'Bad request', message: 'Only an admin sign-in starts here (purpose=admin).' });
    const { redirectUrl, binding, expiresAt } = await ssoSignIn.beginSignIn(request.params.teamId, { purpose: 'admin', returnTo: request.query.returnTo });
    setBindingCookie(reply, ctx.publicUrl, binding, expiresAt);
    return reply.header('Cache-Control', 'no-store').redirect(redirectUrl, 302);
  });

  app.post<{ Params: TeamParams; Body: Record<string, string> | undefined }>('/:teamId/saml/acs', async (request, reply) => {
    const samlResponse = request.body?.SAMLResponse;
    if (typeof samlResponse !== 'string' || samlResponse === '') {
      return sendPage(reply, 400, { title: 'Bad request', message: 'This address receives a SAMLResponse form field from the identity provider (HTTP-POST binding).' });
    }
    const bindings = bindingsOf(request, ctx.publicUrl);
    const outcome = await ssoSignIn.completeSignIn(request.params.teamId, { kind: 'saml', samlResponse }, bindings);
    // The IdP's cross-site POST carries no SameSite=Lax cookie: post it again from here (browser-binding.ts).
    if (!outcome.ok && outcome.reason === 'sign_in.wrong_browser' && bindings.length === 0 && request.body?.[HOP_FIELD] !== '1') {
      const relayState = request.body?.RelayState;
      return sendAutoPost(reply, `${ctx.publicUrl}/sso/${encodeURIComponent(request.params.teamId)}/saml/acs`, { SAMLResponse: samlResponse, ...(typeof relayState === 'string' ? { RelayState: relayState } : {}) });
    }
    return finishSignIn(request, reply, ctx, outcome);
  });

  app.get<{ Params: TeamParams }>('/:teamId/oidc/callback', async (request, reply) => {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    const outcome = await ssoSignIn.completeSignIn(request.params.teamId, { kind: 'oidc', query }, bindingsOf(request, ctx.publicUrl));
    return finishSignIn(request, reply, ctx, outcome);
  });

  app.get<{ Params: TeamParams }>('/:teamId/saml/metadata', async (request, reply) => {
    const xml = await ssoSignIn.spMetadata(request.params.teamId);
    return reply.type('application/samlmetadata+xml; charset=utf-8').header('Content-Disposition', 'inline; filename="rollcall-sp-metadata.xml"').send(xml);
  });
}
