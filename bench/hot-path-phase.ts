// The read hot path as users run it (issue 12): the SCIM `userName eq`
// lookup, GET /Users/{id} and the host API's spend authorize, each at one
// request in flight and at 16 (a client with 16 keep-alive sockets), beside
// the fixed-response baseline measured at the same concurrency. The server
// logs at its default level (bench/server-rollcall.ts), so the figures are
// what `npm start` gives. The large team holds the lookup team's users and
// the spend seeding of bench/authorize-phase.ts (shared with that group).

import type { PhaseGroup, PhaseGroupContext } from './phase-groups.js';
import type { RatioRule } from './report.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { createPhase, interleave, type PhaseResult } from './measure.js';
import { LEDGER_ROWS_PER_LOOKUP_USER, type SpendSeed } from './authorize-phase.js';

const LEVELS = [1, 16] as const;
const ROUNDS = 5;
/** At 16 in flight a slice of the 1-in-flight size is over in a blink: measure more requests. */
const MORE_AT_16 = 4;
const ID_PAGES = 10;
/** ROLLCALL_BENCH_HOT_PATH_SCALE=k measures k times the requests (steadier ratios on a busy machine, same seeding). */
const SCALE = Math.max(1, Number(process.env.ROLLCALL_BENCH_HOT_PATH_SCALE ?? 1) || 1);

function rules(): RatioRule[] {
  const out: RatioRule[] = [];
  for (const c of LEVELS) {
    const baseline = `hot-baseline-${c}`;
    for (const [phase, what] of [['hot-lookup', 'userName lookup'], ['hot-get', 'GET by id']] as const) {
      out.push({ criterion: `${what}, ${c} in flight ≤ 3× baseline (PostgreSQL)`, numerator: `${phase}-${c}`, denominator: baseline, limit: 3, kind: 'max', onlyOn: 'postgres' });
      out.push({ criterion: `${what}, ${c} in flight ≤ 2× baseline (SQLite)`, numerator: `${phase}-${c}`, denominator: baseline, limit: 2, kind: 'max', onlyOn: 'sqlite' });
    }
    out.push({ criterion: `spend authorize, ${c} in flight ≤ 3× baseline`, numerator: `hot-authorize-${c}`, denominator: baseline, limit: 3, kind: 'max' });
  }
  return out;
}

/** Users of the large team to look up: ids and userNames read over SCIM, ten pages of 100. */
async function someUsers(client: HttpClient, base: string): Promise<{ id: string; userName: string }[]> {
  const users: { id: string; userName: string }[] = [];
  for (let page = 0; page < ID_PAGES; page++) {
    const list = await client.expect<{ Resources: { id: string; userName: string }[] }>(200, 'GET', `${base}/Users?startIndex=${page * 100 + 1}&count=100&attributes=userName`);
    users.push(...list.Resources);
    if (list.Resources.length < 100) break;
  }
  if (users.length === 0) throw new Error('the large team has no users to look up');
  return users;
}

async function hotPathPhases(ctx: PhaseGroupContext): Promise<PhaseResult[]> {
  const { sizes } = ctx.options;
  const large = ctx.teams.large;
  const present = (await large.client.expect<{ totalResults: number }>(200, 'GET', `${large.base}/Users?count=0`)).totalResults;
  if (present < sizes.lookupTeam) {
    ctx.log(`seeding the large team: ${present.toLocaleString('en-US')} → ${sizes.lookupTeam.toLocaleString('en-US')} users`);
    await ctx.rollcall.call({ cmd: 'seedUsers', team: 'large', from: present, to: sizes.lookupTeam });
    await ctx.rollcall.call({ cmd: 'settle' });
  }
  const ledgerRows = sizes.lookupTeam * LEDGER_ROWS_PER_LOOKUP_USER;
  ctx.log(`seeding spend (once per run, shared with the authorize group): ${ledgerRows.toLocaleString('en-US')} ledger rows`);
  const seed = await ctx.rollcall.call<SpendSeed>({ cmd: 'seedSpend', team: 'large', ledgerRows });
  const users = await someUsers(large.client, large.base);
  const at = `${Math.max(present, sizes.lookupTeam).toLocaleString('en-US')} users`;

  const clients: HttpClient[] = [];
  const client = (port: number, headers: Record<string, string>, sockets: number, mediaType?: string) => {
    const c = createHttpClient(port, headers, { sockets, ...(mediaType ? { mediaType } : {}) });
    clients.push(c);
    return c;
  };
  const scimHeaders = { authorization: `Bearer ${large.token}` };
  const hostHeaders = { authorization: `Bearer ${seed.apiKey}` };
  const spendBase = `/api/v1/teams/${large.teamId}/spend`;
  const pick = <T>(list: T[], i: number) => list[((i * 7919) % list.length + list.length) % list.length];

  try {
    const phases = LEVELS.flatMap((c) => {
      const requests = sizes.lookupRequests * SCALE * (c === 1 ? 1 : MORE_AT_16);
      const baselineRequests = sizes.baselineRequests * SCALE * (c === 1 ? 1 : MORE_AT_16);
      const yardstick = client(ctx.baseline.ready.port, scimHeaders, c);
      const scim = client(ctx.rollcall.ready.port, scimHeaders, c);
      const host = client(ctx.rollcall.ready.port, hostHeaders, c, 'application/json');
      const spec = { requests, warmup: 100, concurrency: c };
      return [
        createPhase(ctx.baseline, 'baseline', { id: `hot-baseline-${c}`, label: `fixed-response GET (baseline), ${c} in flight`, requests: baselineRequests, warmup: 300, concurrency: c }, () =>
          yardstick.expect(200, 'GET', `${large.base}/Users/${users[0].id}`)),
        createPhase(ctx.rollcall, 'rollcall', { ...spec, id: `hot-lookup-${c}`, label: `GET /Users?filter=userName eq, ${c} in flight`, at }, async (i) => {
          const filter = encodeURIComponent(`userName eq "${pick(users, i).userName}"`);
          const list = await scim.expect<{ totalResults: number }>(200, 'GET', `${large.base}/Users?filter=${filter}`);
          if (list.totalResults !== 1) throw new Error(`userName lookup found ${list.totalResults} users`);
        }, ctx.dbCpu),
        createPhase(ctx.rollcall, 'rollcall', { ...spec, id: `hot-get-${c}`, label: `GET /Users/{id}, ${c} in flight`, at }, (i) =>
          scim.expect(200, 'GET', `${large.base}/Users/${pick(users, i).id}`), ctx.dbCpu),
        createPhase(ctx.rollcall, 'rollcall', { ...spec, id: `hot-authorize-${c}`, label: `POST /spend/authorize, ${c} in flight`, at: `${ledgerRows.toLocaleString('en-US')} ledger rows` }, (i) =>
          host.expect(200, 'POST', `${spendBase}/authorize`, { member: { id: pick(seed.targets, i) }, amount: 100, currency: 'USD' }), ctx.dbCpu),
      ];
    });
    const counts = LEVELS.flatMap((c) => {
      const k = SCALE * (c === 1 ? 1 : MORE_AT_16);
      return [sizes.baselineRequests * k, sizes.lookupRequests * k, sizes.lookupRequests * k, sizes.lookupRequests * k];
    });
    return ctx.record(await interleave(phases, ROUNDS, (i) => counts[i]));
  } finally {
    for (const c of clients) c.close();
  }
}

export const hotPath: PhaseGroup = {
  id: 'hot-path',
  description: 'userName lookup, GET by id and spend authorize at 1 and 16 in flight, beside the baseline at each, logs at the default level (bench/hot-path-phase.ts)',
  rules: rules(),
  run: hotPathPhases,
};
