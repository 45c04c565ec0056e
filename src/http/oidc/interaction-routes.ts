// The provider's login interaction: oidc-provider redirects the browser to
// /oidc/interaction/:uid when a member must sign in; Rollcall starts a
// sign-in at the team's IdP bound to that interaction, and the SSO callback
// finishes it (member-sign-in-handler.ts).

import type { FastifyInstance } from 'fastify';
import type { Provider } from 'oidc-provider';
import type { Services } from '../../services.js';
import { sendPage } from '../sso/sso-page.js';
import { setBindingCookie } from '../sso/browser-binding.js';

export function registerInteractionRoutes(app: FastifyInstance, services: Services, provider: Provider, publicUrl: string): void {
  app.get<{ Params: { uid: string } }>('/interaction/:uid', async (request, reply) => {
    const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => undefined);
    if (!details || details.uid !== request.params.uid) {
      return sendPage(reply, 400, {
        title: 'Sign-in expired',
        message: 'This sign-in is no longer in progress in this browser (it expired, or was finished). Start again from the application.',
        code: 'oidc.interaction_unknown',
      });
    }
    const teamId = String(details.params.team);
    const { redirectUrl, binding, expiresAt } = await services.ssoSignIn.beginSignIn(teamId, { purpose: 'member', interactionId: details.uid });
    // Only this browser can finish the sign-in at the SSO callback (login CSRF).
    setBindingCookie(reply, publicUrl, binding, expiresAt);
    return reply.header('Cache-Control', 'no-store').redirect(redirectUrl, 303);
  });
}
