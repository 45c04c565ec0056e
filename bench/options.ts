// Command line of `npm run bench`: which database, full or quick sizes,
// and whether to write a CPU profile of the Rollcall server process.

export type BenchDatabase = 'sqlite' | 'postgres';

export interface Sizes {
  /** Users in the team for the small paging measurement. */
  smallTeam: number;
  /** Users in the team for userName lookups, GET by id and PATCH. */
  lookupTeam: number;
  /** Users in the team for the large paging measurement. */
  largeTeam: number;
  /** Members in the group at the end of the membership phase. */
  groupSize: number;
  /** Adds (or removes) measured at each end of the group's growth. */
  edge: number;
  /** Members per PATCH in the batch phases (bench/member-batch.ts). */
  batchSize: number;
  /** Measured batch PATCHes (plus one warm-up): the batch group ends at (batchRequests + 1) × batchSize members. */
  batchRequests: number;
  /** Members of the small group that `groups.value eq` pages are compared with. */
  filterSmallGroup: number;
  baselineRequests: number;
  lookupRequests: number;
  patchRequests: number;
  pageRequests: number;
  postRequests: number;
  bulkSize: number;
  bulkRequests: number;
}

export interface BenchOptions {
  db: BenchDatabase;
  quick: boolean;
  postgresUrl: string;
  /** Run the Rollcall server under `node --cpu-prof` (profile in bench/results/profiles). */
  cpuProf: boolean;
  /** Phase groups to run (bench/all-groups.ts); all of them when absent. */
  only?: string[];
  /** The Rollcall server's log level; absent: its default (info), as `npm start` runs it. */
  logLevel?: string;
  sizes: Sizes;
}

export const FULL_SIZES: Sizes = {
  smallTeam: 1_000,
  lookupTeam: 10_000,
  largeTeam: 50_000,
  groupSize: 20_000,
  edge: 100,
  batchSize: 1_000,
  batchRequests: 19,
  filterSmallGroup: 100,
  baselineRequests: 3_000,
  lookupRequests: 1_000,
  patchRequests: 500,
  pageRequests: 200,
  postRequests: 500,
  bulkSize: 1_000,
  bulkRequests: 2,
};

export const QUICK_SIZES: Sizes = {
  smallTeam: 200,
  lookupTeam: 2_000,
  largeTeam: 5_000,
  groupSize: 2_000,
  edge: 50,
  batchSize: 1_000,
  batchRequests: 2,
  filterSmallGroup: 100,
  baselineRequests: 500,
  lookupRequests: 200,
  patchRequests: 100,
  pageRequests: 50,
  postRequests: 100,
  bulkSize: 1_000,
  bulkRequests: 1,
};

const USAGE = `usage: npm run bench -- [--db sqlite|postgres] [--quick] [--cpu-prof] [--postgres-url URL]
  --db          database under test (default sqlite; postgres uses a fresh schema, dropped afterwards)
  --quick       smaller sizes, for a smoke run (results go to bench/results/latest-<db>-quick.json)
  --only a,b    run only these phase groups (bench/all-groups.ts; a partial run writes latest-<db>-<groups>.json)
  --log-level L the server's log level (default: Rollcall's default, info; its lines go to /dev/null); silent measures without logs
  --cpu-prof    profile the Rollcall server (node --cpu-prof) into bench/results/profiles/; see bench/profile-summary.ts
  --postgres-url  default $ROLLCALL_BENCH_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/test`;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
  }
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  let db = (env.ROLLCALL_BENCH_DB ?? 'sqlite') as string;
  let quick = env.ROLLCALL_BENCH_QUICK === '1';
  let cpuProf = false;
  let only: string[] | undefined;
  let logLevel: string | undefined;
  let postgresUrl = env.ROLLCALL_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--db':
        db = value();
        break;
      case '--quick':
        quick = true;
        break;
      case '--cpu-prof':
        cpuProf = true;
        break;
      case '--only':
        only = value().split(',').map((g) => g.trim()).filter(Boolean);
        break;
      case '--log-level':
        logLevel = value();
        if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) throw new UsageError(`--log-level must be a pino level or silent (got "${logLevel}")`);
        break;
      case '--postgres-url':
        postgresUrl = value();
        break;
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`unknown option ${argv[i]}`);
    }
  }
  if (db !== 'sqlite' && db !== 'postgres') throw new UsageError(`--db must be sqlite or postgres (got "${db}")`);
  if (!/^postgres(ql)?:\/\//.test(postgresUrl)) throw new UsageError('--postgres-url must start with postgres://');
  const url = new URL(postgresUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new UsageError('the benchmark only talks to a local PostgreSQL');
  return { db, quick, cpuProf, postgresUrl, ...(only ? { only } : {}), ...(logLevel ? { logLevel } : {}), sizes: quick ? QUICK_SIZES : FULL_SIZES };
}
