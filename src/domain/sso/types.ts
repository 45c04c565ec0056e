// SSO vocabulary shared by the connection and sign-in services: statuses,
// configurations, the values an admin pastes into the IdP, and the ports to
// the protocol connectors (src/sso/*), so the domain itself speaks neither
// SAML nor OIDC. The storage port is store.ts.

export const SSO_KINDS = ['saml', 'oidc'] as const;
export type SsoKind = (typeof SSO_KINDS)[number];

/** draft → (test succeeds) → active; failed: the last test failed; disabled: switched off by an admin. */
export const SSO_STATUSES = ['draft', 'active', 'failed', 'disabled'] as const;
export type SsoStatus = (typeof SSO_STATUSES)[number];

export const SIGN_IN_PURPOSES = ['test', 'admin', 'member'] as const;
export type SignInPurpose = (typeof SIGN_IN_PURPOSES)[number];

/** Names of the attributes (SAML) or claims (OIDC) that carry each identity field. */
export interface AttributeNames {
  email?: string;
  name?: string;
  groups?: string;
}

export interface CertificateInfo {
  /** PEM text of the IdP's signing certificate. */
  pem: string;
  subject: string;
  notAfter: string;
  fingerprintSha256: string;
}

export interface SamlConnectionConfig {
  kind: 'saml';
  idpEntityId: string;
  ssoUrl: string;
  certificates: CertificateInfo[];
  /** Where the metadata came from, if it was fetched. */
  metadataUrl: string | null;
  attributes: AttributeNames;
}

export interface OidcConnectionConfig {
  kind: 'oidc';
  issuer: string;
  clientId: string;
  clientSecret: string;
  attributes: AttributeNames;
}

export type ConnectionConfig = SamlConnectionConfig | OidcConnectionConfig;

/** What an admin sends to configure SAML: metadata (XML or URL), or the three fields by hand. */
export interface SamlConfigInput {
  kind: 'saml';
  metadataXml?: string;
  metadataUrl?: string;
  idpEntityId?: string;
  ssoUrl?: string;
  certificate?: string;
  attributes?: AttributeNames;
}

export interface OidcConfigInput {
  kind: 'oidc';
  issuer: string;
  clientId: string;
  /** May be left out to keep the stored secret, when issuer and client id do not change. */
  clientSecret?: string;
  attributes?: AttributeNames;
}

export type ConfigInput = SamlConfigInput | OidcConfigInput;

/** The service provider's own values, per team, to paste into the IdP. */
export interface SpEndpoints {
  entityId: string;
  acsUrl: string;
  metadataUrl: string;
  redirectUri: string;
  signInUrl: string;
}

export function spEndpoints(publicUrl: string, teamId: string): SpEndpoints {
  const base = `${publicUrl}/sso/${encodeURIComponent(teamId)}`;
  return {
    // The metadata URL doubles as the entity ID, as most SPs do: unique per
    // team, and an admin who opens it sees what it names.
    entityId: `${base}/saml/metadata`,
    acsUrl: `${base}/saml/acs`,
    metadataUrl: `${base}/saml/metadata`,
    redirectUri: `${base}/oidc/callback`,
    signInUrl: `${base}/start?purpose=admin`,
  };
}

/** Who signed in, as the IdP said it. */
export interface SignInIdentity {
  subject: string;
  email: string;
  name?: string;
  groups?: string[];
  attributes: Record<string, unknown>;
}

/** An identity as a connector extracted it, before the domain's checks. */
export interface RawIdentity {
  subject: string;
  email: string | null;
  /** OIDC `email_verified`, when the IdP sent it. */
  emailVerified?: boolean;
  name?: string;
  groups?: string[];
  attributes: Record<string, unknown>;
  /** SAML only: the assertion's NameID and its Format (saml-core §8.3), shown at a test sign-in. */
  nameId?: string;
  nameIdFormat?: string;
}

/** What a SAML response proved, once the connector has validated it. */
export interface SamlAssertion {
  assertionId: string;
  inResponseTo: string;
  /** Until when the assertion could be replayed (kept that long as consumed). */
  expiresAt: string;
  identity: RawIdentity;
}

export interface SamlConnectorPort {
  /** Builds a stored config from admin input; fetches metadata only when a URL is given. */
  prepare(input: SamlConfigInput): Promise<SamlConnectionConfig>;
  /** The IdP URL the browser goes to, carrying an AuthnRequest with id `requestId`. */
  authorizeUrl(config: SamlConnectionConfig, sp: SpEndpoints, requestId: string, relayState: string): Promise<string>;
  /**
   * Validates a POSTed SAMLResponse (signature, audience, recipient, time
   * window, issuer). `knownRequest` answers whether an InResponseTo value is a
   * request Rollcall made. Throws SignInRefused with a classified reason.
   */
  validate(config: SamlConnectionConfig, sp: SpEndpoints, samlResponse: string, knownRequest: (id: string) => Promise<boolean>): Promise<SamlAssertion>;
  spMetadata(sp: SpEndpoints): string;
  /** The InResponseTo a response claims (unverified: it only picks the request to check against). */
  inResponseTo(samlResponse: string): Promise<string | undefined>;
}

export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcConnectorPort {
  /** Builds a stored config from admin input, checking the issuer's discovery document. */
  prepare(input: OidcConfigInput & { clientSecret: string }): Promise<OidcConnectionConfig>;
  authorizeUrl(config: OidcConnectionConfig, sp: SpEndpoints, checks: OidcChecks): Promise<string>;
  /** Exchanges the code from the callback's query string and validates the ID token. Throws SignInRefused. */
  exchange(config: OidcConnectionConfig, sp: SpEndpoints, callbackQuery: string, checks: OidcChecks): Promise<RawIdentity>;
}

export interface SsoConnectors {
  saml: SamlConnectorPort;
  oidc: OidcConnectorPort;
}

export interface SsoOptions {
  /** The external base URL: SP entity ID, ACS URL and redirect URI derive from it. */
  publicUrl: string;
  /** How long a started sign-in may take to come back. */
  requestTtlMs: number;
}
