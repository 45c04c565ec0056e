// Rollcall as `main` builds it (config defaults, logs silent), in a process
// of its own, on the database the driver names. Large data is seeded here,
// through the services and store, so the measured phases start from a big
// team without hours of HTTP; every measured request still goes over HTTP.

import { randomBytes } from 'node:crypto';
import { openStorage, type Storage } from '../src/storage/database.js';
import { createServices } from '../src/services.js';
import { buildApp } from '../src/http/app.js';
import { loadConfig } from '../src/config/load-config.js';
import { createEventFactory } from '../src/domain/events.js';
import { systemClock, randomIds } from '../src/domain/ports.js';
import { serveIpc } from './ipc.js';
import { benchUser } from './fixtures.js';

export interface RollcallServerOptions {
  databaseUrl: string;
  /** PostgreSQL schema to create and use (the driver drops it afterwards). */
  schema?: string;
}

const options = JSON.parse(process.argv[2] ?? '{}') as RollcallServerOptions;
// Only the defaults: the bench measures what an operator gets out of the box.
const config = loadConfig({}, []);

const storage: Storage = await openStorage(options.databaseUrl, {
  sqlite: { synchronous: config.sqliteSynchronous },
  postgres: { poolSize: config.pgPoolSize, statementTimeoutMs: config.pgStatementTimeoutMs, schema: options.schema },
});
const services = createServices(storage);
const app = await buildApp({ services, storage, publicUrl: 'http://127.0.0.1', limits: config.scim, logLevel: 'silent', requestTimeoutMs: config.requestTimeoutMs });
const team = await services.teams.create({ slug: `bench-${randomBytes(3).toString('hex')}` });
const { secret } = await services.tokens.create(team.id);
const event = createEventFactory(systemClock, randomIds);

/** Users n in [from, to), one services.users.create each, as a POST would; returns their ids. */
async function seedUsers({ from, to }: { from: number; to: number }): Promise<string[]> {
  const ids: string[] = [];
  for (let n = from; n < to; n++) ids.push((await services.users.create(team.id, benchUser(n))).user.id);
  return ids;
}

/** Memberships written straight through the store, 1,000 per transaction, each with its event. */
async function seedMembers({ groupId, userIds }: { groupId: string; userIds: string[] }): Promise<number> {
  const { store } = services;
  let added = 0;
  for (let i = 0; i < userIds.length; i += 1000) {
    const part = userIds.slice(i, i + 1000);
    const at = systemClock.now().toISOString();
    await store.transaction(async (tx) => {
      const ids = await store.members.add(tx, team.id, groupId, part.map((value) => ({ value, type: 'User' as const })), at);
      await store.groups.touch(tx, team.id, groupId, at);
      await store.events.append(tx, ids.map((memberId) => event(team.id, 'group.member_added', { type: 'Group', id: groupId }, { groupId, memberId })));
      added += ids.length;
    });
  }
  return added;
}

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('the Rollcall server has no TCP address');

serveIpc(
  {
    seedUsers: seedUsers as (command: never) => Promise<unknown>,
    seedMembers: seedMembers as (command: never) => Promise<unknown>,
  },
  async () => {
    await app.close();
    await storage.close();
  },
);
process.send?.({ type: 'ready', port: address.port, teamId: team.id, token: secret });
