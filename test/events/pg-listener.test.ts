// The LISTEN connection that carries commits between instances: it turns
// notifications of its own schema into the commit signal, ignores other
// schemas' (deployments sharing a database), and comes back when its
// connection is killed, waking every reader once since notifications sent
// meanwhile are lost.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { DIALECTS, POSTGRES_URL, openTestStorage } from '../helpers/test-app.js';
import { createCommitSignal, ALL_TEAMS } from '../../src/domain/realtime/event-feed-signal.js';
import { startPgListener, type PgListener } from '../../src/workers/pg-listener.js';
import { createEventsRepository } from '../../src/storage/realtime/events-repository.js';
import type { Storage } from '../../src/storage/database.js';
import { eventually } from './webhook-receiver.js';

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL commit notifications', () => {
  let storage: Storage;
  let drop: () => Promise<void>;
  let schema: string;
  let listener: PgListener;
  const heard: string[] = [];
  const signal = createCommitSignal();
  signal.subscribe('events', ALL_TEAMS, (t) => heard.push(`events:${t}`));
  signal.subscribe('activity', ALL_TEAMS, (t) => heard.push(`activity:${t}`));

  beforeAll(async () => {
    ({ storage, drop } = await openTestStorage('postgres'));
    schema = (await storage.db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('s')).executeTakeFirstOrThrow()).s;
    listener = startPgListener({ url: POSTGRES_URL, schema, signal, reconnectMs: 50, applicationName: `listener-${schema}` });
    await listener.ready;
  });
  afterAll(async () => {
    await listener.stop();
    await storage.close();
    await drop();
  });

  it('signals the team of each committed event, once the transaction commits', async () => {
    heard.length = 0;
    const events = createEventsRepository();
    await storage.db.transaction().execute(async (tx) => {
      await events.append(tx, [{ id: crypto.randomUUID(), teamId: 'team-n', type: 'user.created', occurredAt: new Date().toISOString(), data: { version: 1 } }]);
    });
    await eventually(() => heard.includes('events:team-n'));
  });

  it('ignores notifications of another schema', async () => {
    heard.length = 0;
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(`select pg_notify('rollcall', $1)`, [JSON.stringify({ schema: 'someone_else', kind: 'events', team: 'stranger' })]);
      await client.query(`select pg_notify('rollcall', $1)`, [JSON.stringify({ schema, kind: 'events', team: 'marker' })]);
      await eventually(() => heard.includes('events:marker'));
      expect(heard).not.toContain('events:stranger');
    } finally {
      await client.end();
    }
  });

  it('reconnects when its connection is killed, and wakes every reader', async () => {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [`listener-${schema}`]);
      expect(killed.rowCount).toBeGreaterThan(0);
      heard.length = 0;
      await eventually(() => heard.includes(`events:${ALL_TEAMS}`) && heard.includes(`activity:${ALL_TEAMS}`));
      await eventually(
        () => heard.includes('events:after-reconnect'),
        () => void admin.query(`select pg_notify('rollcall', $1)`, [JSON.stringify({ schema, kind: 'events', team: 'after-reconnect' })]),
      );
    } finally {
      await admin.end();
    }
  });
});
