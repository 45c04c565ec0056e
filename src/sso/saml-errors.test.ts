// How @node-saml/node-saml's failure messages map to refusal reasons.

import { describe, expect, it } from 'vitest';
import { classifySamlError } from './saml-errors.js';
import type { ResponseShape } from './saml-response.js';
import type { SamlConnectionConfig } from '../domain/sso/types.js';

const PEM = '-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n';
const config: SamlConnectionConfig = { kind: 'saml', idpEntityId: 'idp', ssoUrl: 'https://idp', certificates: [{ pem: PEM, subject: 'CN=x', notAfter: '', fingerprintSha256: '' }], metadataUrl: null, attributes: {} };
const shape = (over: Partial<ResponseShape> = {}): ResponseShape => ({
  response: {},
  assertion: {},
  encrypted: false,
  assertionCount: 1,
  assertionSigned: true,
  signingCertificate: 'QUJD',
  destination: undefined,
  statusCode: undefined,
  statusMessage: undefined,
  ...over,
});

describe('classifySamlError', () => {
  it.each([
    ['InResponseTo is missing from response', 'saml.unsolicited'],
    ['InResponseTo is not valid', 'saml.in_response_to_unknown'],
    ['SAML assertion not yet valid', 'saml.clock_skew'],
    ['SAML assertion expired: clocks skewed too much', 'saml.expired'],
    ['SAML assertion audience mismatch. Expected: a Received: b', 'saml.wrong_audience'],
    ['SAML assertion has no AudienceRestriction', 'saml.wrong_audience'],
    ['Invalid signature: multiple assertions', 'saml.malformed'],
    ['Something else entirely', 'saml.malformed'],
  ])('"%s" → %s', (message, reason) => {
    expect(classifySamlError(new Error(message), shape(), config, 60_000).reason).toBe(reason);
  });

  it('tells a changed document from a foreign certificate by the certificate in the signature', () => {
    expect(classifySamlError(new Error('Invalid signature'), shape(), config, 0).reason).toBe('saml.signature_invalid');
    expect(classifySamlError(new Error('Invalid signature'), shape({ signingCertificate: 'WFla' }), config, 0).reason).toBe('saml.certificate_mismatch');
    expect(classifySamlError(new Error('Invalid signature'), shape({ signingCertificate: undefined }), config, 0).reason).toBe('saml.certificate_mismatch');
  });
});
