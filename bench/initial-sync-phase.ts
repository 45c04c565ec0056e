// Issue 12: an Okta-style initial sync into a new team, over HTTP, one
// request in flight: the users in `/Bulk` requests of 1,000 POST /Users,
// then the groups (POST /Groups), then their members by PATCHes of up to
// 1,000 values. Group sizes are skewed as in real directories (Zipf-like: a
// few groups of tens of thousands, most of a few dozen). The whole sync has
// a wall-time bound; single POST /Users have a CPU bound, measured after the
// sync beside the fixed-response server. The end state is checked (counts
// and a sample of memberships), so a fast wrong run cannot pass.

import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { PhaseGroup, PhaseGroupContext } from './phase-groups.js';
import { createPhase, interleave, type PhaseResult } from './measure.js';
import { benchGroup, benchUser, bulkCreate, PATCH_OP } from './fixtures.js';
import type { AbsoluteRule } from './report.js';

export interface SyncSizes {
  users: number;
  groups: number;
  /** Memberships over all groups (about). */
  memberships: number;
  /** Members of the largest group. */
  largestGroup: number;
  /** Single POST /Users measured after the sync. */
  posts: number;
}

export const FULL_SYNC: SyncSizes = { users: 100_000, groups: 1_000, memberships: 230_000, largestGroup: 50_000, posts: 500 };
export const QUICK_SYNC: SyncSizes = { users: 10_000, groups: 100, memberships: 23_000, largestGroup: 5_000, posts: 200 };

const BULK = 1_000;
const PATCH_VALUES = 1_000;
const SMALLEST_GROUP = 5;
/** Long enough for a slow machine; a run that needs it fails its wall-time rule anyway. */
const PHASE_LIMIT_MS = 30 * 60_000;
const WALL_LIMIT_S = { sqlite: 60, postgres: 120 } as const;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Group k (from 1) gets about largest / k^s members, at least SMALLEST_GROUP;
 * s is chosen so the sizes add up to `memberships`.
 */
export function groupSizes(sizes: SyncSizes): number[] {
  const at = (s: number) => Array.from({ length: sizes.groups }, (_, k) => Math.max(SMALLEST_GROUP, Math.floor(sizes.largestGroup / (k + 1) ** s)));
  const total = (s: number) => at(s).reduce((a, b) => a + b, 0);
  let low = 0.1;
  let high = 5;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (total(mid) > sizes.memberships) low = mid;
    else high = mid;
  }
  return at(high).map((n) => Math.min(n, sizes.users));
}

/** The users of group k: a window of the team, starting at a different place for each group (wrapping around). */
const membersOf = (k: number, size: number, users: number) => Array.from({ length: size }, (_, j) => (k * 7_919 + j) % users);

const addMembers = (userIds: string[]) => ({ schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: userIds.map((value) => ({ value })) }] });

/** Sums phases' figures into one result (totals, not per-op averages of averages). */
function total(id: string, label: string, at: string, parts: PhaseResult[], units: number, metrics: Record<string, number>): PhaseResult {
  const sum = (f: (r: PhaseResult) => number) => parts.reduce((a, r) => a + f(r) * r.requests * r.unitsPerRequest, 0);
  const hasDb = parts.every((r) => r.dbCpuMsPerOp !== undefined);
  return {
    id,
    label,
    server: 'rollcall',
    at,
    requests: parts.reduce((a, r) => a + r.requests, 0),
    unitsPerRequest: units / Math.max(1, parts.reduce((a, r) => a + r.requests, 0)),
    cpuMsPerOp: sum((r) => r.cpuMsPerOp) / units,
    systemCpuMsPerOp: sum((r) => r.systemCpuMsPerOp) / units,
    ...(hasDb ? { dbCpuMsPerOp: sum((r) => r.dbCpuMsPerOp as number) / units } : {}),
    wallMsPerOp: sum((r) => r.wallMsPerOp) / units,
    truncated: parts.some((r) => r.truncated),
    metrics,
    windowsUs: parts.flatMap((r) => r.windowsUs),
  };
}

/** A per-request result re-expressed per unit (members of variable-size PATCHes). */
function perUnit(r: PhaseResult, units: number): PhaseResult {
  const f = r.requests / units;
  return {
    ...r,
    unitsPerRequest: units / Math.max(1, r.requests),
    cpuMsPerOp: r.cpuMsPerOp * f,
    systemCpuMsPerOp: r.systemCpuMsPerOp * f,
    ...(r.dbCpuMsPerOp !== undefined ? { dbCpuMsPerOp: r.dbCpuMsPerOp * f } : {}),
    wallMsPerOp: r.wallMsPerOp * f,
  };
}

export async function runInitialSync(ctx: PhaseGroupContext): Promise<PhaseResult[]> {
  const sizes = ctx.options.quick ? QUICK_SYNC : FULL_SYNC;
  const db = ctx.options.db;
  const team = await ctx.newTeam('initial-sync');
  const { client, base } = team;
  const phase = (spec: Parameters<typeof createPhase>[2], request: (i: number) => Promise<unknown>) => createPhase(ctx.rollcall, 'rollcall', { timeLimitMs: PHASE_LIMIT_MS, ...spec }, request, ctx.dbCpu);
  const groupSizeList = groupSizes(sizes);
  const memberships = groupSizeList.reduce((a, b) => a + b, 0);
  const loadBefore = loadavg()[0];
  ctx.log(`initial sync: ${fmt(sizes.users)} users, ${fmt(sizes.groups)} groups (largest ${fmt(groupSizeList[0])}, median ${fmt(groupSizeList[Math.floor(sizes.groups / 2)])}), ${fmt(memberships)} memberships; load ${loadBefore.toFixed(2)}`);

  const userIds: string[] = new Array(sizes.users);
  const groupIds: string[] = new Array(sizes.groups);
  const started = performance.now();

  const usersPhase = phase(
    { id: 'sync-users', label: `initial sync: POST /Bulk of ${fmt(BULK)} users; per user`, at: `0 → ${fmt(sizes.users)} users`, requests: Math.ceil(sizes.users / BULK), unitsPerRequest: BULK },
    async (i) => {
      const from = i * BULK;
      const to = Math.min(sizes.users, from + BULK);
      const response = await client.expect<{ Operations: { status: string; location?: string }[] }>(200, 'POST', `${base}/Bulk`, bulkCreate(from, to));
      const failed = response.Operations.filter((op) => op.status !== '201');
      if (response.Operations.length !== to - from || failed.length > 0) throw new Error(`bulk: ${failed.length} of ${to - from} creates failed (${JSON.stringify(failed[0])})`);
      response.Operations.forEach((op, j) => (userIds[from + j] = (op.location as string).split('/').pop() as string));
    },
  );
  await usersPhase.run();
  const usersDone = performance.now();

  const groupsPhase = phase(
    { id: 'sync-groups', label: 'initial sync: POST /Groups', at: `0 → ${fmt(sizes.groups)} groups`, requests: sizes.groups },
    async (k) => {
      groupIds[k] = (await client.expect<{ id: string }>(201, 'POST', `${base}/Groups`, benchGroup(`sync-${k}`))).id;
    },
  );
  await groupsPhase.run();
  const groupsDone = performance.now();

  // Every PATCH of the sync in order: group k's members, PATCH_VALUES at a time.
  const patches: { k: number; users: number[] }[] = [];
  groupSizeList.forEach((size, k) => {
    const members = membersOf(k, size, sizes.users);
    for (let i = 0; i < members.length; i += PATCH_VALUES) patches.push({ k, users: members.slice(i, i + PATCH_VALUES) });
  });
  const membersPhase = phase(
    { id: 'sync-members', label: `initial sync: PATCH /Groups add ≤ ${fmt(PATCH_VALUES)} members; per member`, at: `0 → ${fmt(memberships)} memberships`, requests: patches.length },
    async (i) => {
      const { k, users } = patches[i];
      await client.expect(204, 'PATCH', `${base}/Groups/${groupIds[k]}`, addMembers(users.map((n) => userIds[n])));
    },
  );
  await membersPhase.run();
  const membersDone = performance.now();
  const loadAfter = loadavg()[0];

  await verify(ctx, team, sizes, groupSizeList, userIds, groupIds);

  const users = usersPhase.result();
  const groups = groupsPhase.result();
  const members = perUnit(membersPhase.result(), memberships);
  const seconds = (a: number, b: number) => (b - a) / 1000;
  const serverCpuMs = (r: PhaseResult) => (r.cpuMsPerOp + (r.dbCpuMsPerOp ?? 0)) * r.requests * r.unitsPerRequest;
  const metrics = {
    wallSeconds: seconds(started, membersDone),
    usersSeconds: seconds(started, usersDone),
    groupsSeconds: seconds(usersDone, groupsDone),
    membersSeconds: seconds(groupsDone, membersDone),
    serverCpuSeconds: (serverCpuMs(users) + serverCpuMs(groups) + serverCpuMs(members)) / 1000,
    cpuMsPerUser: users.cpuMsPerOp + (users.dbCpuMsPerOp ?? 0),
    cpuMsPerMembership: members.cpuMsPerOp + (members.dbCpuMsPerOp ?? 0),
    users: sizes.users,
    groups: sizes.groups,
    memberships,
    largestGroup: groupSizeList[0],
    loadBefore,
    loadAfter,
  };
  ctx.log(`initial sync: ${metrics.wallSeconds.toFixed(1)} s (users ${metrics.usersSeconds.toFixed(1)} s, groups ${metrics.groupsSeconds.toFixed(1)} s, members ${metrics.membersSeconds.toFixed(1)} s); load ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`);
  const whole = total(`initial-sync-${db}`, 'initial sync, whole (per user)', `${fmt(sizes.users)} users, ${fmt(memberships)} memberships`, [users, groups, members], sizes.users, metrics);

  // Single creates on the synced team, beside the fixed-response server.
  let next = sizes.users;
  const [baseline, posts] = await interleave(
    [
      createPhase(ctx.baseline, 'baseline', { id: 'baseline-sync', label: 'fixed-response GET (baseline, sync)', requests: sizes.posts, warmup: 50 }, () => ctx.baselineClient.expect(200, 'GET', `${base}/Users`)),
      phase({ id: 'sync-post', label: 'POST /Users (one user per request)', at: `${fmt(sizes.users)}+ users`, requests: sizes.posts, warmup: 50 }, () => client.expect(201, 'POST', `${base}/Users`, benchUser(next++))),
    ],
    5,
    () => sizes.posts,
  );
  return ctx.record([users, groups, members, whole, baseline, posts]);
}

/** Counts, and a sample of memberships read back both ways. */
async function verify(ctx: PhaseGroupContext, team: { client: PhaseGroupContext['baselineClient']; base: string }, sizes: SyncSizes, groupSizeList: number[], userIds: string[], groupIds: string[]) {
  const { client, base } = team;
  const totalOf = async (path: string) => (await client.expect<{ totalResults: number }>(200, 'GET', `${base}${path}`)).totalResults;
  const fail = (what: string) => {
    throw new Error(`initial sync ended wrong: ${what}`);
  };
  if ((await totalOf('/Users?count=0')) !== sizes.users) fail('user count');
  if ((await totalOf('/Groups?count=0')) !== sizes.groups) fail('group count');
  const sample = [0, 1, 2, Math.floor(sizes.groups / 2), sizes.groups - 1];
  for (const k of sample) {
    const filter = encodeURIComponent(`groups.value eq "${groupIds[k]}"`);
    if ((await totalOf(`/Users?filter=${filter}&count=1`)) !== groupSizeList[k]) fail(`members of group ${k}`);
    const members = membersOf(k, groupSizeList[k], sizes.users);
    for (const n of [members[0], members[members.length - 1]]) {
      const user = await client.expect<{ groups?: { value: string }[] }>(200, 'GET', `${base}/Users/${userIds[n]}`);
      if (!user.groups?.some((g) => g.value === groupIds[k])) fail(`user ${n} not in group ${k}`);
    }
  }
  ctx.log(`initial sync verified: ${fmt(sizes.users)} users, ${fmt(sizes.groups)} groups, memberships of ${sample.length} groups`);
}

const cpu = (r: PhaseResult) => r.cpuMsPerOp + (r.dbCpuMsPerOp ?? 0);
const wall = (r: PhaseResult) => r.metrics?.wallSeconds ?? Number.POSITIVE_INFINITY;

export const INITIAL_SYNC_RULES: AbsoluteRule[] = [
  { criterion: 'initial sync (SQLite) wall ≤ 60 s', phase: 'initial-sync-sqlite', value: wall, unit: 's', limit: WALL_LIMIT_S.sqlite, kind: 'max' },
  { criterion: 'initial sync (PostgreSQL) wall ≤ 120 s', phase: 'initial-sync-postgres', value: wall, unit: 's', limit: WALL_LIMIT_S.postgres, kind: 'max' },
  { criterion: 'POST /Users server CPU ≤ 1 ms', phase: 'sync-post', value: cpu, unit: 'ms', limit: 1, kind: 'max' },
];

export const initialSync: PhaseGroup = {
  id: 'initial-sync',
  description: 'an IdP initial sync into a new team: users by /Bulk, groups, members by PATCH (bench/initial-sync-phase.ts)',
  rules: INITIAL_SYNC_RULES,
  run: runInitialSync,
};
