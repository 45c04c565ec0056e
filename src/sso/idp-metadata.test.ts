// SAML 2.0 Metadata (saml-metadata-2.0-os §2.4.3) as Okta, Entra ID and
// Google Workspace publish it.

import { describe, expect, it } from 'vitest';
import { parseIdpMetadata } from './idp-metadata.js';

const CERT_A = 'MIIDAAA' + 'A'.repeat(40);
const CERT_B = 'MIIDBBB' + 'B'.repeat(40);

const okta = `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exk1abc"><md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${CERT_A}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://acme.okta.com/app/acme_rollcall_1/exk1abc/sso/saml"/><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://acme.okta.com/app/acme_rollcall_1/exk1abc/sso/saml?redirect=1"/></md:IDPSSODescriptor></md:EntityDescriptor>`;

// Entra ID: WS-Fed RoleDescriptors first, certificates without `use`, two during a rollover.
const entra = `<?xml version="1.0" encoding="utf-8"?><EntityDescriptor ID="_f1" entityID="https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/" xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><RoleDescriptor xsi:type="fed:SecurityTokenServiceType" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706"><KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${CERT_B}</X509Certificate></X509Data></KeyInfo></KeyDescriptor></RoleDescriptor><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${CERT_A}</X509Certificate></X509Data></KeyInfo></KeyDescriptor><KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>
${CERT_B}
</X509Certificate></X509Data></KeyInfo></KeyDescriptor><KeyDescriptor use="encryption"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>MIIENCRYPT${'C'.repeat(40)}</X509Certificate></X509Data></KeyInfo></KeyDescriptor><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2"/></IDPSSODescriptor></EntityDescriptor>`;

describe('parseIdpMetadata', () => {
  it('reads an Okta app\'s metadata, preferring the HTTP-Redirect sign-on URL', async () => {
    expect(await parseIdpMetadata(okta)).toEqual({ entityId: 'http://www.okta.com/exk1abc', ssoUrl: 'https://acme.okta.com/app/acme_rollcall_1/exk1abc/sso/saml?redirect=1', certificates: [CERT_A] });
  });

  it('reads Entra ID federation metadata: skips RoleDescriptors, keeps every signing certificate, not encryption ones', async () => {
    expect(await parseIdpMetadata(entra)).toEqual({
      entityId: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
      ssoUrl: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2',
      certificates: [CERT_A, CERT_B],
    });
  });

  it('finds the IdP in an EntitiesDescriptor, and falls back to the HTTP-POST binding', async () => {
    const postOnly = okta.replace(/<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"[^>]*\/>/, '');
    const wrapped = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${postOnly.replace(/^<\?xml[^>]*\?>/, '')}</md:EntitiesDescriptor>`;
    expect((await parseIdpMetadata(wrapped)).ssoUrl).toBe('https://acme.okta.com/app/acme_rollcall_1/exk1abc/sso/saml');
  });

  it.each([
    ['an empty document', '', /not well-formed XML/],
    ['text that is not XML', 'not xml at all <', /not well-formed|no EntityDescriptor/],
    ['an SP\'s metadata', '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="sp"><SPSSODescriptor/></EntityDescriptor>', /no IDPSSODescriptor/],
    ['no entityID', okta.replace('entityID="http://www.okta.com/exk1abc"', ''), /no entityID/],
    ['no sign-on service', okta.replace(/<md:SingleSignOnService[^>]*\/>/g, ''), /no SingleSignOnService/],
    ['no signing certificate', okta.replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, ''), /no signing certificate/],
  ])('refuses %s with a message that says so', async (_what, xml, message) => {
    await expect(parseIdpMetadata(xml)).rejects.toMatchObject({ code: 'sso.invalid_config', message });
  });
});
