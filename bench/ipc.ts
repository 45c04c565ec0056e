// The driver ↔ server-process protocol over Node's IPC channel. Each server
// runs in a child process of its own so the driver can read that process's
// CPU time (user + system, from process.cpuUsage()) around a phase: client
// work, JSON building and socket writes on the driver side never count.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type Command =
  | { cmd: 'cpu' }
  | { cmd: 'seedUsers'; team: BenchTeam; from: number; to: number }
  | { cmd: 'seedMembers'; team: BenchTeam; groupId: string; userIds: string[] }
  | { cmd: 'seedSpend'; team: BenchTeam; ledgerRows: number }
  | { cmd: 'settle' }
  | { cmd: 'createTeam'; name: string }
  | { cmd: 'memory' }
  /** A command of a phase group's own (bench/server-commands.ts): `name` picks it, `args` is its input. */
  | { cmd: 'run'; name: string; args?: unknown }
  | { cmd: 'stop' };

/** `small` and `large` are measured side by side; `warmup` only warms the JIT and never changes their sizes. */
export type BenchTeam = 'small' | 'large' | 'warmup';

export interface CpuSample {
  user: number;
  system: number;
}

export interface ReadyMessage {
  type: 'ready';
  port: number;
  teams?: Record<BenchTeam, { teamId: string; token: string }>;
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The driver's handle on one server process. */
export interface ServerProcess {
  ready: ReadyMessage;
  pid: number;
  call<T>(command: Command): Promise<T>;
  /** Server CPU in microseconds (user and system) since the process started. */
  cpu(): Promise<CpuSample>;
  stop(): Promise<void>;
}

/** Starts `bench/<script>` under tsx with an IPC channel and waits for its port. */
/** `stdout: 'ignore'` sends the server's stdout (its log lines) to /dev/null: written, as in production, but not printed. */
export async function startServer(script: string, args: string[], nodeFlags: string[] = [], options: { stdout?: 'inherit' | 'ignore' } = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', `bench/${script}`, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', options.stdout ?? 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  exited.then((code) => {
    for (const p of pending.values()) p.reject(new Error(`${script} exited (code ${code}) with a command in flight`));
    pending.clear();
  });

  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ReadyMessage));
    child.once('error', reject);
    exited.then((code) => reject(new Error(`${script} exited (code ${code}) before it was ready`)));
  });
  child.on('message', (message) => {
    const reply = message as Reply;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`${script}: ${reply.error}`));
  });

  const call = <T>(command: Command): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, ...command });
    });

  return {
    ready,
    pid: child.pid as number,
    call,
    cpu: () => call<CpuSample>({ cmd: 'cpu' }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await call({ cmd: 'stop' }).catch(() => undefined);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Child side: answers the driver's commands; `handlers` supplies the server-specific ones. */
export function serveIpc(handlers: Partial<Record<Command['cmd'], (command: never) => Promise<unknown>>>, close: () => Promise<void>): void {
  let closing: Promise<void> | undefined;
  const onStop = () => (closing ??= close());
  process.on('message', (message: { id: number } & Command) => {
    void (async () => {
      try {
        let result: unknown;
        if (message.cmd === 'cpu') {
          result = process.cpuUsage();
        } else if (message.cmd === 'stop') {
          await onStop();
          result = true;
        } else {
          const handler = handlers[message.cmd];
          if (!handler) throw new Error(`unknown command ${message.cmd}`);
          result = await handler(message as never);
        }
        process.send?.({ id: message.id, ok: true, result } satisfies Reply);
        if (message.cmd === 'stop') process.disconnect();
      } catch (error) {
        process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies Reply);
      }
    })();
  });
  // The driver going away (crash, Ctrl-C) must not leave a server behind.
  process.on('disconnect', () => {
    void onStop().finally(() => process.exit(0));
  });
}
