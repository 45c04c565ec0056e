// Step-by-step setup for each identity provider, with the exact values to
// paste. Field names are the vendors' own labels, quoted as their consoles
// show them; the sentences around them are translated (locales/*.json,
// keys idp.<id>.<n>). Sources: docs/scim.md "Connecting an identity provider".

import type { MessageKey } from '../../i18n/i18n';

export type GuideValue = 'baseUrl' | 'token' | 'userName';

export interface GuideStep {
  text: MessageKey;
  /** Fields to fill in this step: the vendor's label and which value goes there. */
  fields?: { label: string; value: GuideValue }[];
  /** Group push: a separate switch from user provisioning (the FAQ's "groups not appearing"). */
  groupPush?: boolean;
}

export interface IdpGuide {
  id: 'okta' | 'entra' | 'google' | 'onelogin' | 'jumpcloud';
  name: string;
  /** Where the IdP's own connection test is, for the test step. */
  testHint: MessageKey;
  steps: GuideStep[];
}

export const IDP_GUIDES: IdpGuide[] = [
  {
    id: 'okta',
    name: 'Okta',
    testHint: 'idp.okta.test',
    steps: [
      { text: 'idp.okta.1' },
      {
        text: 'idp.okta.2',
        fields: [
          { label: 'SCIM connector base URL', value: 'baseUrl' },
          { label: 'Unique identifier field for users', value: 'userName' },
          { label: 'Authorization (Authentication Mode: HTTP Header)', value: 'token' },
        ],
      },
      { text: 'idp.okta.3' },
      { text: 'idp.okta.4' },
      { text: 'idp.okta.5' },
      { text: 'idp.okta.6', groupPush: true },
    ],
  },
  {
    id: 'entra',
    name: 'Microsoft Entra ID',
    testHint: 'idp.entra.test',
    steps: [
      { text: 'idp.entra.1' },
      {
        text: 'idp.entra.2',
        fields: [
          { label: 'Tenant URL', value: 'baseUrl' },
          { label: 'Secret Token', value: 'token' },
        ],
      },
      { text: 'idp.entra.3' },
      { text: 'idp.entra.4', groupPush: true },
      { text: 'idp.entra.5' },
    ],
  },
  {
    id: 'google',
    name: 'Google Workspace',
    testHint: 'idp.google.test',
    steps: [
      { text: 'idp.google.1' },
      {
        text: 'idp.google.2',
        fields: [
          { label: 'SCIM base URL', value: 'baseUrl' },
          { label: 'Bearer token', value: 'token' },
          { label: 'Unique identifier (userName)', value: 'userName' },
        ],
      },
      { text: 'idp.google.3', groupPush: true },
      { text: 'idp.google.4' },
    ],
  },
  {
    id: 'onelogin',
    name: 'OneLogin',
    testHint: 'idp.onelogin.test',
    steps: [
      { text: 'idp.onelogin.1' },
      {
        text: 'idp.onelogin.2',
        fields: [
          { label: 'SCIM Base URL', value: 'baseUrl' },
          { label: 'SCIM Bearer Token', value: 'token' },
        ],
      },
      { text: 'idp.onelogin.3' },
      { text: 'idp.onelogin.4' },
      { text: 'idp.onelogin.5', groupPush: true },
    ],
  },
  {
    id: 'jumpcloud',
    name: 'JumpCloud',
    testHint: 'idp.jumpcloud.test',
    steps: [
      { text: 'idp.jumpcloud.1' },
      {
        text: 'idp.jumpcloud.2',
        fields: [
          { label: 'Base URL', value: 'baseUrl' },
          { label: 'Token Key', value: 'token' },
        ],
      },
      { text: 'idp.jumpcloud.3' },
      { text: 'idp.jumpcloud.4', groupPush: true },
    ],
  },
];
