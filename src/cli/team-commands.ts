// `rollcall team create|list` and `rollcall admin link`: teams, and the
// one-time sign-in links that let their admins into the dashboard.

import type { Plan } from '../domain/directory/teams.js';
import type { Role } from '../domain/access/admin-access.js';
import type { Services } from '../services.js';
import { UsageError, requiredOption, stringOption } from './args.js';
import { scimBaseUrl, teamView, type Command } from './output.js';

const ROLES: Role[] = ['owner', 'admin', 'member'];

async function signInLink(services: Services, publicUrl: string, teamId: string, email: string, role: Role) {
  const account = await services.adminAccess.grant(teamId, email, role);
  const { secret, expiresAt } = await services.adminAccess.createSignInLink(account.id);
  // The secret rides in the fragment, which browsers never send to servers or
  // logs; the team in it makes the dashboard open this team, not the last one.
  return { url: `${publicUrl}/sign-in#link=${secret}&team=${teamId}`, expiresAt };
}

export const teamCommands: Command[] = [
  {
    name: 'team create',
    args: '<slug>',
    positionals: [1, 1],
    options: {
      name: { type: 'string', value: '"<Name>"', doc: 'display name (default: the slug)' },
      plan: { type: 'string', value: 'enterprise|team|free', doc: 'the team\'s plan (default enterprise; SCIM needs enterprise)' },
      'admin-email': { type: 'string', value: '<email>', doc: 'also create the team\'s owner and print a one-time sign-in link' },
    },
    summary: 'create a team (and its owner, with a one-time sign-in link)',
    async run({ positionals, values, out, config, services }) {
      const s = await services();
      const team = await s.teams.create({ slug: positionals[0], name: stringOption(values, 'name'), plan: stringOption(values, 'plan') as Plan | undefined });
      const adminEmail = stringOption(values, 'admin-email');
      const link = adminEmail ? await signInLink(s, config.publicUrl, team.id, adminEmail, 'owner') : undefined;
      out.print(
        [
          `created team ${team.slug} (${team.name}), plan ${team.plan}`,
          `  id:             ${team.id}`,
          `  SCIM base URL:  ${scimBaseUrl(config.publicUrl, team.id)}`,
          ...(link ? [`  owner:          ${adminEmail}`, `  sign-in link:   ${link.url}  (one use, until ${link.expiresAt})`] : []),
          `next: set up SSO (docs/sso.md), then: rollcall token create --team ${team.slug}`,
          `      or see users and groups arrive now: rollcall simulate okta --team ${team.slug}`,
        ].join('\n'),
        { ...teamView(team, config.publicUrl), ...(link ? { owner: adminEmail, signInLink: link.url, signInLinkExpiresAt: link.expiresAt } : {}) },
      );
      return 0;
    },
  },
  {
    name: 'team list',
    summary: 'list teams with their counts and SCIM base URLs',
    async run({ out, config, services }) {
      const teams = await (await services()).teams.list();
      out.print(
        teams.length
          ? teams.map((t) => `${t.slug.padEnd(20)} ${t.id}  ${t.userCount} users, ${t.groupCount} groups  ${scimBaseUrl(config.publicUrl, t.id)}`).join('\n')
          : 'no teams yet: rollcall team create <slug>',
        teams.map((t) => teamView(t, config.publicUrl)),
      );
      return 0;
    },
  },
  {
    name: 'admin link',
    options: {
      team: { type: 'string', value: '<slug|id>', doc: 'the team', required: true },
      email: { type: 'string', value: '<email>', doc: 'the admin\'s email', required: true },
      role: { type: 'string', value: 'owner|admin|member', doc: 'their role (default owner)' },
    },
    summary: 'a one-time sign-in link for a team admin',
    async run({ spec, values, out, config, services }) {
      const role = (stringOption(values, 'role') ?? 'owner') as Role;
      if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`, spec);
      const teamRef = requiredOption(values, 'team', spec);
      const email = requiredOption(values, 'email', spec);
      const s = await services();
      const team = await s.teams.find(teamRef);
      const link = await signInLink(s, config.publicUrl, team.id, email, role);
      out.print(`sign-in link for ${email} (${team.slug}, ${role}): ${link.url}\nIt works once, until ${link.expiresAt}.`, {
        email,
        role,
        teamId: team.id,
        team: team.slug,
        signInLink: link.url,
        expiresAt: link.expiresAt,
      });
      return 0;
    },
  },
];
