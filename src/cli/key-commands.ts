// `rollcall token …` (SCIM bearer tokens for an IdP) and `rollcall api-key …`
// (keys for the host product's /api/v1). Secrets are printed once.

import { DomainError } from '../domain/errors.js';
import type { Services } from '../services.js';
import { integerOption, requiredOption, stringOption } from './args.js';
import { scimBaseUrl, teamSlugs, type Command } from './output.js';

/**
 * A SCIM token; with `allowWithoutSso` the SSO condition is skipped only when
 * it actually refuses, so the caller warns only when the override was used.
 */
export async function issueScimToken(services: Services, teamId: string, options: { label?: string; expiresAt?: Date; allowWithoutSso: boolean }) {
  try {
    return { ...(await services.tokens.create(teamId, { label: options.label, expiresAt: options.expiresAt })), overrodeSso: false };
  } catch (error) {
    if (!(options.allowWithoutSso && error instanceof DomainError && error.code === 'scim.sso_required')) throw error;
    return { ...(await services.tokens.create(teamId, { label: options.label, expiresAt: options.expiresAt, allowWithoutSso: true })), overrodeSso: true };
  }
}

export const keyCommands: Command[] = [
  {
    name: 'token create',
    options: {
      team: { type: 'string', value: '<slug|id>', doc: 'the team', required: true },
      label: { type: 'string', value: '<text>', doc: 'a name to recognise it by, e.g. "Okta production"' },
      'expires-in-days': { type: 'string', value: '<n>', doc: 'expire after n days (default: never)' },
      'allow-without-sso': { type: 'boolean', doc: 'issue it even though the team\'s SSO is not active (tests, migrations; warns)' },
    },
    summary: 'create a SCIM bearer token (shown once); needs active SSO unless --allow-without-sso',
    async run({ spec, values, out, config, services }) {
      const teamRef = requiredOption(values, 'team', spec);
      const days = integerOption(values, 'expires-in-days', 0, 1, 36_500, spec);
      const s = await services();
      const team = await s.teams.find(teamRef);
      const { token, secret, overrodeSso } = await issueScimToken(s, team.id, {
        label: stringOption(values, 'label'),
        expiresAt: days ? new Date(Date.now() + days * 86_400_000) : undefined,
        allowWithoutSso: values['allow-without-sso'] === true,
      });
      if (overrodeSso) {
        out.note(
          'warning: --allow-without-sso issued a SCIM token although the team\'s SSO is not active. ' +
            'Use it only for tests and migrations; members provisioned this way cannot sign in until SSO is set up.',
        );
      }
      const base = scimBaseUrl(config.publicUrl, team.id);
      out.print(
        [
          `SCIM base URL:  ${base}`,
          `Bearer token:   ${secret}`,
          '',
          `This token is shown once and stored only as a hash. Token id: ${token.id}`,
          'Paste both into your identity provider\'s SCIM app (Okta: "Base URL" and "API Token"; Entra ID: "Tenant URL" and "Secret Token").',
        ].join('\n'),
        { scimBaseUrl: base, token: secret, ...token, team: team.slug },
      );
      return 0;
    },
  },
  {
    name: 'token list',
    options: { team: { type: 'string', value: '<slug|id>', doc: 'the team', required: true } },
    summary: 'list a team\'s SCIM tokens (never their secrets)',
    async run({ spec, values, out, services }) {
      const teamRef = requiredOption(values, 'team', spec);
      const s = await services();
      const team = await s.teams.find(teamRef);
      const tokens = await s.tokens.list(team.id);
      out.print(
        tokens.length
          ? tokens.map((t) => `${t.id}  ${t.prefix}…  ${t.status.padEnd(7)}  created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}${t.label ? `  ${t.label}` : ''}`).join('\n')
          : `no tokens for ${team.slug}: rollcall token create --team ${team.slug}`,
        tokens.map((t) => ({ ...t, team: team.slug })),
      );
      return 0;
    },
  },
  {
    name: 'token revoke',
    args: '<token-id>',
    positionals: [1, 1],
    summary: 'revoke a SCIM token at once (ids: rollcall token list --team <slug>)',
    async run({ positionals, out, services }) {
      const token = await (await services()).tokens.revoke(positionals[0]);
      out.print(`revoked token ${token.id} (${token.prefix}…); requests with it now get 401`, token);
      return 0;
    },
  },
  {
    name: 'api-key create',
    options: {
      team: { type: 'string', value: '<slug|id>', doc: 'bind the key to one team (default: every team)' },
      label: { type: 'string', value: '<text>', doc: 'a name to recognise it by' },
    },
    summary: 'an API key for the host product\'s /api/v1 (shown once)',
    async run({ values, out, config, services }) {
      const s = await services();
      const teamRef = stringOption(values, 'team');
      const team = teamRef ? await s.teams.find(teamRef) : undefined;
      const { key, secret } = await s.apiKeys.create({ teamId: team?.id, label: stringOption(values, 'label') });
      out.print(
        [
          `API key:  ${secret}`,
          '',
          `Scope: ${team ? `team ${team.slug}` : 'every team'}. Shown once and stored only as a hash. Key id: ${key.id}`,
          `Use it as: Authorization: Bearer ${key.prefix}…  on ${config.publicUrl}/api/v1`,
        ].join('\n'),
        { apiKey: secret, ...key, team: team?.slug ?? null },
      );
      return 0;
    },
  },
  {
    name: 'api-key list',
    summary: 'list API keys with their team (never their secrets)',
    async run({ out, services }) {
      const s = await services();
      const [keys, slugs] = await Promise.all([s.apiKeys.list(), teamSlugs(s)]);
      const slug = (teamId: string | null) => (teamId ? (slugs.get(teamId) ?? teamId) : null);
      out.print(
        keys.length
          ? keys.map((k) => `${k.id}  ${k.prefix}…  ${k.status.padEnd(7)}  ${(slug(k.teamId) ?? 'all teams').padEnd(20)}  last used ${k.lastUsedAt ?? 'never'}${k.label ? `  ${k.label}` : ''}`).join('\n')
          : 'no API keys: rollcall api-key create',
        keys.map((k) => ({ ...k, team: slug(k.teamId) })),
      );
      return 0;
    },
  },
  {
    name: 'api-key revoke',
    args: '<key-id>',
    positionals: [1, 1],
    summary: 'revoke an API key at once (ids: rollcall api-key list)',
    async run({ positionals, out, services }) {
      await (await services()).apiKeys.revoke(positionals[0]);
      out.print(`revoked API key ${positionals[0]}; requests with it now get 401`, { id: positionals[0], status: 'revoked' });
      return 0;
    },
  },
];
