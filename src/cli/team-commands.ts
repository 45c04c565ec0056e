// `rollcall team create|list` and `rollcall admin link`: teams, and the
// one-time sign-in links that let their admins into the dashboard.

import type { Plan } from '../domain/directory/teams.js';
import type { Role } from '../domain/access/admin-access.js';
import type { Services } from '../services.js';
import { UsageError, requiredOption, stringOption } from './args.js';
import { scimBaseUrl, teamView, type Command } from './output.js';
import { signInUrl, type MailOutcome } from '../domain/access/admin-mail.js';

const ROLES: Role[] = ['owner', 'admin', 'member'];

async function signInLink(services: Services, publicUrl: string, team: { id: string; name: string }, email: string, role: Role) {
  const account = await services.adminAccess.grant(team.id, email, role);
  const { secret, expiresAt } = await services.adminAccess.createSignInLink(account.id);
  const url = signInUrl(publicUrl, secret, team.id);
  // Emailed too when an SMTP server is configured; printed either way.
  const mail = services.mailer.enabled ? await services.teamAdmins.emailSignInLink({ email: account.email, teamName: team.name, role }, { url, expiresAt }) : undefined;
  return { url, expiresAt, mail };
}

/** For --json: `emailed` (and `emailReason`) when an SMTP server is configured. */
const emailed = (mail: MailOutcome | undefined) => (mail ? (mail.emailed ? { emailed: true } : { emailed: false, emailReason: mail.emailReason }) : {});

/** "emailed to x", or why not (never the link: it is printed once, above). */
function mailLine(email: string, mail: MailOutcome | undefined): string[] {
  if (!mail) return [];
  return [mail.emailed ? `  emailed to ${email}` : `  not emailed (${mail.emailReason}: ${mail.emailReason === 'mail.failed' ? mail.failure : 'no SMTP server'}); copy the link instead`];
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
      const link = adminEmail ? await signInLink(s, config.publicUrl, team, adminEmail, 'owner') : undefined;
      out.print(
        [
          `created team ${team.slug} (${team.name}), plan ${team.plan}`,
          `  id:             ${team.id}`,
          `  SCIM base URL:  ${scimBaseUrl(config.publicUrl, team.id)}`,
          ...(link ? [`  owner:          ${adminEmail}`, `  sign-in link:   ${link.url}  (one use, until ${link.expiresAt})`, ...mailLine(adminEmail as string, link.mail)] : []),
          `next: set up SSO (docs/sso.md), then: rollcall token create --team ${team.slug}`,
          `      or see users and groups arrive now: rollcall simulate okta --team ${team.slug}`,
        ].join('\n'),
        { ...teamView(team, config.publicUrl), ...(link ? { owner: adminEmail, signInLink: link.url, signInLinkExpiresAt: link.expiresAt, ...emailed(link.mail) } : {}) },
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
      const link = await signInLink(s, config.publicUrl, team, email, role);
      out.print([`sign-in link for ${email} (${team.slug}, ${role}): ${link.url}`, `It works once, until ${link.expiresAt}.`, ...mailLine(email, link.mail).map((l) => l.trim())].join('\n'), {
        email,
        role,
        teamId: team.id,
        team: team.slug,
        signInLink: link.url,
        expiresAt: link.expiresAt,
        ...emailed(link.mail),
      });
      return 0;
    },
  },
];
