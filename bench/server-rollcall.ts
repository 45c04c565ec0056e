// Rollcall as `main` starts it (config defaults, the default log level), in a process
// of its own, on the database the driver names. Large data is seeded here,
// through the services and store, so the measured phases start from a big
// team without hours of HTTP; every measured request still goes over HTTP.

import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { start } from '../src/main.js';
import { loadConfig } from '../src/config/load-config.js';
import { createEventFactory } from '../src/domain/events.js';
import { systemClock, randomIds } from '../src/domain/ports.js';
import { serveIpc, type BenchTeam } from './ipc.js';
import { benchUser } from './fixtures.js';
import { seedSpend } from './authorize-phase.js';
import { SERVER_COMMANDS } from './server-commands.js';

export interface RollcallServerOptions {
  databaseUrl: string;
  /** PostgreSQL schema to create and use (the driver drops it afterwards). */
  schema?: string;
  /** ROLLCALL_LOG_LEVEL; absent: the default (info), what `npm start` logs. The driver sends stdout to /dev/null. */
  logLevel?: string;
}

const TABLES = ['teams', 'scim_tokens', 'users', 'user_emails', 'groups', 'group_members', 'events'];

const options = JSON.parse(process.argv[2] ?? '{}') as RollcallServerOptions;
// Every other option at its default (the log level too, unless --log-level says otherwise): the bench measures what an operator
// gets out of the box, started the way src/main.ts starts it (workers included).
// The per-token SCIM and host API rate limits are off: the bench sends thousands of requests
// a minute on one token by design, and the limiter's own cost is a map lookup.
const config = loadConfig({
  ROLLCALL_DATABASE_URL: options.databaseUrl,
  HOST: '127.0.0.1',
  PORT: '0',
  ...(options.logLevel ? { ROLLCALL_LOG_LEVEL: options.logLevel } : {}),
  ROLLCALL_SCIM_RATE_LIMIT_PER_MINUTE: '0',
  ROLLCALL_API_RATE_LIMIT_PER_MINUTE: '0',
  ...(options.schema ? { ROLLCALL_PG_SCHEMA: options.schema } : {}),
}, []);
const { app, storage, services } = await start(config);

async function createTeam(name: string) {
  const team = await services.teams.create({ slug: `${name}-${randomBytes(3).toString('hex')}` });
  const { secret } = await services.tokens.create(team.id, { allowWithoutSso: true });
  return { teamId: team.id, token: secret };
}
const teams: Record<BenchTeam, { teamId: string; token: string }> = {
  small: await createTeam('small'),
  large: await createTeam('large'),
  warmup: await createTeam('warmup'),
};
/** Every team by the driver's name for it: the three above and those of `createTeam`. */
const named = new Map<string, string>(Object.entries(teams).map(([name, t]) => [name, t.teamId]));
const teamId = (name: string) => {
  const id = named.get(name);
  if (!id) throw new Error(`no bench team named "${name}"`);
  return id;
};
const event = createEventFactory(systemClock, randomIds);

/** Users n in [from, to), one services.users.create each, as a POST would; returns their ids. */
async function seedUsers({ team, from, to }: { team: BenchTeam; from: number; to: number }): Promise<string[]> {
  const ids: string[] = [];
  for (let n = from; n < to; n++) ids.push((await services.users.create(teams[team].teamId, benchUser(n))).user.id);
  return ids;
}

/** Memberships written straight through the store, 1,000 per transaction, each with its event. */
async function seedMembers({ team, groupId, userIds }: { team: BenchTeam; groupId: string; userIds: string[] }): Promise<number> {
  const { store } = services;
  const { teamId } = teams[team];
  let added = 0;
  for (let i = 0; i < userIds.length; i += 1000) {
    const part = userIds.slice(i, i + 1000);
    const at = systemClock.now().toISOString();
    await store.transaction(async (tx) => {
      const ids = await store.members.add(tx, teamId, groupId, part.map((value) => ({ value, type: 'User' as const })), at);
      await store.groups.touch(tx, teamId, groupId, at);
      await store.events.append(tx, ids.map((memberId) => event(teamId, 'group.member_added', { type: 'Group', id: groupId }, { groupId, memberId })));
      added += ids.length;
    });
  }
  return added;
}

/**
 * Clears what seeding left behind and a long-running server would have
 * dealt with on its own: seeding's garbage on the heap, a WAL grown by
 * thousands of commits (SQLite checkpoints it in a later commit), tables
 * autovacuum has not visited yet (PostgreSQL: visibility map and planner
 * statistics, which VACUUM ANALYZE brings to where autovacuum would).
 */
async function settle(): Promise<boolean> {
  if (storage.dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(storage.db);
  else for (const table of TABLES) await sql`vacuum (analyze) ${sql.table(table)}`.execute(storage.db);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return gc !== undefined;
}

const spendSeeds = new Map<BenchTeam, Promise<unknown>>();

const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('the Rollcall server has no TCP address');

serveIpc(
  {
    seedUsers: seedUsers as (command: never) => Promise<unknown>,
    seedMembers: seedMembers as (command: never) => Promise<unknown>,
    // Once per team: the authorize and hot-path groups share one seeded ledger.
    seedSpend: ((c: { team: BenchTeam; ledgerRows: number }) => {
      let seed = spendSeeds.get(c.team);
      if (!seed) spendSeeds.set(c.team, (seed = seedSpend(services, storage, teams[c.team].teamId, c.ledgerRows)));
      return seed;
    }) as (command: never) => Promise<unknown>,
    settle,
    createTeam: (async ({ name }: { name: string }) => {
      const team = await createTeam(name);
      named.set(name, team.teamId);
      return team;
    }) as (command: never) => Promise<unknown>,
    // Resident memory and heap, for phases that bound the server's memory.
    memory: (async () => process.memoryUsage()) as (command: never) => Promise<unknown>,
    run: (async ({ name, args }: { name: string; args?: unknown }) => {
      const command = SERVER_COMMANDS[name];
      if (!command) throw new Error(`unknown server command "${name}" (bench/server-commands.ts)`);
      return command({ services, storage, teamId }, args as never);
    }) as (command: never) => Promise<unknown>,
  },
  async () => {
    await app.close();
    await storage.close();
  },
);
process.send?.({ type: 'ready', port: address.port, teams });
