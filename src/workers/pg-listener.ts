// Cross-instance fan-out on PostgreSQL: one dedicated connection LISTENs on
// the channel the outbox triggers NOTIFY at commit (migration 0005), and
// turns each notification for this deployment's schema into the in-process
// commit signal. The connection is pinged; when it is lost it is opened
// again, and every reader is woken once, since notifications sent while it
// was away are gone (readers then catch up from their cursors).

import pg from 'pg';
import { ALL_TEAMS, type CommitKind, type CommitSignal } from '../domain/realtime/event-feed-signal.js';
import { NOTIFY_CHANNEL } from '../storage/migrations/0005-events.js';

export interface PgListenerOptions {
  url: string;
  /** ROLLCALL_PG_SCHEMA, or empty for the connection's default. */
  schema: string;
  signal: CommitSignal;
  pingMs?: number;
  reconnectMs?: number;
  /** Shown in pg_stat_activity (default `rollcall-listener`). */
  applicationName?: string;
  log?: { warn(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void };
}

export interface PgListener {
  /** Resolves once listening (the first time). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export function startPgListener(options: PgListenerOptions): PgListener {
  const { signal } = options;
  const pingMs = options.pingMs ?? 15_000;
  const reconnectMs = options.reconnectMs ?? 1_000;
  let client: pg.Client | undefined;
  let schema = '';
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let ping: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  function wakeAll(): void {
    signal.publish('events', ALL_TEAMS);
    signal.publish('activity', ALL_TEAMS);
  }

  function lost(c: pg.Client, error?: unknown): void {
    if (client !== c) return;
    client = undefined;
    if (ping) clearInterval(ping);
    c.end().catch(() => undefined);
    if (stopped) return;
    options.log?.warn({ err: error }, 'event notifications: connection to PostgreSQL lost; reconnecting');
    retry = setTimeout(() => void connect(), reconnectMs);
    retry.unref();
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    const c = new pg.Client({
      connectionString: options.url,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      query_timeout: 5_000,
      application_name: options.applicationName ?? 'rollcall-listener',
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    client = c;
    c.on('error', (error) => lost(c, error));
    c.on('end', () => lost(c));
    c.on('notification', (message) => {
      if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
      try {
        const note = JSON.parse(message.payload) as { schema?: string; kind?: CommitKind; team?: string };
        if (note.schema === schema && note.team && (note.kind === 'events' || note.kind === 'activity')) signal.publish(note.kind, note.team);
      } catch {
        // Not ours.
      }
    });
    try {
      await c.connect();
      schema = (await c.query<{ schema: string }>('select current_schema() as schema')).rows[0].schema;
      await c.query(`listen ${NOTIFY_CHANNEL}`);
      ping = setInterval(() => {
        c.query('select 1').catch((error: unknown) => lost(c, error));
      }, pingMs);
      ping.unref();
      markReady();
      wakeAll();
    } catch (error) {
      lost(c, error);
    }
  }

  void connect();

  return {
    ready,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      if (ping) clearInterval(ping);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
