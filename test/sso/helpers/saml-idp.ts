// A real SAML 2.0 identity provider for tests: samlify (with the xmllint
// schema validator) reads Rollcall's SP metadata and its AuthnRequest from
// the redirect URL, and answers with a signed Response for the HTTP-POST
// binding. `tamper` lets a test change what the IdP signs (times, audience,
// recipient, InResponseTo) or skip the signature.

import { readFileSync } from 'node:fs';
import * as samlify from 'samlify';
// The validator ships without types; it exports validate(xml): Promise<true>.
const validator = (await import('@authenio/samlify-xmllint-wasm' as string)) as { validate: (xml: string) => Promise<unknown> };
samlify.setSchemaValidator(validator);

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
export const IDP_KEY = fixture('idp-key.pem');
export const IDP_CERT = fixture('idp-cert.pem');
export const OTHER_KEY = fixture('other-idp-key.pem');
export const OTHER_CERT = fixture('other-idp-cert.pem');

export const SAML_IDP_ENTITY = 'https://idp.example.test/saml';
export const SAML_IDP_SSO = 'https://idp.example.test/saml/sso';

const BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';

export interface SamlUser {
  email?: string;
  name?: string;
  groups?: string;
  nameId?: string;
}

/** Values the IdP puts in the response; a test overrides some to break it. */
export interface Tamper {
  notBefore?: string;
  notOnOrAfter?: string;
  audience?: string;
  recipient?: string;
  destination?: string;
  inResponseTo?: string;
  issuer?: string;
  /** Leave the assertion unsigned (samlify then signs the response envelope only). */
  unsigned?: boolean;
  /** Sign with this key and certificate instead of the IdP's own. */
  signWith?: { key: string; cert: string };
  /** A top-level StatusCode other than Success. */
  status?: string;
}

function identityProvider(key: string, cert: string) {
  return samlify.IdentityProvider({
    entityID: SAML_IDP_ENTITY,
    privateKey: key,
    signingCert: cert,
    isAssertionEncrypted: false,
    nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
    singleSignOnService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: SAML_IDP_SSO }],
    singleLogoutService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: `${SAML_IDP_SSO}/logout` }],
    loginResponseTemplate: {
      context: samlify.SamlLib.defaultLoginResponseTemplate.context,
      attributes: [
        { name: 'email', valueTag: 'email', nameFormat: BASIC, valueXsiType: 'xs:string' },
        { name: 'displayName', valueTag: 'name', nameFormat: BASIC, valueXsiType: 'xs:string' },
        { name: 'groups', valueTag: 'groups', nameFormat: BASIC, valueXsiType: 'xs:string' },
      ],
    },
  });
}

export function createSamlIdp() {
  const idp = identityProvider(IDP_KEY, IDP_CERT);
  let counter = 0;

  return {
    metadata: (): string => idp.getMetadata(),

    /**
     * Plays the IdP's part of a sign-in: parses the AuthnRequest in Rollcall's
     * redirect URL and returns the form fields the browser would POST to the ACS.
     */
    async respond(spMetadata: string, redirectUrl: string, user: SamlUser, tamper: Tamper = {}): Promise<{ SAMLResponse: string; RelayState: string; requestId: string }> {
      const url = new URL(redirectUrl);
      // An IdP set up to sign only the response envelope: it reads the SP as not wanting signed assertions.
      const spSeen = tamper.unsigned ? spMetadata.replace('WantAssertionsSigned="true"', 'WantAssertionsSigned="false"') : spMetadata;
      const sp = samlify.ServiceProvider({ metadata: spSeen });
      const parsed = await idp.parseLoginRequest(sp, 'redirect', { query: Object.fromEntries(url.searchParams) });
      const request = parsed.extract.request as { id: string; assertionConsumerServiceUrl: string };
      const requestId = request.id;
      const acs = request.assertionConsumerServiceUrl;
      const signer = tamper.signWith ? identityProvider(tamper.signWith.key, tamper.signWith.cert) : idp;
      const now = new Date();
      const later = new Date(now.getTime() + 5 * 60_000).toISOString();
      const spEntity = sp.entityMeta.getEntityID();
      const authnStatement = `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="_s${counter}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`;
      const values = {
        ID: `_r${++counter}${Date.now()}`,
        AssertionID: `_a${counter}${Date.now()}${Math.random().toString(16).slice(2)}`,
        Destination: tamper.destination ?? acs,
        Audience: tamper.audience ?? spEntity,
        EntityID: spEntity,
        SubjectRecipient: tamper.recipient ?? acs,
        Issuer: tamper.issuer ?? SAML_IDP_ENTITY,
        IssueInstant: now.toISOString(),
        AssertionConsumerServiceURL: acs,
        StatusCode: tamper.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success',
        ConditionsNotBefore: tamper.notBefore ?? now.toISOString(),
        ConditionsNotOnOrAfter: tamper.notOnOrAfter ?? later,
        SubjectConfirmationDataNotOnOrAfter: tamper.notOnOrAfter ?? later,
        NameIDFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        NameID: user.nameId ?? user.email ?? 'no-email',
        InResponseTo: tamper.inResponseTo ?? requestId,
        attrEmail: user.email ?? '',
        attrName: user.name ?? '',
        attrGroups: user.groups ?? '',
      };
      const { context } = (await signer.createLoginResponse(sp, parsed as unknown as Parameters<typeof idp.createLoginResponse>[1], 'post', { email: user.email }, {
        // The AuthnStatement is XML, which replaceTagsByValue would escape: it goes in first.
        customTagReplacement: (template: string) => ({ id: values.ID, context: samlify.SamlLib.replaceTagsByValue(template.replace('{AuthnStatement}', authnStatement), values) }),
      })) as { context: string };
      return { SAMLResponse: context, RelayState: url.searchParams.get('RelayState') ?? '', requestId };
    },
  };
}

export type SamlIdp = ReturnType<typeof createSamlIdp>;

/** Changes the decoded XML of a SAMLResponse (after signing: the signature no longer matches). */
export function alterResponse(samlResponse: string, change: (xml: string) => string): string {
  return Buffer.from(change(Buffer.from(samlResponse, 'base64').toString('utf8'))).toString('base64');
}
