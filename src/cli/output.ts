// What every command shares: one way to print (a human answer, or JSON with
// --json), one error shape ({"error":{"code","message"}}, as the APIs answer),
// and camelCase views of what the database stores in snake_case.

import type { TeamRecord } from '../domain/directory/store.js';
import type { Config } from '../config/load-config.js';
import type { Services } from '../services.js';
import type { Storage } from '../storage/database.js';
import type { CommandSpec, ParsedCommand } from './args.js';

export interface Out {
  json: boolean;
  /** The answer: `human` on a terminal, `data` as JSON with --json. */
  print(human: string, data: unknown): void;
  /** A note for a person (stderr); never part of the JSON answer. */
  note(text: string): void;
  /** Progress for a person on stdout; nothing with --json, so the JSON stays one document. */
  progress(text: string): void;
}

export function createOut(json: boolean, write: (s: string) => void, writeErr: (s: string) => void): Out {
  return {
    json,
    print: (human, data) => write(json ? JSON.stringify(data, null, 2) + '\n' : human + '\n'),
    note: (text) => writeErr(`rollcall: ${text}\n`),
    progress: (text) => {
      if (!json) write(text + '\n');
    },
  };
}

/** A failure of a well-typed command (exit 1), with a stable code for scripts. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const errorBody = (code: string, message: string) => ({ error: { code, message } });

export interface CommandContext {
  spec: CommandSpec;
  values: ParsedCommand['values'];
  positionals: string[];
  out: Out;
  config: Config;
  /** Opened on first use (and migrated); closed by run() afterwards. */
  services(): Promise<Services>;
  storage(options?: { migrated?: boolean }): Promise<Storage>;
}

export interface Command extends CommandSpec {
  run(ctx: CommandContext): Promise<number>;
}

export const scimBaseUrl = (publicUrl: string, teamId: string) => `${publicUrl}/scim/v2/${teamId}`;

export function teamView(team: TeamRecord, publicUrl: string) {
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    plan: team.plan,
    createdAt: team.createdAt,
    userCount: team.userCount,
    groupCount: team.groupCount,
    scimBaseUrl: scimBaseUrl(publicUrl, team.id),
  };
}

/** Team ids to slugs, so lists show what an operator typed. */
export async function teamSlugs(services: Services): Promise<Map<string, string>> {
  return new Map((await services.teams.list()).map((t) => [t.id, t.slug]));
}
