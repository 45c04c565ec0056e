// Setup instructions and field presets for the IdPs customers use most,
// with this team's SP values filled in so an admin can copy them straight
// into the IdP's form. Field names follow each vendor's console wording.

import type { AttributeNames, SpEndpoints } from '../domain/sso/types.js';

export interface PresetProtocol {
  /** Steps in the IdP's console, with Rollcall's values in them. */
  steps: string[];
  /** Values to prefill in Rollcall's form ({placeholders} are the admin's to replace). */
  fields: { attributes: AttributeNames; metadataUrl?: string; issuer?: string };
}

export interface Preset {
  id: 'okta' | 'entra' | 'google';
  name: string;
  saml: PresetProtocol;
  oidc: PresetProtocol;
}

export function ssoPresets(sp: SpEndpoints): Preset[] {
  return [
    {
      id: 'okta',
      name: 'Okta',
      saml: {
        steps: [
          'Okta Admin Console → Applications → Applications → Create App Integration → SAML 2.0.',
          `Single sign-on URL: ${sp.acsUrl} (keep "Use this for Recipient URL and Destination URL" checked).`,
          `Audience URI (SP Entity ID): ${sp.entityId}`,
          'Name ID format: EmailAddress; Application username: Email.',
          'Attribute Statements: email → user.email, name → user.displayName. Group Attribute Statements (optional): groups, filter "Matches regex" .*',
          'Finish, then on the Sign On tab copy the "Metadata URL" into Rollcall (or download the metadata and upload it). Assertion Signature stays "Signed".',
          'Assign the app to the admins who will test it, then run the test sign-in from Rollcall.',
        ],
        fields: { attributes: { email: 'email', name: 'name', groups: 'groups' }, metadataUrl: 'https://{yourOktaDomain}/app/{appId}/sso/saml/metadata' },
      },
      oidc: {
        steps: [
          'Okta Admin Console → Applications → Applications → Create App Integration → OIDC - OpenID Connect → Web Application.',
          `Sign-in redirect URIs: ${sp.redirectUri}; Grant type: Authorization Code.`,
          'Copy the Client ID and Client secret from the General tab into Rollcall.',
          'Issuer: https://{yourOktaDomain} (the org authorization server).',
          'Assign the app to the admins who will test it, then run the test sign-in from Rollcall.',
        ],
        fields: { attributes: { email: 'email', name: 'name', groups: 'groups' }, issuer: 'https://{yourOktaDomain}' },
      },
    },
    {
      id: 'entra',
      name: 'Microsoft Entra ID',
      saml: {
        steps: [
          'Microsoft Entra admin center → Enterprise applications → New application → Create your own application (non-gallery) → Single sign-on → SAML.',
          `Basic SAML Configuration: Identifier (Entity ID) ${sp.entityId}; Reply URL (Assertion Consumer Service URL) ${sp.acsUrl}.`,
          'Attributes & Claims: keep emailaddress (user.mail); add a group claim if you want groups.',
          'SAML Certificates: keep signing option "Sign SAML assertion" (or "Sign SAML response and assertion"), and copy "App Federation Metadata Url" into Rollcall.',
          'Users and groups: assign the admins who will test it, then run the test sign-in from Rollcall.',
        ],
        fields: {
          attributes: {
            email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
            name: 'http://schemas.microsoft.com/identity/claims/displayname',
            groups: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
          },
          metadataUrl: 'https://login.microsoftonline.com/{tenantId}/federationmetadata/2007-06/federationmetadata.xml?appid={appId}',
        },
      },
      oidc: {
        steps: [
          'Microsoft Entra admin center → App registrations → New registration.',
          `Redirect URI: platform Web, ${sp.redirectUri}`,
          'Certificates & secrets → New client secret; copy its value (not its id) into Rollcall, with the Application (client) ID.',
          'Token configuration → Add optional claim → ID → email.',
          'Issuer: https://login.microsoftonline.com/{tenantId}/v2.0',
        ],
        fields: { attributes: { email: 'email', name: 'name', groups: 'groups' }, issuer: 'https://login.microsoftonline.com/{tenantId}/v2.0' },
      },
    },
    {
      id: 'google',
      name: 'Google Workspace',
      saml: {
        steps: [
          'Google Admin console → Apps → Web and mobile apps → Add app → Add custom SAML app.',
          'Google Identity Provider details: download the IdP metadata and upload it to Rollcall.',
          `Service provider details: ACS URL ${sp.acsUrl}; Entity ID ${sp.entityId}; Name ID format EMAIL; Name ID: Basic Information > Primary email.`,
          'Attribute mapping: Primary email → email; First name → firstName; Last name → lastName; Group membership (optional) → groups.',
          'User access: turn the app ON for the admins who will test it, then run the test sign-in from Rollcall.',
        ],
        fields: { attributes: { email: 'email', groups: 'groups' } },
      },
      oidc: {
        steps: [
          'Google Cloud console → APIs & Services → OAuth consent screen: user type Internal.',
          `Credentials → Create credentials → OAuth client ID → Web application; Authorized redirect URIs: ${sp.redirectUri}`,
          'Copy the client ID and client secret into Rollcall. Issuer: https://accounts.google.com',
        ],
        fields: { attributes: { email: 'email', name: 'name' }, issuer: 'https://accounts.google.com' },
      },
    },
  ];
}
