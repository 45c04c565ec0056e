// `rollcall simulate okta|entra` pushes a made-up directory into a team the
// way that IdP would, over HTTP to the running server, so a new user sees
// users and groups arrive in the dashboard; `rollcall replay` replays a
// recorded IdP lifecycle (test/fixtures/idp) and judges every answer.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { makeDirectory } from '../simulate/directory.js';
import { IDP_PROFILES } from '../simulate/idp-profiles.js';
import { pushDirectory, PushError } from '../simulate/push-directory.js';
import { runScenario, type ReplayResult } from '../simulate/run-scenario.js';
import { parseScenario, ScenarioError, type Scenario } from '../simulate/scenario.js';
import { UsageError, integerOption, stringOption, type OptionSpec } from './args.js';
import { CliError, type Command, type CommandContext } from './output.js';
import { issueScimToken } from './key-commands.js';

const TARGET_OPTIONS: Record<string, OptionSpec> = {
  team: { type: 'string', value: '<slug|id>', doc: 'the team to provision into' },
  url: { type: 'string', value: '<url>', doc: 'the server (default: ROLLCALL_PUBLIC_URL) or the team\'s SCIM base URL' },
  token: { type: 'string', value: '<token>', doc: 'a SCIM token of the team (default: a temporary one, revoked when done)' },
};

interface Target {
  baseUrl: string;
  token: string;
  team?: { id: string; slug: string };
  /** Revokes the temporary token, if one was made. */
  done(): Promise<void>;
}

/** Where to send SCIM requests, and with which token: made on the team when not given. */
async function resolveTarget(ctx: CommandContext, label: string): Promise<Target> {
  const url = stringOption(ctx.values, 'url')?.replace(/\/+$/, '');
  const token = stringOption(ctx.values, 'token');
  const fromUrl = url && /\/scim\/v2\/([^/?#]+)$/.exec(url)?.[1];
  const teamRef = stringOption(ctx.values, 'team') ?? fromUrl;
  if (url && !/^https?:\/\//.test(url)) throw new UsageError('--url must be an http:// or https:// URL', ctx.spec);
  if (fromUrl && token) return { baseUrl: url, token, done: async () => undefined };
  if (!teamRef) throw new UsageError('--team is required (or --url with the team\'s SCIM base URL and --token)', ctx.spec);
  const services = await ctx.services();
  const team = await services.teams.find(teamRef);
  const baseUrl = fromUrl ? url : `${url ?? ctx.config.publicUrl}/scim/v2/${team.id}`;
  if (token) return { baseUrl, token, team, done: async () => undefined };
  const issued = await issueScimToken(services, team.id, { label, allowWithoutSso: true });
  if (issued.overrodeSso) ctx.out.note(`team ${team.slug} has no active SSO: the temporary token skips that check (for trying Rollcall out; it is revoked when done)`);
  return { baseUrl, token: issued.secret, team, done: async () => void (await services.tokens.revoke(issued.token.id)) };
}

export const simulateCommands: Command[] = [
  {
    name: 'simulate',
    args: '<okta|entra>',
    positionals: [1, 1],
    options: {
      ...TARGET_OPTIONS,
      users: { type: 'string', value: '<n>', doc: 'people in the directory (default 25, at most 10000)' },
      groups: { type: 'string', value: '<n>', doc: 'groups, each with members (default 5, at most 500)' },
    },
    summary: 'push a realistic directory into a team as that IdP would (needs the server running)',
    details:
      'Users and groups appear in the team\'s dashboard as they arrive. Running it again finds\n' +
      'the same people and groups and creates nothing new. Without --token it makes a\n' +
      'temporary SCIM token on the team and revokes it when done.',
    async run(ctx) {
      const idp = IDP_PROFILES[ctx.positionals[0].toLowerCase()];
      if (!idp) throw new UsageError(`unknown IdP "${ctx.positionals[0]}": rollcall simulate okta|entra`, ctx.spec);
      const users = integerOption(ctx.values, 'users', 25, 1, 10_000, ctx.spec);
      const groups = integerOption(ctx.values, 'groups', 5, 0, 500, ctx.spec);
      const target = await resolveTarget(ctx, `rollcall simulate (${idp.name})`);
      try {
        const directory = makeDirectory({ users, groups, domain: `${target.team?.slug ?? 'example'}.example.com` });
        const result = await pushDirectory({ baseUrl: target.baseUrl, token: target.token, idp, directory, log: (l) => ctx.out.progress(l) });
        const dashboard = target.team ? `${ctx.config.publicUrl}/teams/${target.team.id}/users` : undefined;
        ctx.out.print(
          [
            `${idp.name} provisioned ${users} users and ${groups} groups${target.team ? ` into team ${target.team.slug}` : ''} (${result.users.created} users and ${result.groups.created} groups new, ${result.memberships} memberships).`,
            ...(dashboard ? [`See them in the dashboard: ${dashboard}`] : []),
          ].join('\n'),
          { idp: ctx.positionals[0].toLowerCase(), team: target.team?.slug ?? null, scimBaseUrl: target.baseUrl, ...result },
        );
        return 0;
      } catch (error) {
        if (error instanceof PushError) throw new CliError(error.code, error.message);
        throw error;
      } finally {
        await target.done().catch(() => undefined);
      }
    },
  },
  {
    name: 'replay',
    args: '<file.json...>',
    positionals: [1, 100],
    options: {
      ...TARGET_OPTIONS,
      var: { type: 'string', value: 'NAME=VALUE', multiple: true, doc: 'override a scenario variable (repeatable)' },
      'no-teardown': { type: 'boolean', doc: 'leave what the scenario created in place' },
      quiet: { type: 'boolean', doc: 'print failures and the summary only' },
    },
    summary: 'replay recorded IdP traffic (e.g. test/fixtures/idp/okta.json) and check every answer',
    details: 'The last line is "replay: P passed, F failed"; the exit code is 0 only when F is 0.\nThe scenario format: test/fixtures/idp/README.md.',
    async run(ctx) {
      const vars: Record<string, string> = {};
      for (const v of (ctx.values.var as string[] | undefined) ?? []) {
        const eq = v.indexOf('=');
        if (eq < 1) throw new UsageError(`--var needs NAME=VALUE, got "${v}"`, ctx.spec);
        vars[v.slice(0, eq)] = v.slice(eq + 1);
      }
      const scenarios: Scenario[] = ctx.positionals.map((file) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          throw new CliError('replay.file_unreadable', `cannot read ${file}: ${(error as Error).message}`);
        }
        try {
          return parseScenario(text, basename(file));
        } catch (error) {
          if (error instanceof ScenarioError) throw new CliError('replay.invalid_scenario', error.message);
          throw error;
        }
      });
      const target = await resolveTarget(ctx, 'rollcall replay');
      const quiet = ctx.values.quiet === true;
      const results: ReplayResult[] = [];
      try {
        for (const scenario of scenarios) {
          const log = (line: string) => (!quiet || !line.startsWith('ok ')) && ctx.out.progress(line);
          results.push(await runScenario(scenario, { baseUrl: target.baseUrl, token: target.token, vars, teardown: ctx.values['no-teardown'] !== true, log }));
        }
      } finally {
        await target.done().catch(() => undefined);
      }
      const passed = results.reduce((n, r) => n + r.passed, 0);
      const failed = results.reduce((n, r) => n + r.failed, 0);
      ctx.out.print(`replay: ${passed} passed, ${failed} failed`, { passed, failed, scenarios: results });
      return failed === 0 ? 0 : 1;
    },
  },
];

