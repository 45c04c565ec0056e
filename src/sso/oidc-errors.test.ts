// How openid-client failures map to refusal reasons; the claim comes from
// oauth4webapi's error cause (OIDC Core §3.1.3.7 ID token validation steps).

import { describe, expect, it } from 'vitest';
import { classifyOidcError } from './oidc-errors.js';

const failed = (code: string, message: string, claim?: string) => Object.assign(new Error('unexpected JWT claim value encountered'), { code, cause: { message, cause: claim ? { claim } : {} } });

describe('classifyOidcError', () => {
  it.each([
    ['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'unexpected ID Token "nonce" claim value', 'nonce', 'oidc.nonce_mismatch'],
    ['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'unexpected JWT "aud" (audience) claim value', 'aud', 'oidc.wrong_audience'],
    ['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'unexpected ID Token "azp" claim value', 'azp', 'oidc.wrong_audience'],
    ['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'unexpected JWT "iss" (issuer) claim value', 'iss', 'oidc.wrong_issuer'],
    ['OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'unexpected JWT "exp" (expiration time) claim value', undefined, 'oidc.expired'],
    ['OAUTH_INVALID_RESPONSE', 'JWT signature verification failed', undefined, 'oidc.signature_invalid'],
    ['OAUTH_INVALID_RESPONSE', 'unexpected "state" response parameter value', undefined, 'oidc.state_unknown'],
    ['OAUTH_TIMEOUT', 'operation timed out', undefined, 'oidc.token_exchange_failed'],
  ])('%s (%s) → %s', (code, message, claim, reason) => {
    expect(classifyOidcError(failed(code, message, claim)).reason).toBe(reason);
  });
});
