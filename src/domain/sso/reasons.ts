// Why a sign-in through a team's IdP was refused, in words an IT admin can
// act on. Each reason has a stable code (shown by the admin API, the
// dashboard and docs/sso.md) and one sentence; `detail` keeps what the
// protocol library said, for the log and the "technical details" line.
// Pure data: no I/O; the domain and the connectors both use it.

export const REASONS = {
  'saml.clock_skew': 'The assertion is not valid yet: the identity provider\'s clock is ahead of Rollcall\'s by more than the allowed clock skew. Check that both servers keep accurate time (NTP).',
  'saml.expired': 'The assertion has expired (its NotOnOrAfter time has passed). A sign-in must finish within a few minutes; if this keeps happening, the two servers\' clocks disagree.',
  'saml.wrong_audience': 'The assertion is addressed to another service provider: its Audience is not Rollcall\'s SP entity ID. Paste the SP entity ID shown here into the IdP\'s "Audience URI" / "Identifier (Entity ID)" field.',
  'saml.wrong_recipient': 'The response was sent for another address: its Recipient or Destination is not Rollcall\'s ACS URL. Paste the ACS URL shown here into the IdP\'s "Single sign-on URL" / "Reply URL" field.',
  'saml.wrong_issuer': 'The response comes from another identity provider: its Issuer is not the IdP entity ID configured here. Upload the metadata of the IdP app you are signing in with.',
  'saml.unsigned_assertion': 'The assertion is not signed. Rollcall requires signed assertions: in the IdP, sign the assertion (Okta: "Assertion Signature: Signed"; Entra ID: "Sign SAML assertion" or "Sign SAML response and assertion").',
  'saml.certificate_mismatch': 'The signature does not verify with the configured certificate: the IdP signed with a different certificate (rotated, or another app\'s). Upload the IdP\'s current metadata or signing certificate.',
  'saml.signature_invalid': 'The signature does not match the content: the response was altered after the IdP signed it.',
  'saml.replayed': 'This SAML response was already used. Each response works once; start the sign-in again.',
  'saml.in_response_to_unknown': 'The response answers a sign-in request Rollcall did not make, or one that has expired. Start the sign-in again from Rollcall.',
  'saml.unsolicited': 'The response was not requested by Rollcall (IdP-initiated sign-in, e.g. from the IdP\'s app dashboard). Start the sign-in from Rollcall instead.',
  'saml.encrypted_assertion': 'The assertion is encrypted, which Rollcall does not support yet. Turn off assertion encryption in the IdP app (the connection is protected by TLS and the signature).',
  'saml.malformed': 'The SAML response could not be read: it is missing, not base64, or not a SAML 2.0 Response.',
  'oidc.state_unknown': 'The sign-in response does not belong to a sign-in started here (unknown or expired state). Start the sign-in again.',
  'oidc.state_reused': 'This sign-in response was already used. Start the sign-in again.',
  'oidc.nonce_mismatch': 'The ID token\'s nonce does not match this sign-in: the token was issued for another sign-in attempt.',
  'oidc.wrong_audience': 'The ID token is addressed to another client: its audience is not the client ID configured here.',
  'oidc.wrong_issuer': 'The ID token comes from another issuer than the one configured here.',
  'oidc.expired': 'The ID token has expired, or the two servers\' clocks disagree by more than the allowed clock skew.',
  'oidc.signature_invalid': 'The ID token\'s signature does not verify with the issuer\'s published keys.',
  'oidc.id_token_invalid': 'The ID token failed validation.',
  'oidc.token_exchange_failed': 'The IdP refused to exchange the authorization code for tokens: check the client secret, and that Rollcall\'s redirect URI is registered in the IdP app.',
  'oidc.discovery_failed': 'Rollcall could not read the issuer\'s discovery document (/.well-known/openid-configuration).',
  'idp.error': 'The identity provider answered with an error instead of signing the user in.',
  'identity.email_missing': 'The IdP did not send an email address for the user. Send the email as the NameID or an "email" attribute (SAML), or grant the "email" scope (OIDC).',
  'identity.email_unverified': 'The IdP says the user\'s email address is not verified, so Rollcall cannot trust it.',
  'sign_in.expired': 'The sign-in took too long and expired. Start it again.',
  'sign_in.config_changed': 'The SSO configuration changed while this sign-in was in progress. Start the test again.',
  'sign_in.unavailable': 'Single sign-on is not active for this team.',
  'sign_in.not_a_team_admin': 'You signed in with your identity provider, but your email address has no role in this team. Ask a team owner to add you.',
  'sign_in.wrong_browser': 'This sign-in was not started in this browser, so Rollcall will not finish it here. Start signing in again from Rollcall or the application; a sign-in link sent by someone else cannot sign you in.',
} as const;

export type ReasonCode = keyof typeof REASONS;

export function reasonMessage(code: ReasonCode): string {
  return REASONS[code];
}

/** A sign-in refused for a stated reason. `detail` is technical and safe to show an admin. */
export class SignInRefused extends Error {
  readonly reason: ReasonCode;
  readonly detail: string | undefined;

  constructor(reason: ReasonCode, detail?: string) {
    super(detail ? `${REASONS[reason]} (${detail})` : REASONS[reason]);
    this.name = 'SignInRefused';
    this.reason = reason;
    this.detail = detail;
  }
}
