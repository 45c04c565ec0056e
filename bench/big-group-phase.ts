// Issue 12, directory groups of up to 1,000,000 members: in a team of its
// own, one group holding every user (quick: 50,000) beside a group of ten.
// Member add and remove, GET without members and the membership filters
// must cost about the same on both; the full GET of the big group streams
// (members per second, server RSS growth during it and 5 s after); a PATCH
// of 1,000 members costs a bounded CPU per member.

import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { PhaseGroup, PhaseGroupContext } from './phase-groups.js';
import { createPhase, interleave, type PhaseResult, type PhaseSpec } from './measure.js';
import type { Rule } from './report.js';
import type { BigGroupSeed } from './big-group-seed.js';
import { PATCH_OP } from './fixtures.js';

const fmt = (n: number) => n.toLocaleString('en-US');
const ROUNDS = 4;
const BATCH = 1_000;
const BATCH_REQUESTS = 5;

const patch = (op: 'add' | 'remove', ids: string[]) => ({ schemas: [PATCH_OP], Operations: [{ op, path: 'members', value: ids.map((value) => ({ value })) }] });

const ratio = (criterion: string, numerator: string, denominator: string, limit: number): Rule => ({ criterion, numerator, denominator, limit, kind: 'max' });
const metric = (name: string) => (r: PhaseResult) => r.metrics?.[name] ?? Number.NaN;

export const BIG_GROUP_RULES: Rule[] = [
  ratio('big group: member add ≤ 1.3× group of 10', 'big-member-add-large', 'big-member-add-small', 1.3),
  ratio('big group: member remove ≤ 1.3× group of 10', 'big-member-remove-large', 'big-member-remove-small', 1.3),
  ratio('big group: GET without members ≤ 1.3× group of 10', 'big-get-excluded-large', 'big-get-excluded-small', 1.3),
  ratio('big group: groups.value eq first page ≤ 1.5×', 'big-filter-first-large', 'big-filter-first-small', 1.5),
  ratio('big group: groups.value eq deep page ≤ 1.5×', 'big-filter-deep-large', 'big-filter-deep-small', 1.5),
  ratio('big group: members.value eq ≤ 1.5×', 'big-members-filter-large', 'big-members-filter-small', 1.5),
  { criterion: 'big group: full GET streams ≥ 100,000 members/s', phase: 'big-get-full', value: metric('membersPerSecond'), unit: 'members/s', limit: 100_000, kind: 'min' },
  { criterion: 'big group: RSS growth during full GET ≤ 50 MB', phase: 'big-get-full', value: metric('rssGrowthMb'), unit: 'MB', limit: 50, kind: 'max' },
  { criterion: 'big group: RSS 5 s after full GET ≤ 50 MB above before', phase: 'big-get-full', value: metric('rssAfterMb'), unit: 'MB', limit: 50, kind: 'max' },
  { criterion: 'big group: PATCH of 1,000 adds ≤ 0.05 ms CPU/member (SQLite)', phase: 'big-batch-add', value: (r) => r.cpuMsPerOp + (r.dbCpuMsPerOp ?? 0), unit: 'ms', limit: 0.05, kind: 'max', onlyOn: 'sqlite' },
  { criterion: 'big group: PATCH of 1,000 removes ≤ 0.05 ms CPU/member (SQLite)', phase: 'big-batch-remove', value: (r) => r.cpuMsPerOp + (r.dbCpuMsPerOp ?? 0), unit: 'ms', limit: 0.05, kind: 'max', onlyOn: 'sqlite' },
];

export const bigGroup: PhaseGroup = {
  id: 'big-group',
  description: 'a group of 1,000,000 members (quick: 50,000) beside one of 10: member changes, filters, the streamed full GET (bench/big-group-phase.ts)',
  rules: BIG_GROUP_RULES,
  run: runBigGroup,
};

async function runBigGroup(ctx: PhaseGroupContext): Promise<PhaseResult[]> {
  const { rollcall, log } = ctx;
  const users = ctx.options.quick ? 50_000 : 1_000_000;
  const requests = ctx.options.quick ? 40 : 200;
  const team = await ctx.newTeam('big-group');
  const { client, base } = team;
  log(`big group: seeding ${fmt(users)} users and one group holding them all (set-based, in the server process)`);
  const started = performance.now();
  const seed = await rollcall.call<BigGroupSeed>({ cmd: 'run', name: 'bigGroupSeed', args: { team: 'big-group', users, extra: 200 + (BATCH_REQUESTS + 1) * BATCH } });
  log(`big group: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const results: PhaseResult[] = [];
  const phase = (spec: PhaseSpec, request: (i: number) => Promise<unknown>) => createPhase(rollcall, 'rollcall', spec, request, ctx.dbCpu);
  const groups = { large: { id: seed.bigGroupId, size: users }, small: { id: seed.smallGroupId, size: 10 } };
  const pair = async (id: string, label: string, run: (which: 'large' | 'small') => (i: number) => Promise<unknown>, warmup = 5) =>
    interleave(
      (['large', 'small'] as const).map((which) =>
        phase({ id: `${id}-${which}`, label, at: `group of ${fmt(groups[which].size)}`, requests, warmup, timeLimitMs: 120_000 }, run(which))),
      ROUNDS,
      () => requests,
    );

  // One member in and out, a different user each time; each group gets its own users.
  const singles = { large: seed.extraIds.slice(0, 100), small: seed.extraIds.slice(100, 200) };
  const single = (which: 'large' | 'small', i: number) => singles[which][(i + 100) % 100];
  results.push(...ctx.record(await pair('big-member-add', 'PATCH /Groups add 1 member', (w) => (i) => client.expect(204, 'PATCH', `${base}/Groups/${groups[w].id}`, patch('add', [single(w, i)])), 0)));
  // Back out: the remove phase removes what the add phase added (and the warm-ups of the add phase: none).
  results.push(...ctx.record(await pair('big-member-remove', 'PATCH /Groups remove 1 member', (w) => (i) => client.expect(204, 'PATCH', `${base}/Groups/${groups[w].id}`, patch('remove', [single(w, i)])), 0)));

  const filter = (f: string) => encodeURIComponent(f);
  results.push(...ctx.record(await pair('big-get-excluded', 'GET /Groups/{id}?excludedAttributes=members', (w) => () => client.expect(200, 'GET', `${base}/Groups/${groups[w].id}?excludedAttributes=members`))));
  results.push(...ctx.record(await pair('big-filter-first', 'GET /Users?filter=groups.value eq, first 10', (w) => async () => {
    const list = await client.expect<{ totalResults: number; Resources: unknown[] }>(200, 'GET', `${base}/Users?filter=${filter(`groups.value eq "${groups[w].id}"`)}&count=10`);
    if (list.totalResults !== groups[w].size || list.Resources.length !== 10) throw new Error(`groups.value eq: ${list.totalResults} users, expected ${groups[w].size}`);
  })));
  // Deep: the middle of the big group; the last five of the group of ten.
  const deep = { large: Math.floor(users / 2) + 1, small: 6 };
  results.push(...ctx.record(await pair('big-filter-deep', 'GET /Users?filter=groups.value eq, deep 5', (w) => async () => {
    const list = await client.expect<{ Resources: unknown[] }>(200, 'GET', `${base}/Users?filter=${filter(`groups.value eq "${groups[w].id}"`)}&count=5&startIndex=${deep[w]}`);
    if (list.Resources.length !== 5) throw new Error(`groups.value eq deep page: ${list.Resources.length} users`);
  })));
  const member = { large: seed.bigOnlyUser, small: seed.smallOnlyUser };
  results.push(...ctx.record(await pair('big-members-filter', 'GET /Groups?filter=members.value eq', (w) => async () => {
    const list = await client.expect<{ totalResults: number }>(200, 'GET', `${base}/Groups?filter=${filter(`members.value eq "${member[w]}"`)}&excludedAttributes=members`);
    if (list.totalResults !== 1) throw new Error(`members.value eq: ${list.totalResults} groups`);
  })));

  results.push(...ctx.record([await fullGet(ctx, team.token, base, seed.bigGroupId, users)]));

  // 1,000 members per PATCH into and out of the big group.
  const batch = (i: number) => seed.extraIds.slice(200 + (i + 1) * BATCH, 200 + (i + 2) * BATCH);
  const batchSpec = (op: 'add' | 'remove'): PhaseSpec => ({
    id: `big-batch-${op}`, label: `PATCH /Groups ${op} 1,000 members; per member`, at: `group of ${fmt(users)}`, requests: BATCH_REQUESTS, unitsPerRequest: BATCH, warmup: 1, timeLimitMs: 120_000,
  });
  const add = phase(batchSpec('add'), (i) => client.expect(204, 'PATCH', `${base}/Groups/${seed.bigGroupId}`, patch('add', batch(i))));
  await add.run();
  const remove = phase(batchSpec('remove'), (i) => client.expect(204, 'PATCH', `${base}/Groups/${seed.bigGroupId}`, patch('remove', batch(i))));
  await remove.run();
  results.push(...ctx.record([add.result(), remove.result()]));
  return results;
}

/**
 * The full GET of the big group, read off the socket as fast as it comes and
 * thrown away; the server's RSS is sampled meanwhile over IPC, then 5 s
 * after (after a collection).
 */
async function fullGet(ctx: PhaseGroupContext, token: string, base: string, groupId: string, members: number): Promise<PhaseResult> {
  const { rollcall } = ctx;
  const memory = (gc: boolean) => rollcall.call<{ rssMb: number }>({ cmd: 'run', name: 'bigGroupMemory', args: { gc } });
  // V8 gives memory back to the system some time after a collection: settle first, so seeding's garbage is not counted as "before".
  await memory(true);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const before = (await memory(true)).rssMb;
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, (await memory(false)).rssMb);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const cpuBefore = await rollcall.cpu();
  const startUs = Number(process.hrtime.bigint() / 1000n);
  const start = performance.now();
  const { bytes, tail } = await new Promise<{ bytes: number; tail: string }>((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: rollcall.ready.port, path: `${base}/Groups/${groupId}`, headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json' } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`full GET answered ${response.statusCode}`));
      let bytes = 0;
      let tail = '';
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        tail = (tail + chunk.subarray(Math.max(0, chunk.length - 400)).toString('latin1')).slice(-400);
      });
      response.on('end', () => resolve({ bytes, tail }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
  const wallMs = performance.now() - start;
  const endUs = Number(process.hrtime.bigint() / 1000n);
  const cpuAfter = await rollcall.cpu();
  sampling = false;
  await sampler;
  if (!tail.includes('"meta"')) throw new Error(`full GET of the big group ended unexpectedly (${bytes} bytes)`);
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const after = (await memory(true)).rssMb;
  const cpuUs = cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system;
  const membersPerSecond = members / (wallMs / 1000);
  ctx.log(`big group: full GET of ${fmt(members)} members, ${(bytes / 1048576).toFixed(1)} MB in ${(wallMs / 1000).toFixed(2)} s (${fmt(Math.round(membersPerSecond))} members/s); RSS ${before.toFixed(0)} MB → peak ${peak.toFixed(0)} MB → ${after.toFixed(0)} MB 5 s after`);
  return {
    id: 'big-get-full',
    label: 'GET /Groups/{id} with every member; per member',
    server: 'rollcall',
    at: `group of ${fmt(members)}`,
    requests: 1,
    unitsPerRequest: members,
    cpuMsPerOp: cpuUs / 1000 / members,
    systemCpuMsPerOp: (cpuAfter.system - cpuBefore.system) / 1000 / members,
    wallMsPerOp: wallMs / members,
    truncated: false,
    metrics: { membersPerSecond, rssGrowthMb: peak - before, rssAfterMb: after - before, rssBeforeMb: before, megabytes: bytes / 1048576 },
    windowsUs: [[startUs, endUs]],
  };
}
