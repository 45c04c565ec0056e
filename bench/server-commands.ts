// Server-side commands of the phase groups (seeding that would take hours
// over HTTP, reading the server's own state). The driver calls them with
// `rollcall.call({ cmd: 'run', name, args })`; each group registers its own
// here, in a file of its own.

import type { Services } from '../src/services.js';
import type { Storage } from '../src/storage/database.js';
import { seedDeepPageUsers } from './deep-pages-seed.js';
import { BIG_TEAM_COMMANDS } from './big-team-limits-seed.js';
import { seedBigGroup, serverMemory } from './big-group-seed.js';

export interface ServerCommandContext {
  services: Services;
  storage: Storage;
  /** The teams the driver knows by name (the three made at start and every `createTeam`). */
  teamId(name: string): string;
}

export type ServerCommand = (ctx: ServerCommandContext, args: never) => Promise<unknown>;

export const SERVER_COMMANDS: Record<string, ServerCommand> = {
  seedDeepPageUsers: seedDeepPageUsers as ServerCommand,
  ...BIG_TEAM_COMMANDS,
  bigGroupSeed: seedBigGroup as ServerCommand,
  bigGroupMemory: serverMemory as ServerCommand,
};
