// What Rollcall reads from a SAMLResponse itself, around @node-saml's
// validation: the shape checks that let a refusal say *why* (no assertion
// signature, an encrypted assertion, which certificate signed), and the
// SAML 2.0 Web SSO profile checks node-saml leaves to the SP (saml-profiles
// §4.1.4.3: Recipient of the bearer SubjectConfirmationData and the
// response's Destination must be the ACS URL).

import { attr, child, children, parseXml, text, type XmlNode } from './xml-tree.js';

export interface ResponseShape {
  response: XmlNode;
  assertion: XmlNode | undefined;
  encrypted: boolean;
  assertionCount: number;
  assertionSigned: boolean;
  /** The certificate embedded in the assertion's signature KeyInfo, if any (base64). */
  signingCertificate: string | undefined;
  destination: string | undefined;
  /** The top-level StatusCode (saml-core §3.2.2.2). */
  statusCode: string | undefined;
  /** The second-level StatusCode and StatusMessage, when given. */
  statusMessage: string | undefined;
}

export async function readResponse(xml: string): Promise<ResponseShape | undefined> {
  const doc = await parseXml(xml);
  const response = child(doc, 'Response');
  if (!response) return undefined;
  const assertions = children(response, 'Assertion');
  const assertion = assertions[0];
  const signature = child(assertion, 'Signature');
  const cert = text(child(signature, 'KeyInfo', 'X509Data', 'X509Certificate'));
  return {
    response,
    assertion,
    encrypted: children(response, 'EncryptedAssertion').length > 0,
    assertionCount: assertions.length + children(response, 'EncryptedAssertion').length,
    assertionSigned: signature !== undefined,
    signingCertificate: cert?.replace(/\s+/g, ''),
    destination: attr(response, 'Destination'),
    statusCode: attr(child(response, 'Status', 'StatusCode'), 'Value'),
    statusMessage: [attr(child(response, 'Status', 'StatusCode', 'StatusCode'), 'Value'), text(child(response, 'Status', 'StatusMessage'))].filter(Boolean).join(' ') || undefined,
  };
}

/** The bearer confirmations' Recipient values and time windows. */
export function confirmations(assertion: XmlNode | undefined): { recipient?: string; notBefore?: string; notOnOrAfter?: string }[] {
  return children(child(assertion, 'Subject'), 'SubjectConfirmation').map((c) => {
    const data = child(c, 'SubjectConfirmationData');
    return { recipient: attr(data, 'Recipient'), notBefore: attr(data, 'NotBefore'), notOnOrAfter: attr(data, 'NotOnOrAfter') };
  });
}

export function conditions(assertion: XmlNode | undefined): { notBefore?: string; notOnOrAfter?: string } {
  const c = child(assertion, 'Conditions');
  return { notBefore: attr(c, 'NotBefore'), notOnOrAfter: attr(c, 'NotOnOrAfter') };
}
