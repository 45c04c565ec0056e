// Turns what openid-client (and oauth4webapi under it) throws into a refusal
// reason (domain/sso/reasons.ts): claim comparisons name the claim that failed, time
// checks have their own code, the token endpoint's error comes back as an
// OAuth error code (RFC 6749 §5.2).

import * as client from 'openid-client';
import { SignInRefused } from '../domain/sso/reasons.js';

interface Layered {
  message?: string;
  code?: string;
  error?: string;
  error_description?: string;
  cause?: Layered & { claim?: string };
}

export function classifyOidcError(error: unknown): SignInRefused {
  if (error instanceof SignInRefused) return error;
  const e = (error ?? {}) as Layered;
  const inner = e.cause ?? {};
  const detail = [e.message, inner.message].filter((m, i, all): m is string => !!m && all.indexOf(m) === i).join(': ');
  if (error instanceof client.AuthorizationResponseError) return new SignInRefused('idp.error', `${e.error}${e.error_description ? `: ${e.error_description}` : ''}`);
  if (error instanceof client.ResponseBodyError) return new SignInRefused('oidc.token_exchange_failed', `${e.error}${e.error_description ? `: ${e.error_description}` : ''}`);
  // A 401 from the token endpoint comes as a WWW-Authenticate challenge (RFC 6750 §3).
  if (error instanceof client.WWWAuthenticateChallengeError) {
    const params = error.cause.map((c) => c.parameters).find((p) => p.error);
    return new SignInRefused('oidc.token_exchange_failed', params ? `${params.error}${params.error_description ? `: ${params.error_description}` : ''}` : `HTTP ${error.status}`);
  }
  switch (e.code) {
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED': {
      const claim = inner.cause?.claim;
      if (claim === 'nonce') return new SignInRefused('oidc.nonce_mismatch', detail);
      if (claim === 'aud' || claim === 'azp') return new SignInRefused('oidc.wrong_audience', detail);
      if (claim === 'iss') return new SignInRefused('oidc.wrong_issuer', detail);
      return new SignInRefused('oidc.id_token_invalid', detail);
    }
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return new SignInRefused('oidc.expired', detail);
    case 'OAUTH_INVALID_RESPONSE':
      if (/signature/i.test(inner.message ?? '')) return new SignInRefused('oidc.signature_invalid', detail);
      if (/"state"/.test(inner.message ?? '')) return new SignInRefused('oidc.state_unknown', detail);
      return new SignInRefused('oidc.id_token_invalid', detail);
  }
  return new SignInRefused('oidc.token_exchange_failed', detail || 'the token request failed');
}
