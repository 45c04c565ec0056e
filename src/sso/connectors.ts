// The SAML and OIDC connectors behind the domain's one port (sso-types.ts
// SsoConnectors), built from the SSO settings main.ts reads from config.

import type { SsoConnectors, SsoOptions } from '../domain/sso/types.js';
import { createOidcConnector } from './oidc-connector.js';
import { createSamlConnector } from './saml-connector.js';
import type { Egress } from '../net/outbound-request.js';

export interface SsoSettings extends SsoOptions {
  /** Tolerated difference between the IdP's clock and ours (assertion and ID token times). */
  clockSkewMs: number;
  /** http:// issuers and metadata URLs, for development and tests only. */
  allowInsecureHttp: boolean;
  /** Time limit for fetching IdP metadata, discovery documents and tokens. */
  fetchTimeoutMs: number;
}

export const DEFAULT_SSO_SETTINGS: SsoSettings = {
  publicUrl: 'http://127.0.0.1:8080',
  requestTtlMs: 10 * 60_000,
  clockSkewMs: 60_000,
  allowInsecureHttp: false,
  fetchTimeoutMs: 10_000,
};

const MAX_METADATA_BYTES = 1024 * 1024;

/** `egress`: which addresses metadata, discovery, JWKS and token requests may reach. */
export function createSsoConnectors(settings: SsoSettings, egress: Egress): SsoConnectors {
  return {
    saml: createSamlConnector({
      clockSkewMs: settings.clockSkewMs,
      requestTtlMs: settings.requestTtlMs,
      fetch: { allowInsecureHttp: settings.allowInsecureHttp, timeoutMs: settings.fetchTimeoutMs, maxBytes: MAX_METADATA_BYTES, egress },
    }),
    oidc: createOidcConnector({ clockSkewMs: settings.clockSkewMs, allowInsecureHttp: settings.allowInsecureHttp, timeoutMs: settings.fetchTimeoutMs, egress, maxBytes: MAX_METADATA_BYTES }),
  };
}
