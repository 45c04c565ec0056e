// One measured phase: server CPU (read from the server process before and
// after) and wall time around a bounded, sequential run of requests.

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
  /** CPU of the PostgreSQL backends serving Rollcall per operation (PostgreSQL only; SQLite runs in-process). */
  dbCpuMsPerOp?: number;
  /** Client-observed time per operation, for information: it includes the driver and fsync waits. */
  wallMsPerOp: number;
  /** True when the time limit stopped the phase before its request count. */
  truncated: boolean;
}

export interface PhaseSpec {
  id: string;
  label: string;
  at?: string;
  requests: number;
  unitsPerRequest?: number;
  /** Unmeasured requests first, so the JIT and caches are warm (run with indexes -warmup..-1). */
  warmup?: number;
  timeLimitMs?: number;
}

/** Reads cumulative database CPU in µs, when the database runs outside the server process. */
export type DbCpu = () => Promise<number | undefined>;

export async function measurePhase(
  server: ServerProcess,
  kind: PhaseResult['server'],
  spec: PhaseSpec,
  request: (i: number) => Promise<unknown>,
  dbCpu?: DbCpu,
): Promise<PhaseResult> {
  for (let i = -(spec.warmup ?? 0); i < 0; i++) await request(i);
  const limit = spec.timeLimitMs ?? 120_000;
  const dbBefore = await dbCpu?.();
  const cpuBefore = await server.cpu();
  const start = performance.now();
  let done = 0;
  while (done < spec.requests && performance.now() - start < limit) {
    await request(done);
    done++;
  }
  const wall = performance.now() - start;
  const cpuAfter = await server.cpu();
  const dbAfter = await dbCpu?.();
  const units = spec.unitsPerRequest ?? 1;
  const ops = Math.max(1, done * units);
  return {
    id: spec.id,
    label: spec.label,
    server: kind,
    at: spec.at,
    requests: done,
    unitsPerRequest: units,
    cpuMsPerOp: (cpuAfter - cpuBefore) / 1000 / ops,
    ...(dbBefore !== undefined && dbAfter !== undefined ? { dbCpuMsPerOp: (dbAfter - dbBefore) / 1000 / ops } : {}),
    wallMsPerOp: wall / ops,
    truncated: done < spec.requests,
  };
}
