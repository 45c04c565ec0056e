// `rollcall oidc-client create|list|revoke`: host apps registered with
// Rollcall's OpenID Provider (docs/oidc.md).

import { UsageError, requiredOption, stringOption } from './args.js';
import { teamSlugs, type Command } from './output.js';

export const oidcClientCommands: Command[] = [
  {
    name: 'oidc-client create',
    options: {
      name: { type: 'string', value: '"<App>"', doc: 'the app\'s name, shown to members', required: true },
      'redirect-uri': { type: 'string', value: '<url>[,<url>...]', doc: 'where the app receives sign-ins', required: true },
      team: { type: 'string', value: '<slug|id>', doc: 'only members of this team may sign in (default: any team)' },
    },
    summary: 'register a host app with Rollcall\'s OpenID Provider (secret shown once)',
    async run({ spec, values, out, config, services }) {
      const name = requiredOption(values, 'name', spec);
      const redirectUris = requiredOption(values, 'redirect-uri', spec).split(',').map((u) => u.trim()).filter(Boolean);
      if (redirectUris.length === 0) throw new UsageError('--redirect-uri needs at least one URL', spec);
      const { client, secret } = await (await services()).oidcClients.create({ name, redirectUris, team: stringOption(values, 'team') });
      const issuer = `${config.publicUrl}/oidc`;
      out.print(
        [
          `Client ID:      ${client.clientId}`,
          `Client secret:  ${secret}`,
          '',
          `Issuer:         ${issuer}  (discovery: ${issuer}/.well-known/openid-configuration)`,
          `Scope:          ${client.teamId ? `members of team ${stringOption(values, 'team')} only` : 'any team (the app sends team=<slug|id>)'}`,
          'The secret is shown once. Authenticate with client_secret_basic; PKCE (S256) is required.',
        ].join('\n'),
        { ...client, clientSecret: secret, issuer },
      );
      return 0;
    },
  },
  {
    name: 'oidc-client list',
    summary: 'list registered OIDC clients',
    async run({ out, services }) {
      const s = await services();
      const [clients, slugs] = await Promise.all([s.oidcClients.list(), teamSlugs(s)]);
      const slug = (teamId: string | null) => (teamId ? (slugs.get(teamId) ?? teamId) : null);
      out.print(
        clients.length
          ? clients.map((c) => `${c.clientId}  ${c.status.padEnd(7)}  ${(slug(c.teamId) ?? 'any team').padEnd(20)}  ${c.name}  ${c.redirectUris.join(' ')}`).join('\n')
          : 'no OIDC clients: rollcall oidc-client create --name "<App>" --redirect-uri <url>',
        clients.map((c) => ({ ...c, team: slug(c.teamId) })),
      );
      return 0;
    },
  },
  {
    name: 'oidc-client revoke',
    args: '<client-id>',
    positionals: [1, 1],
    summary: 'revoke a client: its tokens and refreshes stop at once',
    async run({ positionals, out, services }) {
      const client = await (await services()).oidcClients.revoke(positionals[0]);
      out.print(`revoked OIDC client ${client.clientId} (${client.name}); its tokens and refreshes now fail`, client);
      return 0;
    },
  },
];
