// One measured phase: server CPU (read from the server process before and
// after) and wall time around a bounded run of requests, one in flight at a
// time or `concurrency` at once (a client with that many keep-alive sockets:
// the pool, locks and round trips behave differently under load). A phase
// can run in several slices, so phases that are compared with each other
// (Rollcall vs the baseline) can alternate and share the machine's moods.

import { performance } from 'node:perf_hooks';
import type { ServerProcess } from './ipc.js';

export interface PhaseResult {
  id: string;
  label: string;
  server: 'baseline' | 'rollcall';
  /** Size of what the phase works on (users in the team, members in the group), for the table. */
  at?: string;
  requests: number;
  /** Operations per request: 1, except Bulk (one request, many creates). */
  unitsPerRequest: number;
  /** Server CPU (user + system) per operation, in milliseconds. */
  cpuMsPerOp: number;
  /** The part of cpuMsPerOp spent in the kernel (sockets, fsync, page faults). */
  systemCpuMsPerOp: number;
  /** CPU of the PostgreSQL backends serving Rollcall per operation (PostgreSQL only; SQLite runs in-process). */
  dbCpuMsPerOp?: number;
  /** Client-observed time per operation, for information: it includes the driver and fsync waits. */
  wallMsPerOp: number;
  /** True when the time limit stopped the phase before its request count. */
  truncated: boolean;
  /** Requests in flight at once (1 when absent). */
  concurrency?: number;
  /** Figures a phase measures besides CPU and wall time (memory growth in MB, members per second, …). */
  metrics?: Record<string, number>;
  /** When the phase ran, in CLOCK_MONOTONIC µs (the clock of V8's CPU profiles), for bench/profile-summary.ts. */
  windowsUs: [number, number][];
}

export interface PhaseSpec {
  id: string;
  label: string;
  at?: string;
  requests: number;
  unitsPerRequest?: number;
  /** Unmeasured requests first, so caches are warm (run with indexes -warmup..-1). */
  warmup?: number;
  timeLimitMs?: number;
  /** Requests in flight at once; the client must have as many sockets (http-client.ts). Default 1. */
  concurrency?: number;
}

/** Reads cumulative database CPU in µs, when the database runs outside the server process. */
export type DbCpu = () => Promise<number | undefined>;

export interface Phase {
  /** Runs the next `count` requests of the phase (all that remain when omitted). */
  run(count?: number): Promise<void>;
  result(): PhaseResult;
}

export function createPhase(
  server: ServerProcess,
  kind: PhaseResult['server'],
  spec: PhaseSpec,
  request: (i: number) => Promise<unknown>,
  dbCpu?: DbCpu,
): Phase {
  const limit = spec.timeLimitMs ?? 120_000;
  const inFlight = Math.max(1, spec.concurrency ?? 1);
  let warm = false;
  let done = 0;
  let cpuUs = 0;
  let systemUs = 0;
  let dbUs: number | undefined = dbCpu ? 0 : undefined;
  let wallMs = 0;
  const windowsUs: [number, number][] = [];
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

  return {
    async run(count = spec.requests) {
      if (!warm) {
        let next = -(spec.warmup ?? 0);
        await Promise.all(Array.from({ length: inFlight }, async () => {
          while (next < 0) await request(next++);
        }));
        warm = true;
      }
      const end = Math.min(spec.requests, done + count);
      const dbBefore = await dbCpu?.();
      const cpuBefore = await server.cpu();
      const startUs = monotonicUs();
      const start = performance.now();
      // `inFlight` workers take the next index until the slice or the time limit ends.
      let next = done;
      await Promise.all(Array.from({ length: inFlight }, async () => {
        while (next < end && wallMs + (performance.now() - start) < limit) {
          await request(next++);
          done++;
        }
      }));
      wallMs += performance.now() - start;
      windowsUs.push([startUs, monotonicUs()]);
      const cpuAfter = await server.cpu();
      cpuUs += cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system;
      systemUs += cpuAfter.system - cpuBefore.system;
      const dbAfter = await dbCpu?.();
      dbUs = dbUs === undefined || dbBefore === undefined || dbAfter === undefined ? undefined : dbUs + dbAfter - dbBefore;
    },
    result() {
      const units = spec.unitsPerRequest ?? 1;
      const ops = Math.max(1, done * units);
      return {
        id: spec.id,
        label: spec.label,
        server: kind,
        at: spec.at,
        requests: done,
        unitsPerRequest: units,
        cpuMsPerOp: cpuUs / 1000 / ops,
        systemCpuMsPerOp: systemUs / 1000 / ops,
        ...(dbUs !== undefined ? { dbCpuMsPerOp: dbUs / 1000 / ops } : {}),
        wallMsPerOp: wallMs / ops,
        truncated: done < spec.requests,
        ...(inFlight > 1 ? { concurrency: inFlight } : {}),
        windowsUs,
      };
    },
  };
}

export async function measurePhase(
  server: ServerProcess,
  kind: PhaseResult['server'],
  spec: PhaseSpec,
  request: (i: number) => Promise<unknown>,
  dbCpu?: DbCpu,
): Promise<PhaseResult> {
  const phase = createPhase(server, kind, spec, request, dbCpu);
  await phase.run();
  return phase.result();
}

/**
 * Runs the phases in `rounds` alternating slices and returns their results
 * in the order given. Every other round runs in reverse, so no phase always
 * follows the same neighbour.
 */
export async function interleave(phases: Phase[], rounds: number, requestsOf: (index: number) => number): Promise<PhaseResult[]> {
  for (let round = 0; round < rounds; round++) {
    const order = phases.map((phase, index) => ({ phase, index }));
    if (round % 2 === 1) order.reverse();
    for (const { phase, index } of order) await phase.run(Math.ceil(requestsOf(index) / rounds));
  }
  return phases.map((p) => p.result());
}
