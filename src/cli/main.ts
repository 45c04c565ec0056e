// `rollcall <noun> <verb>` on the same database as the server. Every command
// prints a human answer, or JSON with --json for scripts.

import { loadConfig, redactedConfig, ConfigError } from '../config/load-config.js';
import { openStorage } from '../storage/database.js';
import { migrate } from '../storage/migrations/index.js';
import { createServices, type Services } from '../services.js';
import type { Plan } from '../domain/teams.js';
import type { Role } from '../domain/admin-access.js';
import { DomainError } from '../domain/errors.js';
import { parseArgs } from './args.js';
import type { Kysely } from 'kysely';

const USAGE = `usage: rollcall <command> [options] [--json]

  team create <slug> [--name "<Name>"] [--plan enterprise|team|free] [--admin-email <email>]
                                           create a team (and its owner, with a one-time sign-in link)
  team list                                list teams and their SCIM base URLs
  admin link --team <slug|id> --email <email> [--role owner|admin|member]
                                           a one-time sign-in link for a team admin
  api-key create [--team <slug|id>] [--label <text>]
                                           an API key for the host product's /api/v1 (shown once)
  api-key list                             list API keys
  api-key revoke <key-id>                  revoke an API key at once
  token create --team <slug|id> [--label <text>] [--expires-in-days <n>] [--allow-without-sso]
                                           create a SCIM bearer token (shown once); the team needs
                                           active SSO unless --allow-without-sso (tests, migrations)
  token list --team <slug|id>              list a team's tokens
  token revoke <token-id>                  revoke a token at once
  oidc-client create --name "<App>" --redirect-uri <url>[,<url>...] [--team <slug|id>]
                                           register a host app with Rollcall's OpenID Provider
                                           (client id and secret; the secret is shown once)
  oidc-client list                         list registered OIDC clients
  oidc-client revoke <client-id>           revoke a client: its tokens and refreshes stop at once
  db migrate                               apply pending database migrations
  config check                             print the effective configuration (secrets redacted)

Configuration comes from the same environment variables and flags as the
server (ROLLCALL_DATABASE_URL, ROLLCALL_PUBLIC_URL, ...): see docs/configuration.md.`;

type Out = { json: boolean; print: (human: string, data: unknown) => void };

function flag(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export async function run(argv: string[], write: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const { positionals, flags } = parseArgs(argv, new Set(['json', 'help', 'allow-without-sso']));
  const json = flags.has('json');
  const out: Out = { json, print: (human, data) => write(json ? JSON.stringify(data, null, 2) + '\n' : human + '\n') };
  const [noun, verb, arg] = positionals;
  if (!noun || flags.has('help')) {
    write(USAGE + '\n');
    return noun ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig(process.env, []);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`rollcall: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (noun === 'config' && verb === 'check') {
    out.print(Object.entries(redactedConfig(config)).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n'), redactedConfig(config));
    return 0;
  }
  const storage = await openStorage(config.databaseUrl, {
    migrate: false,
    sqlite: { synchronous: config.sqliteSynchronous },
    postgres: { poolSize: 2, schema: config.pgSchema || undefined },
  });
  try {
    if (noun === 'db' && verb === 'migrate') {
      const applied = await migrate(storage.db as unknown as Kysely<unknown>, storage.dialect);
      out.print(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date', { applied });
      return 0;
    }
    await migrate(storage.db as unknown as Kysely<unknown>, storage.dialect);
    const services = createServices(storage, { sso: { publicUrl: config.publicUrl, ...config.sso } });
    const scimUrl = (teamId: string) => `${config.publicUrl}/scim/v2/${teamId}`;

    if (noun === 'team' && verb === 'create') {
      if (!arg) throw new UsageError('team create needs a slug: rollcall team create acme --name "Acme Inc"');
      const plan = flag(flags, 'plan') as Plan | undefined;
      const team = await services.teams.create({ slug: arg, name: flag(flags, 'name'), plan });
      const adminEmail = flag(flags, 'admin-email');
      const link = adminEmail ? await signInLink(services, team.id, adminEmail, 'owner') : undefined;
      out.print(
        [
          `created team ${team.slug} (${team.name}), plan ${team.plan}`,
          `  id:             ${team.id}`,
          `  SCIM base URL:  ${scimUrl(team.id)}`,
          ...(link ? [`  owner:          ${adminEmail}`, `  sign-in link:   ${link.url}  (one use, until ${link.expiresAt})`] : []),
          `next: set up SSO (docs/sso.md), then: rollcall token create --team ${team.slug}`,
        ].join('\n'),
        { ...team, scimBaseUrl: scimUrl(team.id), ...(link ? { owner: adminEmail, signInLink: link.url, signInLinkExpiresAt: link.expiresAt } : {}) },
      );
      return 0;
    }
    if (noun === 'team' && verb === 'list') {
      const teams = await services.teams.list();
      out.print(
        teams.length ? teams.map((t) => `${t.slug.padEnd(20)} ${t.id}  ${t.user_count} users, ${t.group_count} groups  ${scimUrl(t.id)}`).join('\n') : 'no teams yet: rollcall team create <slug>',
        teams.map((t) => ({ ...t, scimBaseUrl: scimUrl(t.id) })),
      );
      return 0;
    }
    if (noun === 'admin' && verb === 'link') {
      const team = await services.teams.find(requireFlag(flags, 'team'));
      const email = requireFlag(flags, 'email');
      const link = await signInLink(services, team.id, email, (flag(flags, 'role') ?? 'owner') as Role);
      out.print(`sign-in link for ${email} (${team.slug}): ${link.url}\nIt works once, until ${link.expiresAt}.`, { email, teamId: team.id, signInLink: link.url, expiresAt: link.expiresAt });
      return 0;
    }
    if (noun === 'api-key' && verb === 'create') {
      const teamRef = flag(flags, 'team');
      const team = teamRef ? await services.teams.find(teamRef) : undefined;
      const { key, secret } = await services.apiKeys.create({ teamId: team?.id, label: flag(flags, 'label') });
      out.print(
        [`API key:  ${secret}`, '', `Scope: ${team ? `team ${team.slug}` : 'every team'}. Shown once and stored only as a hash. Key id: ${key.id}`, `Use it as: Authorization: Bearer ${key.prefix}…  on ${config.publicUrl}/api/v1`].join('\n'),
        { apiKey: secret, ...key },
      );
      return 0;
    }
    if (noun === 'api-key' && verb === 'list') {
      const keys = await services.apiKeys.list();
      out.print(
        keys.length ? keys.map((k) => `${k.id}  ${k.prefix}…  ${k.status.padEnd(7)}  ${k.teamId ?? 'all teams'}  last used ${k.lastUsedAt ?? 'never'}${k.label ? `  ${k.label}` : ''}`).join('\n') : 'no API keys: rollcall api-key create',
        keys,
      );
      return 0;
    }
    if (noun === 'api-key' && verb === 'revoke') {
      if (!arg) throw new UsageError('api-key revoke needs the key id (see rollcall api-key list)');
      await services.apiKeys.revoke(arg);
      out.print(`revoked API key ${arg}; requests with it now get 401`, { id: arg, status: 'revoked' });
      return 0;
    }
    if (noun === 'token' && verb === 'create') {
      const team = await services.teams.find(requireFlag(flags, 'team'));
      const days = flag(flags, 'expires-in-days');
      if (days !== undefined && !(Number.isInteger(Number(days)) && Number(days) > 0)) throw new UsageError('--expires-in-days must be a positive whole number');
      const expiresAt = days ? new Date(Date.now() + Number(days) * 86_400_000) : undefined;
      const allowWithoutSso = flags.has('allow-without-sso');
      const { token, secret } = await services.tokens.create(team.id, { label: flag(flags, 'label'), expiresAt, allowWithoutSso });
      if (allowWithoutSso) {
        process.stderr.write(
          'rollcall: warning: --allow-without-sso issued a SCIM token without checking that the team\'s SSO is active. ' +
            'Use it only for tests and migrations; members provisioned this way cannot sign in until SSO is set up.\n',
        );
      }
      out.print(
        [
          `SCIM base URL:  ${scimUrl(team.id)}`,
          `Bearer token:   ${secret}`,
          '',
          `This token is shown once and stored only as a hash. Token id: ${token.id}`,
          'Paste both into your identity provider\'s SCIM app (Okta: "Base URL" and "API Token"; Entra ID: "Tenant URL" and "Secret Token").',
        ].join('\n'),
        { scimBaseUrl: scimUrl(team.id), token: secret, ...token },
      );
      return 0;
    }
    if (noun === 'token' && verb === 'list') {
      const team = await services.teams.find(requireFlag(flags, 'team'));
      const tokens = await services.tokens.list(team.id);
      out.print(
        tokens.length
          ? tokens.map((t) => `${t.id}  ${t.prefix}…  ${t.status.padEnd(7)}  created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}${t.label ? `  ${t.label}` : ''}`).join('\n')
          : `no tokens for ${team.slug}: rollcall token create --team ${team.slug}`,
        tokens,
      );
      return 0;
    }
    if (noun === 'token' && verb === 'revoke') {
      if (!arg) throw new UsageError('token revoke needs the token id (see rollcall token list --team <slug>)');
      const token = await services.tokens.revoke(arg);
      out.print(`revoked token ${token.id} (${token.prefix}…); requests with it now get 401`, token);
      return 0;
    }
    if (noun === 'oidc-client') return await oidcClientCommand(services, verb, arg, flags, out, config.publicUrl);
    throw new UsageError(`unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
  } catch (error) {
    if (error instanceof UsageError || error instanceof DomainError) {
      if (json) write(JSON.stringify({ error: error instanceof DomainError ? error.code : 'usage', message: error.message }) + '\n');
      else process.stderr.write(`rollcall: ${error.message}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  } finally {
    await storage.close();
  }
}

class UsageError extends Error {}

/** `rollcall oidc-client create|list|revoke` (docs/oidc.md). */
async function oidcClientCommand(services: Services, verb: string | undefined, arg: string | undefined, flags: Map<string, string | true>, out: Out, publicUrl: string): Promise<number> {
  if (verb === 'create') {
    const redirectUris = (flag(flags, 'redirect-uri') ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    if (!flag(flags, 'name') || redirectUris.length === 0) throw new UsageError('oidc-client create needs --name "<App>" and --redirect-uri <url>');
    const { client, secret } = await services.oidcClients.create({ name: requireFlag(flags, 'name'), redirectUris, team: flag(flags, 'team') });
    out.print(
      [
        `Client ID:      ${client.clientId}`,
        `Client secret:  ${secret}`,
        '',
        `Issuer:         ${publicUrl}/oidc  (discovery: ${publicUrl}/oidc/.well-known/openid-configuration)`,
        `Scope:          ${client.teamId ? `members of team ${client.teamId} only` : 'any team (the app sends team=<slug|id>)'}`,
        'The secret is shown once. Authenticate with client_secret_basic; PKCE (S256) is required.',
      ].join('\n'),
      { ...client, clientSecret: secret, issuer: `${publicUrl}/oidc` },
    );
    return 0;
  }
  if (verb === 'list') {
    const clients = await services.oidcClients.list();
    out.print(
      clients.length
        ? clients.map((c) => `${c.clientId}  ${c.status.padEnd(7)}  ${c.teamId ?? 'any team'}  ${c.name}  ${c.redirectUris.join(' ')}`).join('\n')
        : 'no OIDC clients: rollcall oidc-client create --name "<App>" --redirect-uri <url>',
      clients,
    );
    return 0;
  }
  if (verb === 'revoke') {
    if (!arg) throw new UsageError('oidc-client revoke needs the client id (see rollcall oidc-client list)');
    const client = await services.oidcClients.revoke(arg);
    out.print(`revoked OIDC client ${client.clientId} (${client.name}); its tokens and refreshes now fail`, client);
    return 0;
  }
  throw new UsageError('usage: rollcall oidc-client create|list|revoke');
}

async function signInLink(services: Services, teamId: string, email: string, role: Role) {
  const config = loadConfig(process.env, []);
  const account = await services.adminAccess.grant(teamId, email, role);
  const { secret, expiresAt } = await services.adminAccess.createSignInLink(account.id);
  // The secret rides in the fragment, which browsers never send to servers or logs.
  return { url: `${config.publicUrl}/sign-in#link=${secret}`, expiresAt };
}

function requireFlag(flags: Map<string, string | true>, name: string): string {
  const v = flag(flags, name);
  if (!v) throw new UsageError(`--${name} is required`);
  return v;
}
