// Every `rollcall` command, in the order `rollcall --help` lists them.

import type { Command } from './output.js';
import { teamCommands } from './team-commands.js';
import { keyCommands } from './key-commands.js';
import { scimClientCommands } from './scim-client-commands.js';
import { oidcClientCommands } from './oidc-client-commands.js';
import { simulateCommands } from './simulate-commands.js';
import { systemCommands } from './system-commands.js';

export const COMMANDS: Command[] = [...teamCommands, ...keyCommands, ...scimClientCommands, ...oidcClientCommands, ...simulateCommands, ...systemCommands];

/** The command named by the first words of argv, and how many words named it. */
export function findCommand(argv: string[]): { command: Command; words: number } | undefined {
  const [first, second] = argv;
  const two = COMMANDS.find((c) => c.name === `${first} ${second}`);
  if (two) return { command: two, words: 2 };
  const one = COMMANDS.find((c) => c.name === first);
  return one ? { command: one, words: 1 } : undefined;
}

/** The commands under a noun (`team` → team create, team list). */
export const commandsUnder = (noun: string) => COMMANDS.filter((c) => c.name.startsWith(`${noun} `));
