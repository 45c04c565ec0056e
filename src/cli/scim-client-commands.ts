// `rollcall scim-client create|list|rotate|revoke`: a team's OAuth clients
// for the SCIM token endpoint (client credentials; docs/scim.md). Secrets are
// printed once, like `rollcall token create`.

import { DomainError } from '../domain/errors.js';
import { requiredOption, stringOption } from './args.js';
import { scimBaseUrl, type Command } from './output.js';

const tokenEndpoint = (publicUrl: string, teamId: string) => `${scimBaseUrl(publicUrl, teamId)}/oauth/token`;

function secretLines(base: string, endpoint: string, clientId: string, secret: string): string[] {
  return [
    `SCIM base URL:   ${base}`,
    `Token endpoint:  ${endpoint}`,
    `Client id:       ${clientId}`,
    `Client secret:   ${secret}`,
    '',
    'The secret is shown once and stored only as a hash. Paste these into the IdP\'s OAuth client credentials settings',
    '(Entra ID: "Tenant URL", "Token Endpoint", "Client Identifier", "Client Secret").',
  ];
}

export const scimClientCommands: Command[] = [
  {
    name: 'scim-client create',
    options: {
      team: { type: 'string', value: '<slug|id>', doc: 'the team', required: true },
      label: { type: 'string', value: '<text>', doc: 'a name to recognise it by, e.g. "Entra ID"' },
      'allow-without-sso': { type: 'boolean', doc: 'create it even though the team\'s SSO is not active (tests, migrations; warns)' },
    },
    summary: 'an OAuth client for the SCIM token endpoint (client credentials; secret shown once)',
    async run({ spec, values, out, config, services }) {
      const s = await services();
      const team = await s.teams.find(requiredOption(values, 'team', spec));
      const label = stringOption(values, 'label');
      let created;
      try {
        created = await s.scimOAuth.create(team.id, { label });
      } catch (error) {
        if (!(values['allow-without-sso'] === true && error instanceof DomainError && error.code === 'scim.sso_required')) throw error;
        out.note('warning: --allow-without-sso created a SCIM OAuth client although the team\'s SSO is not active. Use it only for tests and migrations.');
        created = await s.scimOAuth.create(team.id, { label, allowWithoutSso: true });
      }
      const base = scimBaseUrl(config.publicUrl, team.id);
      const endpoint = tokenEndpoint(config.publicUrl, team.id);
      out.print(secretLines(base, endpoint, created.client.clientId, created.clientSecret).join('\n'), {
        ...created.client,
        clientSecret: created.clientSecret,
        tokenEndpoint: endpoint,
        scimBaseUrl: base,
        team: team.slug,
      });
      return 0;
    },
  },
  {
    name: 'scim-client list',
    options: { team: { type: 'string', value: '<slug|id>', doc: 'the team', required: true } },
    summary: 'list a team\'s SCIM OAuth clients (never their secrets)',
    async run({ spec, values, out, services }) {
      const s = await services();
      const team = await s.teams.find(requiredOption(values, 'team', spec));
      const clients = await s.scimOAuth.list(team.id);
      out.print(
        clients.length
          ? clients.map((c) => `${c.clientId}  ${c.secretPrefix}…  ${c.status.padEnd(7)}  created ${c.createdAt}  last used ${c.lastUsedAt ?? 'never'}${c.label ? `  ${c.label}` : ''}`).join('\n')
          : `no SCIM OAuth clients for ${team.slug}: rollcall scim-client create --team ${team.slug}`,
        clients.map((c) => ({ ...c, team: team.slug })),
      );
      return 0;
    },
  },
  {
    name: 'scim-client rotate',
    args: '<client-id>',
    positionals: [1, 1],
    summary: 'a new secret for a client (shown once); the old one stops working at once, issued access tokens run out',
    async run({ positionals, out, config, services }) {
      const { client, clientSecret } = await (await services()).scimOAuth.rotate(positionals[0]);
      const endpoint = tokenEndpoint(config.publicUrl, client.teamId);
      out.print(secretLines(scimBaseUrl(config.publicUrl, client.teamId), endpoint, client.clientId, clientSecret).join('\n'), { ...client, clientSecret, tokenEndpoint: endpoint });
      return 0;
    },
  },
  {
    name: 'scim-client revoke',
    args: '<client-id>',
    positionals: [1, 1],
    summary: 'revoke a SCIM OAuth client: its access tokens stop working at once',
    async run({ positionals, out, services }) {
      const client = await (await services()).scimOAuth.revoke(positionals[0]);
      out.print(`revoked SCIM OAuth client ${client.clientId}; its access tokens now get 401`, client);
      return 0;
    },
  },
];
