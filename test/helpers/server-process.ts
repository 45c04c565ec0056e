// Real Rollcall server processes for multi-instance tests: `node --import tsx
// src/main.ts` on a port picked here, so several instances can share one
// PostgreSQL schema the way a production deployment shares one database.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import { openStorage } from '../../src/storage/database.js';
import { createServices } from '../../src/services.js';

const ROOT = resolve(import.meta.dirname, '../..');
const READY_WITHIN_MS = 30_000;
/** Longer than the default ROLLCALL_SHUTDOWN_GRACE_MS, after which main.ts exits on its own. */
const STOP_WITHIN_MS = 15_000;

// A test that times out must not leave servers behind: whatever is still
// running when this test process exits is killed, by PID; and each server
// stops itself (SIGTERM, so it drains) if this process dies without exiting
// cleanly, which it notices by being handed to another parent.
const ORPHAN_WATCH = `data:text/javascript,${encodeURIComponent(
  'const parent = process.ppid; setInterval(() => { if (process.ppid !== parent) process.kill(process.pid, "SIGTERM"); }, 500).unref();',
)}`;
const running = new Set<number>();
process.once('exit', () => {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** What the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM by PID, then waits for the exit (SIGKILL after STOP_WITHIN_MS); returns the exit code. */
  stop(): Promise<number | null>;
}

/** A port that was free a moment ago on 127.0.0.1 (main.ts prints only the configured port). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(options: { databaseUrl: string; schema: string; env?: Record<string, string> }): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', ORPHAN_WATCH, 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ROLLCALL_DATABASE_URL: options.databaseUrl,
      ROLLCALL_PG_SCHEMA: options.schema,
      ROLLCALL_PUBLIC_URL: '',
      ROLLCALL_LOG_LEVEL: 'warn',
      // These servers take thousands of requests on one token to test
      // concurrency, not throttling: rate limits off unless a test sets them
      // (test/security/edge.process.test.ts does).
      ROLLCALL_SCIM_RATE_LIMIT_PER_MINUTE: '0',
      ROLLCALL_API_RATE_LIMIT_PER_MINUTE: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let gone = false;
  running.add(child.pid as number);
  void exited.then(() => {
    gone = true;
    running.delete(child.pid as number);
  });

  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    port,
    pid: child.pid as number,
    child,
    exited,
    output: () => output,
    async stop() {
      if (gone) return exited;
      process.kill(server.pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (!gone) process.kill(server.pid, 'SIGKILL');
      }, STOP_WITHIN_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };

  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`rollcall exited before it was ready (code ${child.exitCode}):\n${output}`);
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return server;
    await sleep(100);
  }
  await server.stop();
  throw new Error(`rollcall was not ready within ${READY_WITHIN_MS} ms:\n${output}`);
}

/** A fresh schema name; the servers create it, `dropSchema` removes it. */
export const freshSchema = (): string => `mi_${randomBytes(6).toString('hex')}`;

export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** Creates a team and a SCIM token directly on the database, as `rollcall team create` + `token create` would. */
export async function createTeam(databaseUrl: string, schema: string): Promise<{ teamId: string; token: string }> {
  const storage = await openStorage(databaseUrl, { postgres: { schema, poolSize: 1 } });
  try {
    const services = createServices(storage);
    const team = await services.teams.create({ slug: `team-${randomBytes(3).toString('hex')}` });
    const { secret } = await services.tokens.create(team.id, { allowWithoutSso: true });
    return { teamId: team.id, token: secret };
  } finally {
    await storage.close();
  }
}

export interface ScimReply {
  status: number;
  etag: string | null;
  headers: Headers;
  // Tests read arbitrary SCIM JSON; `any` keeps assertions on it readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** SCIM requests to one instance with the team's token (over real sockets). */
export function scimClient(server: ServerProcess, teamId: string, token: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ScimReply> => {
    const res = await fetch(`${server.url}/scim/v2/${teamId}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, etag: res.headers.get('etag'), headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the items' order. */
export async function inParallel<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
