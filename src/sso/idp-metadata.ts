// SAML 2.0 Metadata (saml-metadata-2.0-os §2.4.3 IDPSSODescriptor): the
// three things an SP needs from an IdP's metadata, its entity ID, its
// single sign-on URL and its signing certificates. Accepts an
// EntityDescriptor or an EntitiesDescriptor holding one IdP (Entra ID's
// federation metadata also carries WS-Fed RoleDescriptors, ignored here).

import { DomainError } from '../domain/errors.js';
import { attr, child, children, parseXml, text, type XmlNode } from './xml-tree.js';

export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  /** Base64 bodies of the signing certificates (several during a rotation). */
  certificates: string[];
}

function invalid(why: string): DomainError {
  return new DomainError('sso.invalid_config', `the IdP metadata is not usable: ${why}`);
}

function idpEntity(doc: XmlNode): XmlNode | undefined {
  const single = child(doc, 'EntityDescriptor');
  if (single) return single;
  const all = children(child(doc, 'EntitiesDescriptor'), 'EntityDescriptor');
  return all.find((e) => children(e, 'IDPSSODescriptor').length > 0);
}

export async function parseIdpMetadata(xml: string): Promise<IdpMetadata> {
  const doc = xml.trim() ? await parseXml(xml) : undefined;
  if (!doc) throw invalid('it is not well-formed XML');
  const entity = idpEntity(doc);
  if (!entity) throw invalid('it has no EntityDescriptor with an IDPSSODescriptor (is this the SP\'s metadata?)');
  const entityId = attr(entity, 'entityID');
  if (!entityId) throw invalid('the EntityDescriptor has no entityID');
  const idp = child(entity, 'IDPSSODescriptor');
  if (!idp) throw invalid('it has no IDPSSODescriptor: this is not an identity provider\'s metadata');

  const services = children(idp, 'SingleSignOnService');
  // HTTP-Redirect is how Rollcall sends the AuthnRequest; most IdPs take
  // HTTP-POST at the same address, so that is the fallback.
  const service = services.find((s) => attr(s, 'Binding') === BINDING_REDIRECT) ?? services.find((s) => attr(s, 'Binding') === BINDING_POST);
  const ssoUrl = attr(service, 'Location');
  if (!ssoUrl) throw invalid('it has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding');

  const certificates = children(idp, 'KeyDescriptor')
    .filter((k) => (attr(k, 'use') ?? 'signing') === 'signing')
    .flatMap((k) => children(child(k, 'KeyInfo', 'X509Data'), 'X509Certificate'))
    .map((c) => (text(c) ?? '').replace(/\s+/g, ''))
    .filter((c) => c.length > 0);
  if (certificates.length === 0) throw invalid('it has no signing certificate (KeyDescriptor with an X509Certificate)');
  return { entityId, ssoUrl, certificates: [...new Set(certificates)] };
}
