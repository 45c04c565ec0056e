// The benchmark is a list of phase groups, each a file of its own that seeds
// what it needs and measures its phases (`--only id,id` runs a subset). A
// group can add criteria: a ratio of two of its phases, or an absolute figure
// (a wall time, a CPU cost per operation, a metric such as memory growth)
// checked against the bound (bench/report.ts).

import type { BenchOptions } from './options.js';
import type { BenchTeam, ServerProcess } from './ipc.js';
import type { HttpClient } from './http-client.js';
import type { DbCpu, PhaseResult } from './measure.js';
import type { Rule } from './report.js';
import type { TeamHandle } from './workload.js';

export interface PhaseGroupContext {
  options: BenchOptions;
  rollcall: ServerProcess;
  baseline: ServerProcess;
  /** The three teams the server made at start (small, large, warmup) and their SCIM clients. */
  teams: Record<BenchTeam, TeamHandle & { teamId: string; token: string }>;
  /** Client of the fixed-response server, sending the same headers as the large team's client. */
  baselineClient: HttpClient;
  /** A new, empty team with a SCIM token and a client of its own (closed at the end of the run). */
  newTeam(name: string): Promise<TeamHandle & { teamId: string; token: string }>;
  dbCpu?: DbCpu;
  log: (line: string) => void;
  /** Prints a phase's line as it completes (the table at the end shows them all). */
  record(results: PhaseResult[]): PhaseResult[];
}

export interface PhaseGroup {
  id: string;
  /** One line for `--help` and the log. */
  description: string;
  run(ctx: PhaseGroupContext): Promise<PhaseResult[]>;
  /** Criteria over this group's phases. */
  rules?: Rule[];
}
