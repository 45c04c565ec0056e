// With PostgreSQL the database's work runs in other processes than Rollcall,
// so its CPU would vanish from a Rollcall-only figure. This reads the CPU of
// the backends serving the Rollcall server's pool (found by their
// application_name) from /proc, where the database runs on this machine.

import { readFileSync } from 'node:fs';
import pg from 'pg';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU in 1/100 s. */
const TICK_US = 10_000;

export interface DbCpuSampler {
  /** Cumulative CPU of the pool's backends in microseconds, or undefined where /proc cannot tell. */
  sample(): Promise<number | undefined>;
  close(): Promise<void>;
}

function processCpuUs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return undefined;
  }
}

export async function createDbCpuSampler(url: string, applicationName: string): Promise<DbCpuSampler> {
  const client = new pg.Client({ connectionString: url, application_name: 'rollcall-bench-driver' });
  await client.connect();
  // A backend that exits keeps the CPU last read from it, so a pool that
  // closes an idle connection mid-run loses at most its final moments.
  const lastSeen = new Map<number, number>();
  let readable = true;
  return {
    async sample() {
      if (!readable) return undefined;
      const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [applicationName]);
      for (const { pid } of rows) {
        const cpu = processCpuUs(pid);
        if (cpu === undefined) {
          readable = false;
          return undefined;
        }
        lastSeen.set(pid, cpu);
      }
      let total = 0;
      for (const cpu of lastSeen.values()) total += cpu;
      return total;
    },
    close: () => client.end(),
  };
}
