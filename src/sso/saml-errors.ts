// Turns what @node-saml/node-saml throws into a refusal reason (domain/sso/reasons.ts).
// node-saml reports failures as messages, so this matches on them; the
// response's own shape (which certificate signed, the time windows) decides
// between reasons a message alone cannot tell apart.

import { SamlStatusError } from '@node-saml/node-saml';
import type { SamlConnectionConfig } from '../domain/sso/types.js';
import { certificateBody } from './certificates.js';
import { SignInRefused } from '../domain/sso/reasons.js';
import { confirmations, type ResponseShape } from './saml-response.js';

function signatureFailure(shape: ResponseShape, config: SamlConnectionConfig, detail: string): SignInRefused {
  const configured = config.certificates.map((c) => certificateBody(c.pem));
  if (!shape.signingCertificate) return new SignInRefused('saml.certificate_mismatch', `${detail}; the signature names no certificate to compare with the configured one`);
  if (!configured.includes(shape.signingCertificate)) return new SignInRefused('saml.certificate_mismatch', `${detail}; the IdP signed with a certificate that is not configured here`);
  return new SignInRefused('saml.signature_invalid', `${detail}; signed with the configured certificate, but the signed content was changed`);
}

function timeFailure(shape: ResponseShape, skewMs: number, detail: string): SignInRefused {
  const now = Date.now();
  const early = confirmations(shape.assertion).some((c) => c.notBefore && Date.parse(c.notBefore) > now + skewMs);
  return new SignInRefused(early ? 'saml.clock_skew' : 'saml.expired', detail);
}

export function classifySamlError(error: unknown, shape: ResponseShape, config: SamlConnectionConfig, skewMs: number): SignInRefused {
  if (error instanceof SignInRefused) return error;
  if (error instanceof SamlStatusError) {
    return new SignInRefused('idp.error', `${error.message} (status ${shape.statusCode ?? 'unknown'})`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/InResponseTo is missing/i.test(message)) return new SignInRefused('saml.unsolicited', message);
  if (/InResponseTo/i.test(message)) return new SignInRefused('saml.in_response_to_unknown', message);
  if (/not yet valid/i.test(message)) return new SignInRefused('saml.clock_skew', message);
  if (/expired/i.test(message)) return new SignInRefused('saml.expired', message);
  if (/subject confirmation/i.test(message)) return timeFailure(shape, skewMs, message);
  if (/audience/i.test(message)) return new SignInRefused('saml.wrong_audience', message);
  if (/multiple assertions/i.test(message)) return new SignInRefused('saml.malformed', message);
  if (/signature/i.test(message)) return signatureFailure(shape, config, message);
  return new SignInRefused('saml.malformed', message);
}
