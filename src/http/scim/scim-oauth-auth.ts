// Which service checks a SCIM bearer credential: a long-lived SCIM token
// (`rcs_…`, domain/directory/tokens.ts) or an access token from the team's
// token endpoint (`rcat_…`, domain/directory/scim-oauth.ts). Both answer the
// same way (team, refusal), so the SCIM plugin treats them alike. An access
// token's rate limit is its client's, not its own: fetching a new token does
// not reset the budget. It is therefore looked up (remembered for a second)
// before the rate check; a SCIM token keeps its check-before-lookup order.

import type { Services } from '../../services.js';
import type { DomainError } from '../../domain/errors.js';

export interface ScimCredential {
  /** The rate limiter's key: the token itself, or the OAuth client that was issued it. */
  rateKey: string | undefined;
  authenticate(): Promise<{ teamId: string; refusal?: DomainError } | undefined>;
}

export async function scimCredential(services: Services, secret: string | undefined): Promise<ScimCredential> {
  if (!secret) return { rateKey: undefined, authenticate: async () => undefined };
  if (!services.scimOAuth.isAccessToken(secret)) return { rateKey: secret, authenticate: () => services.tokens.authenticate(secret) };
  const auth = await services.scimOAuth.authenticate(secret);
  return { rateKey: auth ? `scim-oauth-client:${auth.clientId}` : secret, authenticate: async () => auth };
}
