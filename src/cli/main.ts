// `rollcall <command> [options]` on the same database as the server. Every
// command prints a human answer, or JSON with --json for scripts; errors are
// `{"error":{"code","message"}}` like the APIs'. Exit codes (docs/cli.md):
// 0 done, 1 the command failed, 2 usage error.

import { loadConfig, ConfigError, teamsFromConfig, type Config } from '../config/load-config.js';
import { DomainError } from '../domain/errors.js';
import { createServices, type Services } from '../services.js';
import { mailerFromConfig } from '../mail/mailer-from-config.js';
import { applyMigrations, openStorage, type Storage } from '../storage/database.js';
import { parseCommand, UsageError } from './args.js';
import { commandsUnder, COMMANDS, findCommand } from './commands.js';
import { commandHelp, globalHelp, groupHelp } from './help.js';
import { CliError, createOut, errorBody, type CommandContext } from './output.js';

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h' || arg === 'help';

export async function run(
  argv: string[],
  write: (s: string) => void = (s) => process.stdout.write(s),
  writeErr: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const json = argv.includes('--json');
  const out = createOut(json, write, writeErr);
  const fail = (code: string, message: string, exitCode: number, hint?: string) => {
    if (json) write(JSON.stringify(errorBody(code, message)) + '\n');
    else writeErr(`rollcall: ${message}\n${hint ? `${hint}\n` : ''}`);
    return exitCode;
  };

  const [first, second] = argv;
  if (first === undefined) {
    writeErr(globalHelp(COMMANDS) + '\n');
    return 2;
  }
  if (isHelp(first)) {
    write(globalHelp(COMMANDS) + '\n');
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = commandsUnder(first);
    if (first.startsWith('-')) return fail('usage', `options come after the command: rollcall <command> [options] (got "${first}" first)`, 2, 'See rollcall --help.');
    if (group.length === 0) return fail('usage', `unknown command "${first}"`, 2, 'See rollcall --help.');
    if (isHelp(second)) {
      write(groupHelp(first, group) + '\n');
      return 0;
    }
    const message = second === undefined || second.startsWith('-') ? `rollcall ${first} needs a command` : `unknown command "${first} ${second}"`;
    return fail('usage', message, 2, groupHelp(first, group));
  }

  const { command, words } = found;
  let storage: Storage | undefined;
  try {
    const { values, positionals } = parseCommand(command, argv.slice(words));
    if (values.help) {
      write(commandHelp(command) + '\n');
      return 0;
    }
    let config: Config;
    try {
      config = loadConfig(process.env, []);
    } catch (error) {
      if (error instanceof ConfigError) return fail('config', error.message, 2);
      throw error;
    }
    let migrated = false;
    let services: Services | undefined;
    const openedStorage = async ({ migrated: wantMigrated = true } = {}) => {
      storage ??= await openStorage(config.databaseUrl, {
        migrate: false,
        sqlite: { synchronous: config.sqliteSynchronous, cacheMib: config.sqliteCacheMib, mmapMib: config.sqliteMmapMib },
        postgres: { poolSize: 2, schema: config.pgSchema || undefined },
      });
      if (wantMigrated && !migrated) {
        await applyMigrations(storage);
        migrated = true;
      }
      return storage;
    };
    const ctx: CommandContext = {
      spec: command,
      values,
      positionals,
      out,
      config,
      storage: openedStorage,
      services: async () => (services ??= createServices(await openedStorage(), { sso: { publicUrl: config.publicUrl, ...config.sso }, mailer: mailerFromConfig(config.smtp), teams: teamsFromConfig(config.teams) })),
    };
    return await command.run(ctx);
  } catch (error) {
    if (error instanceof UsageError) return fail('usage', error.message, 2, `See rollcall ${(error.command ?? command).name} --help.`);
    if (error instanceof DomainError || error instanceof CliError) return fail(error.code, error.message, 1);
    return fail('internal', error instanceof Error ? error.message : String(error), 1);
  } finally {
    await storage?.close();
  }
}
