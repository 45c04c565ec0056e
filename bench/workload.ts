// The IdP-shaped workload, phase by phase. The team grows in steps (seeded
// in the server process) and each measured phase runs real HTTP requests
// against it: paging at the small size, lookups/GET/PATCH at the lookup
// size, paging again at the large size, then one group grown to its full
// size one member at a time at both ends, then creates (POST vs Bulk).

import type { ServerProcess } from './ipc.js';
import type { Sizes } from './options.js';
import type { HttpClient } from './http-client.js';
import { measurePhase, type PhaseResult } from './measure.js';
import { addMember, benchGroup, benchUser, bulkCreate, removeMember, replaceDisplayName, userNameOf } from './fixtures.js';

export interface WorkloadContext {
  sizes: Sizes;
  rollcall: ServerProcess;
  baseline: ServerProcess;
  /** Client of the Rollcall server, with its bearer token. */
  client: HttpClient;
  /** Client of the fixed-response server, sending the same headers. */
  baselineClient: HttpClient;
  base: string;
  log: (line: string) => void;
}

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

/** Distinct picks from [0, below). */
function distinct(count: number, below: number, pick: (below: number) => number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, below)) chosen.add(pick(below));
  return [...chosen];
}

const fmt = (n: number) => n.toLocaleString('en-US');

export async function runWorkload(ctx: WorkloadContext): Promise<PhaseResult[]> {
  const { sizes, rollcall, client, base, log } = ctx;
  const results: PhaseResult[] = [];
  const ids: string[] = [];
  const pick = random(7643);
  const record = (result: PhaseResult) => {
    results.push(result);
    log(`  ${result.label.padEnd(40)} ${result.at ?? ''}  ${result.cpuMsPerOp.toFixed(3)} ms CPU/op`);
  };

  async function growTeam(to: number) {
    log(`seeding users ${fmt(ids.length)} → ${fmt(to)} (services.users.create in the server process)`);
    ids.push(...(await rollcall.call<string[]>({ cmd: 'seedUsers', from: ids.length, to })));
  }

  async function pagingPhases(size: number, suffix: string) {
    const middle = Math.floor(size / 2) + 1;
    for (const [where, startIndex] of [['first', 1], ['middle', middle]] as const) {
      record(await measurePhase(rollcall, 'rollcall', {
        id: `page-${where}-${suffix}`,
        label: `page of 100 users (${where}, startIndex=${startIndex})`,
        at: `${fmt(size)} users`,
        requests: sizes.pageRequests,
        warmup: 20,
      }, async () => {
        const page = await client.expect<{ Resources: unknown[] }>(200, 'GET', `${base}/Users?startIndex=${startIndex}&count=100`);
        if (page.Resources.length !== 100) throw new Error(`a page of ${page.Resources.length} users, expected 100`);
      }));
    }
  }

  await growTeam(sizes.smallTeam);
  await pagingPhases(sizes.smallTeam, 'small');

  await growTeam(sizes.lookupTeam);
  const at = `${fmt(sizes.lookupTeam)} users`;
  record(await measurePhase(ctx.baseline, 'baseline', { id: 'baseline-get', label: 'fixed-response GET (baseline)', requests: sizes.baselineRequests, warmup: 500 }, () =>
    ctx.baselineClient.expect(200, 'GET', `${base}/Users/${ids[0]}`),
  ));
  record(await measurePhase(rollcall, 'rollcall', { id: 'lookup-username', label: 'GET /Users?filter=userName eq', at, requests: sizes.lookupRequests, warmup: 100 }, async () => {
    const filter = encodeURIComponent(`userName eq "${userNameOf(pick(sizes.lookupTeam))}"`);
    const list = await client.expect<{ totalResults: number }>(200, 'GET', `${base}/Users?filter=${filter}`);
    if (list.totalResults !== 1) throw new Error(`userName lookup found ${list.totalResults} users`);
  }));
  record(await measurePhase(rollcall, 'rollcall', { id: 'get-by-id', label: 'GET /Users/{id}', at, requests: sizes.lookupRequests, warmup: 100 }, () =>
    client.expect(200, 'GET', `${base}/Users/${ids[pick(sizes.lookupTeam)]}`),
  ));
  const patched = distinct(sizes.patchRequests + 50, sizes.lookupTeam, pick);
  record(await measurePhase(rollcall, 'rollcall', { id: 'patch-user', label: 'PATCH /Users/{id} (replace displayName)', at, requests: sizes.patchRequests, warmup: 50 }, (i) =>
    client.expect(200, 'PATCH', `${base}/Users/${ids[patched[i + 50]]}`, replaceDisplayName(`Renamed ${i + 50}`)),
  ));

  await growTeam(sizes.largeTeam);
  await pagingPhases(sizes.largeTeam, 'large');

  await membershipPhases(ctx, ids, record);

  let next = sizes.largeTeam;
  record(await measurePhase(rollcall, 'rollcall', { id: 'create-post', label: 'POST /Users (one user per request)', at: `${fmt(next)}+ users`, requests: sizes.postRequests, warmup: 50 }, () =>
    client.expect(201, 'POST', `${base}/Users`, benchUser(next++)),
  ));
  record(await measurePhase(rollcall, 'rollcall', {
    id: 'create-bulk',
    label: `POST /Bulk (${fmt(sizes.bulkSize)} creates per request)`,
    at: `${fmt(next)}+ users`,
    requests: sizes.bulkRequests,
    unitsPerRequest: sizes.bulkSize,
    warmup: 1,
  }, async (i) => {
    const size = i < 0 ? 100 : sizes.bulkSize;
    const response = await client.expect<{ Operations: { status: string }[] }>(200, 'POST', `${base}/Bulk`, bulkCreate(next, next + size));
    next += size;
    const failed = response.Operations.filter((op) => op.status !== '201');
    if (response.Operations.length !== size || failed.length > 0) throw new Error(`bulk: ${failed.length} of ${size} creates failed (${JSON.stringify(failed[0])})`);
  }));
  return results;
}

/**
 * One group grown to `groupSize` members: the first `edge` adds and removes
 * over HTTP at an empty group, the bulk of the members seeded through the
 * store, then the last `edge` adds and `edge` removes over HTTP at full size.
 */
async function membershipPhases(ctx: WorkloadContext, ids: string[], record: (result: PhaseResult) => void): Promise<void> {
  const { sizes, rollcall, client, base, log } = ctx;
  const { edge, groupSize } = sizes;
  const patchGroup = (groupId: string, body: unknown) => client.expect(204, 'PATCH', `${base}/Groups/${groupId}`, body);
  const createGroup = async (name: string) => (await client.expect<{ id: string }>(201, 'POST', `${base}/Groups`, benchGroup(name))).id;

  // Warm-up runs against another group and other users, so the measured
  // group really starts empty.
  const spare = await createGroup('bench-warmup');
  const spareUsers = ids.slice(ids.length - 50);
  for (const id of spareUsers) await patchGroup(spare, addMember(id));
  for (const id of spareUsers) await patchGroup(spare, removeMember(id));

  const group = await createGroup('bench-members');
  record(await measurePhase(rollcall, 'rollcall', { id: 'member-add-first', label: 'PATCH /Groups add 1 member (first)', at: `0 → ${edge} members`, requests: edge }, (i) =>
    patchGroup(group, addMember(ids[i])),
  ));
  record(await measurePhase(rollcall, 'rollcall', { id: 'member-remove-first', label: 'PATCH /Groups remove 1 member (first)', at: `${edge} → 0 members`, requests: edge }, (i) =>
    patchGroup(group, removeMember(ids[i])),
  ));

  log(`seeding ${fmt(groupSize - edge)} memberships (store, 1,000 per transaction)`);
  const seeded = await rollcall.call<number>({ cmd: 'seedMembers', groupId: group, userIds: ids.slice(0, groupSize - edge) });
  if (seeded !== groupSize - edge) throw new Error(`seeded ${seeded} memberships, expected ${groupSize - edge}`);

  record(await measurePhase(rollcall, 'rollcall', { id: 'member-add-last', label: 'PATCH /Groups add 1 member (last)', at: `${fmt(groupSize - edge)} → ${fmt(groupSize)} members`, requests: edge }, (i) =>
    patchGroup(group, addMember(ids[groupSize - edge + i])),
  ));
  const leaving = distinct(edge, groupSize, random(7644));
  record(await measurePhase(rollcall, 'rollcall', { id: 'member-remove-last', label: 'PATCH /Groups remove 1 member (last)', at: `${fmt(groupSize)} → ${fmt(groupSize - edge)} members`, requests: edge }, (i) =>
    patchGroup(group, removeMember(ids[leaving[i]])),
  ));
}
