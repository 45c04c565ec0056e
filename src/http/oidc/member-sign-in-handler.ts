// Where a member's sign-in at the team's IdP comes back (the SSO plugin's
// member handler): the identity must be a provisioned, active member of the
// team the application asked for; then the provider's interaction gets its
// login result and the browser resumes the authorization request. Every
// refusal is a page that says why, never a redirect with a token.

import type { Provider } from 'oidc-provider';
import type { Services } from '../../services.js';
import { MEMBER_REFUSALS } from '../../domain/member-sign-in/sign-in.js';
import type { MemberSignInHandler } from '../sso/sso-context.js';
import { sendPage } from '../sso/sso-page.js';

export function createMemberSignInHandler(provider: Provider, services: Services): MemberSignInHandler {
  return async (request, reply, outcome) => {
    const interaction = outcome.interactionId ? await provider.Interaction.find(outcome.interactionId) : undefined;
    if (!interaction) {
      return sendPage(reply, 400, {
        title: 'Sign-in expired',
        message: 'The sign-in took too long or was already finished. Start again from the application.',
        code: 'oidc.interaction_unknown',
      });
    }
    if (!outcome.ok) {
      request.log.info({ teamId: outcome.teamId, reason: outcome.reason, detail: outcome.detail }, 'member sign-in refused by the SSO checks');
      return sendPage(reply, 400, { title: 'Sign-in refused', message: outcome.message, code: outcome.reason, detail: outcome.detail });
    }
    if (interaction.params.team !== outcome.teamId) {
      return sendPage(reply, 403, { title: 'Sign-in refused', message: MEMBER_REFUSALS['member.wrong_team'], code: 'member.wrong_team' });
    }
    const match = await services.memberSignIn.match(outcome.teamId, outcome.identity);
    if (!match.ok) {
      request.log.info({ teamId: outcome.teamId, reason: match.reason }, 'member sign-in refused');
      return sendPage(reply, 403, { title: 'Sign-in refused', message: match.message, code: match.reason, detail: `signed in at the identity provider as ${outcome.identity.email}` });
    }
    interaction.result = { login: { accountId: match.member.id } };
    const ttl = interaction.exp - Math.floor(Date.now() / 1000);
    if (ttl <= 0) return sendPage(reply, 400, { title: 'Sign-in expired', message: 'The sign-in took too long. Start again from the application.', code: 'oidc.interaction_unknown' });
    await interaction.save(ttl);
    return reply.header('Cache-Control', 'no-store').redirect(interaction.returnTo, 303);
  };
}
