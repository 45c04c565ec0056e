// IdP signing certificates (SAML 2.0 Metadata §2.4.1.1 KeyDescriptor): what
// an admin pastes (PEM, or the bare base64 found in metadata) normalized to
// PEM, checked to be an X.509 certificate, and summarized for display.

import { X509Certificate } from 'node:crypto';
import type { CertificateInfo } from '../domain/sso/types.js';
import { DomainError } from '../domain/errors.js';

const PEM = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/;

export function certificateInfo(text: string): CertificateInfo {
  const match = PEM.exec(text);
  const body = (match ? match[1] : text).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) throw invalid('it is not PEM or base64 text');
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw invalid('it does not parse as an X.509 certificate');
  }
  return {
    pem,
    subject: cert.subject.replace(/\n/g, ', '),
    notAfter: new Date(cert.validTo).toISOString(),
    fingerprintSha256: cert.fingerprint256,
  };
}

/** The base64 body of a PEM (or of bare base64), for comparing certificates. */
export function certificateBody(text: string): string {
  const match = PEM.exec(text);
  return (match ? match[1] : text).replace(/\s+/g, '');
}

function invalid(why: string): DomainError {
  return new DomainError('sso.invalid_config', `the IdP certificate is not usable: ${why}`);
}
