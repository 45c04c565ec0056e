// Rollcall as the host product's OpenID Provider (OIDC Core 1.0, on
// oidc-provider 8): authorization code flow only, PKCE (RFC 7636, S256)
// required of every client, a `team` authorization parameter naming whose
// IdP signs the member in, and accounts that exist only while the member is
// provisioned and active. Interactions (the sign-in itself) happen outside
// the provider, at /oidc/interaction/:uid (src/http/oidc/).

import { Provider, interactionPolicy, errors, type Account, type KoaContextWithOIDC } from 'oidc-provider';
import type { Clock } from '../domain/ports.js';
import type { MemberSignInService } from '../domain/member-sign-in/sign-in.js';
import type { OidcClientService } from '../domain/member-sign-in/clients.js';
import { createAdapterClass } from './oidc-adapter.js';
import type { OidcKeyStore, OidcPayloadStore } from '../domain/member-sign-in/store.js';
import { loadProviderKeys } from './provider-keys.js';
import { memberClaims, SCOPE_CLAIMS, SCOPES } from './member-claims.js';

/** Lifetimes in seconds (docs/oidc.md). */
export const OIDC_TTL = {
  AuthorizationCode: 60,
  AccessToken: 600,
  IdToken: 600,
  /** Long enough for a sign-in at the team's IdP. */
  Interaction: 900,
  Session: 8 * 3600,
  Grant: 30 * 86_400,
  RefreshToken: 30 * 86_400,
} as const;

export const OIDC_MOUNT = '/oidc';

export interface ProviderDeps {
  /** ROLLCALL_PUBLIC_URL; the issuer is `${publicUrl}/oidc`. */
  publicUrl: string;
  members: MemberSignInService;
  clients: OidcClientService;
  payloads: OidcPayloadStore;
  keys: OidcKeyStore;
  clock: Clock;
  /** A team by id or slug; throws when there is none. */
  findTeam: (ref: string) => Promise<{ id: string }>;
  /** The error page a browser sees (the SSO pages' look). */
  renderError: (title: string, message: string, code: string) => string;
}

/** Login is needed again when the session's member is gone or inactive, or belongs to another team. */
function loginPolicy() {
  const policy = interactionPolicy.base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider has no login prompt');
  const { Check } = interactionPolicy;
  login.checks.add(
    new Check('member_inactive', 'the signed-in member is no longer provisioned and active', 'login_required', (ctx) =>
      ctx.oidc.session.accountId && !ctx.oidc.account ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
    ),
  );
  login.checks.add(
    new Check('team_changed', 'the signed-in member belongs to another team', 'login_required', (ctx) => {
      const account = ctx.oidc.account as (Account & { teamId?: string }) | undefined;
      return !account || account.teamId === ctx.oidc.params.team ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}

export async function createOidcProvider(deps: ProviderDeps): Promise<Provider> {
  const { members, clock } = deps;
  const keys = await loadProviderKeys(deps.keys, clock.now().toISOString());

  const provider = new Provider(`${deps.publicUrl}${OIDC_MOUNT}`, {
    adapter: createAdapterClass({ payloads: deps.payloads, clock, findClient: (id) => deps.clients.active(id) }),
    jwks: { keys: keys.signing },
    cookies: { keys: keys.cookies },
    scopes: [...SCOPES],
    claims: SCOPE_CLAIMS,
    // Code flow returns the ID token from the token endpoint: the host wants the claims in it.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic'],
    pkce: { methods: ['S256'], required: () => true },
    ttl: OIDC_TTL,
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      userinfo: { enabled: true },
    },
    extraClientMetadata: {
      properties: ['rollcall_team_id'],
      validator(_ctx: unknown, key: string, value: unknown) {
        if (key === 'rollcall_team_id' && value !== undefined && typeof value !== 'string') throw new errors.InvalidClientMetadata('rollcall_team_id must be a string');
      },
    },
    extraParams: {
      // Whose IdP signs the member in: a team id or slug; a client bound to a team may leave it out.
      async team(ctx: KoaContextWithOIDC, value: unknown, client: { rollcall_team_id?: string } | undefined) {
        const bound = client?.rollcall_team_id;
        const given = typeof value === 'string' && value !== '' ? value : bound;
        if (!given) throw new errors.InvalidRequest('the "team" parameter is required: the id or slug of the member\'s team');
        let team;
        try {
          team = await deps.findTeam(given);
        } catch {
          throw new errors.InvalidRequest(`no team "${given}"`);
        }
        if (bound && team.id !== bound) throw new errors.InvalidRequest('this client may only sign in members of its own team');
        ctx.oidc.params.team = team.id;
      },
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${OIDC_MOUNT}/interaction/${interaction.uid}`,
      policy: loginPolicy(),
    },
    async findAccount(_ctx: unknown, accountId: string) {
      const member = await members.account(accountId);
      return member && { accountId, teamId: member.teamId, claims: () => memberClaims(member) };
    },
    // First-party clients of the host product: the team's admin consented
    // for the members when connecting the IdP, so no consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session } = ctx.oidc;
      if (!client || !session.accountId) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const grant = (existing && (await ctx.oidc.provider.Grant.find(existing))) || new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: () => false,
    async renderError(ctx: { type: string; body: string }, out: { error?: string; error_description?: string }) {
      ctx.type = 'html';
      ctx.body = deps.renderError('Sign-in request refused', out.error_description ?? 'The application sent a sign-in request Rollcall cannot accept.', out.error ?? 'invalid_request');
    },
  });
  // URLs and cookie security follow ROLLCALL_PUBLIC_URL: the mount sets X-Forwarded-* from it.
  provider.proxy = true;
  return provider;
}
