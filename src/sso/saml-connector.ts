// SAML 2.0 service provider (saml-core-2.0-os, saml-profiles-2.0-os §4.1
// Web Browser SSO, HTTP-Redirect out, HTTP-POST back) on @node-saml/node-saml.
// Requirements beyond node-saml's defaults: signed assertions, audience =
// our entity ID, InResponseTo = a request we made (looked up in the
// database, so any instance can finish a sign-in), Recipient/Destination =
// our ACS URL, Issuer = the configured IdP, a small clock skew.

import { SAML, ValidateInResponseTo, generateServiceProviderMetadata, type CacheProvider, type Profile } from '@node-saml/node-saml';
import type { SamlAssertion, SamlConfigInput, SamlConnectionConfig, SamlConnectorPort, SpEndpoints } from '../domain/sso/types.js';
import { DomainError } from '../domain/errors.js';
import { certificateInfo } from './certificates.js';
import { checkedUrl, fetchDocument, type FetchRules } from './fetch-document.js';
import { parseIdpMetadata } from './idp-metadata.js';
import { identityFrom } from './identity-claims.js';
import { SignInRefused } from '../domain/sso/reasons.js';
import { classifySamlError } from './saml-errors.js';
import { conditions, confirmations, readResponse } from './saml-response.js';
import { attr, child, parseXml } from './xml-tree.js';
import { cleanAttributes } from './attribute-names.js';

export interface SamlConnectorOptions {
  clockSkewMs: number;
  requestTtlMs: number;
  fetch: FetchRules;
}

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
/** How long a consumed assertion id is kept when the assertion names no expiry. */
const DEFAULT_REPLAY_WINDOW_MS = 3600_000;

function samlFor(config: SamlConnectionConfig, sp: SpEndpoints, options: SamlConnectorOptions, extra: Partial<ConstructorParameters<typeof SAML>[0]>): SAML {
  return new SAML({
    callbackUrl: sp.acsUrl,
    entryPoint: config.ssoUrl,
    issuer: sp.entityId,
    audience: sp.entityId,
    idpCert: config.certificates.map((c) => c.pem),
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: options.clockSkewMs,
    requestIdExpirationPeriodMs: options.requestTtlMs,
    // Let the IdP choose the NameID format, and how the user authenticates
    // (a requested password context makes Entra ID refuse MFA sign-ins).
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: 'sha256',
    ...extra,
  });
}

async function fromInput(input: SamlConfigInput, fetchRules: FetchRules): Promise<{ entityId: string; ssoUrl: string; certificates: string[] }> {
  const manual = input.idpEntityId !== undefined || input.ssoUrl !== undefined || input.certificate !== undefined;
  const sources = [input.metadataXml !== undefined, input.metadataUrl !== undefined, manual].filter(Boolean).length;
  if (sources !== 1) {
    throw new DomainError('sso.invalid_config', 'give exactly one of: metadataXml (the IdP metadata file), metadataUrl, or idpEntityId + ssoUrl + certificate');
  }
  if (input.metadataXml !== undefined) return parseIdpMetadata(input.metadataXml);
  if (input.metadataUrl !== undefined) return parseIdpMetadata(await fetchDocument(input.metadataUrl, 'metadataUrl', fetchRules));
  if (!input.idpEntityId?.trim() || !input.ssoUrl?.trim() || !input.certificate?.trim()) {
    throw new DomainError('sso.invalid_config', 'without metadata, give all three of idpEntityId, ssoUrl and certificate');
  }
  return { entityId: input.idpEntityId.trim(), ssoUrl: input.ssoUrl.trim(), certificates: [input.certificate] };
}

async function decode(samlResponse: string) {
  const xml = /^[A-Za-z0-9+/=\s]+$/.test(samlResponse) ? Buffer.from(samlResponse, 'base64').toString('utf8') : '';
  return xml ? readResponse(xml) : undefined;
}

export function createSamlConnector(options: SamlConnectorOptions): SamlConnectorPort {
  return {
    async prepare(input) {
      const found = await fromInput(input, options.fetch);
      checkedUrl(found.ssoUrl, 'the IdP single sign-on URL', options.fetch.allowInsecureHttp);
      return {
        kind: 'saml',
        idpEntityId: found.entityId,
        ssoUrl: found.ssoUrl,
        certificates: found.certificates.map(certificateInfo),
        metadataUrl: input.metadataUrl ?? null,
        attributes: cleanAttributes(input.attributes),
      };
    },

    async authorizeUrl(config, sp, requestId, relayState) {
      const saml = samlFor(config, sp, options, { generateUniqueId: () => requestId, validateInResponseTo: ValidateInResponseTo.never });
      return saml.getAuthorizeUrlAsync(relayState, undefined, {});
    },

    async inResponseTo(samlResponse) {
      const shape = await decode(samlResponse);
      return attr(shape?.response, 'InResponseTo');
    },

    async validate(config, sp, samlResponse, knownRequest): Promise<SamlAssertion> {
      const shape = await decode(samlResponse);
      if (!shape) throw new SignInRefused('saml.malformed', 'the SAMLResponse form field does not hold a base64 SAML 2.0 Response');
      // node-saml would accept a signed assertion inside a non-Success response.
      if (shape.statusCode && shape.statusCode !== SUCCESS) throw new SignInRefused('idp.error', `status ${shape.statusCode}${shape.statusMessage ? `: ${shape.statusMessage}` : ''}`);
      if (shape.encrypted) throw new SignInRefused('saml.encrypted_assertion');
      if (shape.assertionCount > 1) throw new SignInRefused('saml.malformed', 'the response carries more than one assertion');
      if (shape.assertion && !shape.assertionSigned) throw new SignInRefused('saml.unsigned_assertion', shape.response.Signature ? 'only the response envelope is signed' : undefined);

      // The database is the request cache: "known" is answered there; expiry
      // and single use are the domain's to decide, on its own clock.
      const cacheProvider: CacheProvider = {
        saveAsync: async () => null,
        getAsync: async (key) => ((await knownRequest(key)) ? new Date().toISOString() : null),
        removeAsync: async () => null,
      };
      let profile: Profile | null;
      try {
        ({ profile } = await samlFor(config, sp, options, { validateInResponseTo: ValidateInResponseTo.always, cacheProvider }).validatePostResponseAsync({ SAMLResponse: samlResponse }));
      } catch (error) {
        throw classifySamlError(error, shape, config, options.clockSkewMs);
      }
      if (!profile) throw new SignInRefused('saml.malformed', 'the response holds no assertion');

      // From here on, only the signed assertion is read.
      const signed = child(await parseXml(profile.getAssertionXml?.() ?? ''), 'Assertion');
      if (profile.issuer !== config.idpEntityId) throw new SignInRefused('saml.wrong_issuer', `Issuer is "${profile.issuer}", expected "${config.idpEntityId}"`);
      const bearer = confirmations(signed);
      if (!bearer.some((c) => c.recipient === sp.acsUrl)) {
        throw new SignInRefused('saml.wrong_recipient', `Recipient is "${bearer.map((c) => c.recipient ?? '(none)').join('", "')}", expected "${sp.acsUrl}"`);
      }
      if (shape.destination !== undefined && shape.destination !== sp.acsUrl) {
        throw new SignInRefused('saml.wrong_recipient', `Destination is "${shape.destination}", expected "${sp.acsUrl}"`);
      }
      const assertionId = attr(signed, 'ID');
      if (!assertionId || !profile.inResponseTo) throw new SignInRefused('saml.malformed', 'the assertion has no ID, or the response no InResponseTo');
      const ends = [conditions(signed).notOnOrAfter, ...bearer.map((c) => c.notOnOrAfter)].filter((t): t is string => !!t).map(Date.parse).filter(Number.isFinite);
      const expiresAt = new Date((ends.length ? Math.max(...ends) : Date.now() + DEFAULT_REPLAY_WINDOW_MS) + options.clockSkewMs).toISOString();

      const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
      return {
        assertionId,
        inResponseTo: String(profile.inResponseTo),
        expiresAt,
        identity: { ...identityFrom(profile.nameID, attributes, config.attributes, profile.nameID), nameId: profile.nameID, ...(profile.nameIDFormat ? { nameIdFormat: profile.nameIDFormat } : {}) },
      };
    },

    spMetadata(sp) {
      return generateServiceProviderMetadata({ issuer: sp.entityId, callbackUrl: sp.acsUrl, wantAssertionsSigned: true, identifierFormat: EMAIL_FORMAT });
    },
  };
}
