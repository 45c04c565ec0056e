// `npm run bench`: loads Rollcall the way IdPs do and reports server CPU per
// operation beside a fixed-response fastify server measured in the same run
// (docs/performance.md). A report, not a gate: it exits 0 when a criterion
// fails and 1 only when the run itself breaks.

import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { parseOptions, UsageError, type BenchOptions } from './options.js';
import { startServer, type ServerProcess } from './ipc.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { PHASE_GROUPS } from './all-groups.js';
import type { PhaseGroupContext } from './phase-groups.js';
import type { PhaseResult } from './measure.js';
import { formatTable, formatVerdicts, verdicts } from './report.js';
import { createDbCpuSampler, type DbCpuSampler } from './db-cpu.js';
import type { RollcallServerOptions } from './server-rollcall.js';
import { OPTIONS } from '../src/config/options.js';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

interface PreparedDatabase {
  server: RollcallServerOptions;
  description: string;
  /** The application_name of the Rollcall server's PostgreSQL connections. */
  applicationName?: string;
  drop(): Promise<void>;
}

async function prepareDatabase(options: BenchOptions): Promise<PreparedDatabase> {
  if (options.db === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
    return {
      server: { databaseUrl: `sqlite:${join(dir, 'rollcall.db')}` },
      description: `SQLite (better-sqlite3, file in ${tmpdir()}, WAL, synchronous=${OPTIONS.sqliteSynchronous.default})`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: options.postgresUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  const version = (await client.query<{ server_version: string }>('show server_version')).rows[0].server_version;
  await client.end();
  const url = new URL(options.postgresUrl);
  url.searchParams.set('application_name', schema);
  return {
    server: { databaseUrl: url.toString(), schema },
    applicationName: schema,
    description: `PostgreSQL ${version} on 127.0.0.1 (fresh schema ${schema}, pool ${OPTIONS.pgPoolSize.default})`,
    drop: async () => {
      const admin = new pg.Client({ connectionString: options.postgresUrl });
      await admin.connect();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

/** The commit measured, marked when src/ has uncommitted changes. */
function sourceVersion(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit} with uncommitted changes in src/` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/**
 * tsx's module hooks run on a thread of their own, which --cpu-prof profiles
 * too: the main thread's profile is the one whose name carries thread id 0
 * (CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile).
 */
function reportProfile(dir: string, runName: string): void {
  const main = readdirSync(dir).find((name) => name.split('.')[4] === '0');
  if (!main) {
    log(`no main-thread profile in ${dir}`);
    return;
  }
  const file = join(RESULTS_DIR, 'profiles', `${runName}.cpuprofile`);
  renameSync(join(dir, main), file);
  rmSync(dir, { recursive: true, force: true });
  log(`profile of the Rollcall server: ${file}; summarise one phase with\n  npx tsx bench/profile-summary.ts ${file} ${join(RESULTS_DIR, `${runName}.json`)} <phase id>`);
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    log(error.message.trim());
    return 2;
  }
  const unknown = options.only?.filter((id) => !PHASE_GROUPS.some((g) => g.id === id)) ?? [];
  if (unknown.length > 0) {
    log(`unknown phase group ${unknown.join(', ')}; the groups are ${PHASE_GROUPS.map((g) => g.id).join(', ')}`);
    return 2;
  }
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  // A profiled run costs more CPU and a quick one measures less: neither overwrites the full figures.
  const runName = `latest-${options.db}${options.quick ? '-quick' : ''}${options.only ? `-${options.only.join('+')}` : ''}${options.cpuProf ? '-profiled' : ''}`;
  const profileDir = join(RESULTS_DIR, 'profiles', runName);
  if (options.cpuProf) rmSync(profileDir, { recursive: true, force: true });
  const database = await prepareDatabase(options);
  // Ctrl-C reaches the servers too (same process group); the scratch database is ours to remove.
  process.once('SIGINT', () => {
    void database.drop().finally(() => process.exit(130));
  });
  const servers: ServerProcess[] = [];
  const clients: HttpClient[] = [];
  let sampler: DbCpuSampler | undefined;
  try {
    log(`Rollcall benchmark: ${database.description}${options.quick ? ', quick sizes' : ''}, server log level ${options.logLevel ?? `${OPTIONS.logLevel.default} (default)`}`);
    const baseline = await startServer('server-baseline.ts', []);
    servers.push(baseline);
    // --expose-gc lets the server clear seeding's garbage before a measured phase.
    const flags = ['--expose-gc', ...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=250'] : [])];
    const rollcall = await startServer('server-rollcall.ts', [JSON.stringify({ ...database.server, ...(options.logLevel ? { logLevel: options.logLevel } : {}) })], flags, { stdout: 'ignore' });
    servers.push(rollcall);
    const teams = rollcall.ready.teams;
    if (!teams) throw new Error('the Rollcall server did not report its teams');
    const handle = (team: { teamId: string; token: string }) => {
      const client = createHttpClient(rollcall.ready.port, { authorization: `Bearer ${team.token}` });
      clients.push(client);
      return { ...team, client, base: `/scim/v2/${team.teamId}` };
    };
    // The baseline gets the same request headers as Rollcall.
    const baselineClient = createHttpClient(baseline.ready.port, { authorization: `Bearer ${teams.large.token}` });
    clients.push(baselineClient);
    if (database.applicationName) sampler = await createDbCpuSampler(options.postgresUrl, database.applicationName);

    const results: PhaseResult[] = [];
    const context: PhaseGroupContext = {
      options,
      rollcall,
      baseline,
      teams: { small: handle(teams.small), large: handle(teams.large), warmup: handle(teams.warmup) },
      baselineClient,
      newTeam: async (name) => handle(await rollcall.call<{ teamId: string; token: string }>({ cmd: 'createTeam', name })),
      dbCpu: sampler ? () => (sampler as DbCpuSampler).sample() : undefined,
      log,
      record: (list) => {
        for (const r of list) {
          const db = r.dbCpuMsPerOp === undefined ? '' : ` + ${r.dbCpuMsPerOp.toFixed(3)} ms PostgreSQL`;
          log(`  ${`${r.label} `.padEnd(44, '.')} ${(r.at ?? '').padEnd(31)} ${r.cpuMsPerOp.toFixed(3)} ms CPU/op${db}`);
        }
        return list;
      },
    };
    const groups = PHASE_GROUPS.filter((g) => !options.only || options.only.includes(g.id));
    for (const group of groups) {
      log(`— ${group.id}: ${group.description}`);
      results.push(...(await group.run(context)));
    }
    const list = verdicts(results, groups.flatMap((g) => g.rules ?? []).filter((rule) => !rule.onlyOn || rule.onlyOn === options.db));
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`\n${formatTable(results)}\n\n${formatVerdicts(list)}\n\n`);

    const report = {
      date: new Date().toISOString(),
      source: sourceVersion(),
      database: options.db,
      databaseDescription: database.description,
      quick: options.quick,
      serverLogLevel: options.logLevel ?? OPTIONS.logLevel.default,
      groups: groups.map((g) => g.id),
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` },
      // Other work on the machine shows here: ratios come from interleaved slices so it weighs on both sides.
      loadAverage1m: { start: loadAtStart, end: loadavg()[0] },
      seeding: 'users through services.users.create and memberships through the store, both inside the server process; every measured operation is an HTTP request',
      settle: 'after each seeding step: SQLite wal_checkpoint(TRUNCATE) or PostgreSQL VACUUM (ANALYZE) of the tables, then a full GC in the server process',
      sizes: options.sizes,
      durationSeconds: Math.round(seconds),
      results,
      verdicts: list,
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `${runName}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`${list.filter((v) => v.pass).length}/${list.length} criteria pass; results in ${file} (${Math.round(seconds)} s)`);
    return 0;
  } finally {
    for (const c of clients) c.close();
    await sampler?.close();
    for (const s of servers.reverse()) await s.stop();
    await database.drop();
    if (options.cpuProf) reportProfile(profileDir, runName);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);
