// OpenID Connect relying party (OpenID Connect Core 1.0 §3.1, authorization
// code flow) on openid-client 6: discovery (OIDC Discovery 1.0 §4), PKCE with
// S256 (RFC 7636), state and nonce from the server-side sign-in request, and
// ID token validation (iss, aud, azp, exp/iat with a clock tolerance, nonce,
// signature against the issuer's JWKS) done by openid-client. Claims missing
// from the ID token are read from the UserInfo endpoint, as oidc-provider
// and Okta leave profile claims there by default.

import * as client from 'openid-client';
import { createHash } from 'node:crypto';
import type { OidcConnectionConfig, OidcConnectorPort, RawIdentity } from '../domain/sso/types.js';
import { DomainError } from '../domain/errors.js';
import { checkedUrl } from './fetch-document.js';
import { cleanAttributes } from './attribute-names.js';
import { identityFrom } from './identity-claims.js';
import { SignInRefused } from '../domain/sso/reasons.js';
import { classifyOidcError } from './oidc-errors.js';
import { createGuardedFetch } from '../net/guarded-fetch.js';
import type { Egress } from '../net/outbound-request.js';
import { REFUSED } from './fetch-document.js';

export interface OidcConnectorOptions {
  clockSkewMs: number;
  allowInsecureHttp: boolean;
  timeoutMs: number;
  /** Discovery, JWKS, token and UserInfo requests reach allowed addresses only, without redirects. */
  egress: Egress;
  /** Largest answer read from the IdP. */
  maxBytes: number;
}

const SCOPE = 'openid email profile';
/** Discovered configurations are reused this long; keys rotate under their own JWKS cache. */
const CONFIG_TTL_MS = 10 * 60_000;

/**
 * Why discovery failed, in words that do not map the network: every failure
 * to get an answer is "could not fetch"; what a reachable IdP answered
 * (wrong status, not JSON, wrong issuer) is said as openid-client says it.
 */
function discoveryProblem(error: unknown): string {
  const layers: { code?: string; refused?: boolean; message?: string; cause?: unknown }[] = [];
  for (let e = error as (typeof layers)[number] | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) layers.push(e);
  const fetchFailure = layers.find((e) => e.code === 'FETCH_FAILED');
  if (fetchFailure) return fetchFailure.refused ? `could not fetch: ${REFUSED}` : 'could not fetch';
  return layers.map((e) => e.message).filter((m, i, all): m is string => !!m && all.indexOf(m) === i).join(': ') || 'discovery failed';
}

export function createOidcConnector(options: OidcConnectorOptions): OidcConnectorPort {
  const cache = new Map<string, { at: number; config: Promise<client.Configuration> }>();
  const guardedFetch = createGuardedFetch(options.egress, { timeoutMs: options.timeoutMs, maxBytes: options.maxBytes }) as unknown as client.CustomFetch;

  async function discover(config: Pick<OidcConnectionConfig, 'issuer' | 'clientId' | 'clientSecret'>): Promise<client.Configuration> {
    const issuer = checkedUrl(config.issuer, 'issuer', options.allowInsecureHttp);
    const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
    const metadata = { client_secret: config.clientSecret, [client.clockTolerance]: Math.ceil(options.clockSkewMs / 1000) };
    const found = await client.discovery(issuer, config.clientId, metadata, client.ClientSecretBasic(config.clientSecret), {
      execute,
      timeout: Math.ceil(options.timeoutMs / 1000),
      [client.customFetch]: guardedFetch,
    });
    // client_secret_basic is the default (RFC 8414 §2); some IdPs take only post.
    const methods = found.serverMetadata().token_endpoint_auth_methods_supported;
    if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
      const post = new client.Configuration(found.serverMetadata(), config.clientId, metadata, client.ClientSecretPost(config.clientSecret));
      post[client.customFetch] = guardedFetch;
      execute.forEach((fn) => fn(post));
      return post;
    }
    return found;
  }

  function configuration(config: OidcConnectionConfig): Promise<client.Configuration> {
    const key = createHash('sha256').update(`${config.issuer}\n${config.clientId}\n${config.clientSecret}`).digest('hex');
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < CONFIG_TTL_MS) return hit.config;
    const pending = discover(config).catch((error) => {
      cache.delete(key);
      throw new SignInRefused('oidc.discovery_failed', discoveryProblem(error));
    });
    cache.set(key, { at: Date.now(), config: pending });
    return pending;
  }

  return {
    async prepare(input) {
      if (!input.issuer?.trim() || !input.clientId?.trim() || !input.clientSecret) {
        throw new DomainError('sso.invalid_config', 'OIDC needs issuer, clientId and clientSecret');
      }
      const config: OidcConnectionConfig = {
        kind: 'oidc',
        issuer: input.issuer.trim().replace(/\/+$/, ''),
        clientId: input.clientId.trim(),
        clientSecret: input.clientSecret,
        attributes: cleanAttributes(input.attributes),
      };
      try {
        await discover(config);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        throw new DomainError('sso.discovery_failed', `could not read ${config.issuer}/.well-known/openid-configuration: ${discoveryProblem(error)}`);
      }
      return config;
    },

    async authorizeUrl(config, sp, checks) {
      const discovered = await configuration(config);
      return client
        .buildAuthorizationUrl(discovered, {
          redirect_uri: sp.redirectUri,
          response_type: 'code',
          scope: SCOPE,
          state: checks.state,
          nonce: checks.nonce,
          code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
          code_challenge_method: 'S256',
        })
        .toString();
    },

    async exchange(config, sp, callbackQuery, checks): Promise<RawIdentity> {
      const params = new URLSearchParams(callbackQuery);
      const idpError = params.get('error');
      if (idpError) throw new SignInRefused('idp.error', `${idpError}${params.get('error_description') ? `: ${params.get('error_description')}` : ''}`);
      const discovered = await configuration(config);
      const current = new URL(sp.redirectUri);
      current.search = params.toString();
      try {
        const tokens = await client.authorizationCodeGrant(discovered, current, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new SignInRefused('oidc.id_token_invalid', 'the token response has no ID token');
        let values: Record<string, unknown> = { ...claims };
        const emailClaim = config.attributes.email ?? 'email';
        if (values[emailClaim] === undefined && discovered.serverMetadata().userinfo_endpoint) {
          values = { ...(await client.fetchUserInfo(discovered, tokens.access_token, claims.sub)), ...values };
        }
        return identityFrom(claims.sub, values, config.attributes);
      } catch (error) {
        throw classifyOidcError(error);
      }
    },
  };
}
