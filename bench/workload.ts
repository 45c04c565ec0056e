// The IdP-shaped workload. Teams are seeded in the server process; every
// measured operation is an HTTP request. Whatever a criterion compares runs
// in alternating slices (baseline and lookups; a page of the small team and
// of the large one; the empty and the full group; POSTs and Bulks), so a busy
// neighbour on the machine weighs on both sides of a ratio alike.

import type { BenchTeam, ServerProcess } from './ipc.js';
import type { Sizes } from './options.js';
import type { HttpClient } from './http-client.js';
import { createPhase, interleave, type DbCpu, type PhaseResult, type PhaseSpec } from './measure.js';
import { benchUser, bulkCreate, replaceDisplayName, userNameOf } from './fixtures.js';
import { membershipPhases } from './membership.js';
import { memberBatchPhases } from './member-batch.js';
import { warmUp } from './warmup.js';

export interface TeamHandle {
  client: HttpClient;
  /** `/scim/v2/<teamId>` */
  base: string;
}

export interface WorkloadContext {
  sizes: Sizes;
  rollcall: ServerProcess;
  baseline: ServerProcess;
  teams: Record<BenchTeam, TeamHandle>;
  /** Client of the fixed-response server, sending the same headers. */
  baselineClient: HttpClient;
  dbCpu?: DbCpu;
  log: (line: string) => void;
}

const ROUNDS = 5;

/** Deterministic picks, so two runs send the same requests. */
function random(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');

export async function runWorkload(ctx: WorkloadContext): Promise<PhaseResult[]> {
  const { sizes, rollcall, log } = ctx;
  const { small, large } = ctx.teams;
  const results: PhaseResult[] = [];
  const pick = random(7643);
  const distinct = (count: number, below: number) => {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, below)) chosen.add(pick(below));
    return [...chosen];
  };
  const record = (list: PhaseResult[]) => {
    for (const r of list) {
      results.push(r);
      const db = r.dbCpuMsPerOp === undefined ? '' : ` + ${r.dbCpuMsPerOp.toFixed(3)} ms PostgreSQL`;
      log(`  ${`${r.label} `.padEnd(44, '.')} ${(r.at ?? '').padEnd(31)} ${r.cpuMsPerOp.toFixed(3)} ms CPU/op${db}`);
    }
  };
  const phase = (spec: PhaseSpec, request: (i: number) => Promise<unknown>) => createPhase(rollcall, 'rollcall', spec, request, ctx.dbCpu);
  const ids: Record<'small' | 'large', string[]> = { small: [], large: [] };
  const grow = async (team: 'small' | 'large', to: number) => {
    log(`seeding the ${team} team: ${fmt(ids[team].length)} → ${fmt(to)} users (services.users.create in the server process)`);
    ids[team].push(...(await rollcall.call<string[]>({ cmd: 'seedUsers', team, from: ids[team].length, to })));
    await rollcall.call({ cmd: 'settle' });
  };

  log('warming up on a team of its own');
  await warmUp(rollcall, ctx.teams.warmup.client, ctx.teams.warmup.base);
  await rollcall.call({ cmd: 'settle' });

  await grow('small', sizes.smallTeam);
  await grow('large', sizes.lookupTeam);
  const at = `${fmt(sizes.lookupTeam)} users`;
  record(await interleave([
    createPhase(ctx.baseline, 'baseline', { id: 'baseline-get', label: 'fixed-response GET (baseline)', requests: sizes.baselineRequests, warmup: 500 }, () =>
      ctx.baselineClient.expect(200, 'GET', `${large.base}/Users/${ids.large[0]}`),
    ),
    phase({ id: 'lookup-username', label: 'GET /Users?filter=userName eq "…"', at, requests: sizes.lookupRequests, warmup: 100 }, async () => {
      const filter = encodeURIComponent(`userName eq "${userNameOf(pick(sizes.lookupTeam))}"`);
      const list = await large.client.expect<{ totalResults: number }>(200, 'GET', `${large.base}/Users?filter=${filter}`);
      if (list.totalResults !== 1) throw new Error(`userName lookup found ${list.totalResults} users`);
    }),
    phase({ id: 'get-by-id', label: 'GET /Users/{id}', at, requests: sizes.lookupRequests, warmup: 100 }, () =>
      large.client.expect(200, 'GET', `${large.base}/Users/${ids.large[pick(sizes.lookupTeam)]}`),
    ),
  ], ROUNDS, (i) => [sizes.baselineRequests, sizes.lookupRequests, sizes.lookupRequests][i]));

  const patched = distinct(sizes.patchRequests + 50, sizes.lookupTeam);
  const patchUser = phase({ id: 'patch-user', label: 'PATCH /Users/{id} replace displayName', at, requests: sizes.patchRequests, warmup: 50 }, (i) =>
    large.client.expect(200, 'PATCH', `${large.base}/Users/${ids.large[patched[i + 50]]}`, replaceDisplayName(`Renamed ${i + 50}`)),
  );
  await patchUser.run();
  record([patchUser.result()]);

  await grow('large', sizes.largeTeam);
  const page = (team: TeamHandle, size: number, where: 'first' | 'middle') => {
    const startIndex = where === 'first' ? 1 : Math.floor(size / 2) + 1;
    const id = `page-${where}-${team === small ? 'small' : 'large'}`;
    return phase({ id, label: `GET /Users page of 100 (${where})`, at: `${fmt(size)} users, startIndex ${fmt(startIndex)}`, requests: sizes.pageRequests, warmup: 20 }, async () => {
      const list = await team.client.expect<{ Resources: unknown[] }>(200, 'GET', `${team.base}/Users?startIndex=${startIndex}&count=100`);
      if (list.Resources.length !== 100) throw new Error(`a page of ${list.Resources.length} users, expected 100`);
    });
  };
  record(await interleave([
    page(small, sizes.smallTeam, 'first'),
    page(large, sizes.largeTeam, 'first'),
    page(small, sizes.smallTeam, 'middle'),
    page(large, sizes.largeTeam, 'middle'),
  ], ROUNDS, () => sizes.pageRequests));

  record(await membershipPhases({ sizes, rollcall, client: large.client, base: large.base, ids: ids.large, phase, distinct, log }));
  record(await memberBatchPhases({ sizes, rollcall, client: large.client, base: large.base, ids: ids.large, phase, log }));

  let next = sizes.largeTeam;
  record(await interleave([
    phase({ id: 'create-post', label: 'POST /Users (one user per request)', at: `${fmt(next)}+ users`, requests: sizes.postRequests, warmup: 50 }, () =>
      large.client.expect(201, 'POST', `${large.base}/Users`, benchUser(next++)),
    ),
    phase({ id: 'create-bulk', label: `POST /Bulk (${fmt(sizes.bulkSize)} creates per request)`, at: `${fmt(next)}+ users`, requests: sizes.bulkRequests, unitsPerRequest: sizes.bulkSize, warmup: 1 }, async (i) => {
      const size = i < 0 ? 100 : sizes.bulkSize;
      const response = await large.client.expect<{ Operations: { status: string }[] }>(200, 'POST', `${large.base}/Bulk`, bulkCreate(next, next + size));
      next += size;
      const failed = response.Operations.filter((op) => op.status !== '201');
      if (response.Operations.length !== size || failed.length > 0) throw new Error(`bulk: ${failed.length} of ${size} creates failed (${JSON.stringify(failed[0])})`);
    }),
  ], sizes.bulkRequests, (i) => (i === 0 ? sizes.postRequests : sizes.bulkRequests)));
  return results;
}
