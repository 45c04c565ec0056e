// Admin limit changes on a big team (issue 12): a team of 100,000 members
// (quick: 10,000), a group of half of them, a tenth-size group that overlaps
// it with a limit of its own, a few smaller groups and overrides. Each admin
// request (set the default, change it, set and clear the big group's limit,
// preview a default and a group change) is measured alone: its wall time
// (the bound is 1 s each) and server CPU. After each write the number of
// spend.limit_changed events written must equal the affectedMembers it
// answered, or the run fails.

import http from 'node:http';
import { createHttpClient, type HttpClient } from './http-client.js';
import { measurePhase, type PhaseResult } from './measure.js';
import type { PhaseGroup, PhaseGroupContext } from './phase-groups.js';
import type { AbsoluteRule } from './report.js';
import type { BigTeamSeed, BigTeamSeedArgs } from './big-team-limits-seed.js';

const TEAM = 'big-limits';
const WALL_LIMIT_MS = 1_000;

const PHASES = [
  { id: 'limits-default-set', label: 'PUT /spend/default (first set)' },
  { id: 'limits-default-change', label: 'PUT /spend/default (change)' },
  { id: 'limits-group-set', label: 'PUT /spend/group-limits/:big' },
  { id: 'limits-group-clear', label: 'DELETE /spend/group-limits/:big' },
  { id: 'limits-preview-default', label: 'POST /spend/preview (default)' },
  { id: 'limits-preview-group', label: 'POST /spend/preview (big group)' },
] as const;

/** Signs in with the seeded link; the session cookie and CSRF token the admin API takes. */
function signIn(port: number, link: string): Promise<{ cookie: string; csrf: string }> {
  const payload = JSON.stringify({ link });
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/admin/sessions', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 201) return reject(new Error(`admin sign-in answered ${response.statusCode}: ${text.slice(0, 300)}`));
          const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
          resolve({ cookie, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

async function run(ctx: PhaseGroupContext): Promise<PhaseResult[]> {
  const members = ctx.options.quick ? 10_000 : 100_000;
  const team = await ctx.newTeam(TEAM);
  ctx.log(`seeding ${members.toLocaleString('en-US')} members set-based, a group of half of them, an overlapping tenth and three small groups`);
  const args: BigTeamSeedArgs = {
    team: TEAM,
    members,
    groups: [
      { name: 'big', every: 2, offset: 0 },
      { name: 'tenth', every: 10, offset: 0 },
      { name: 'small-a', every: 100, offset: 1 },
      { name: 'small-b', every: 250, offset: 2 },
      { name: 'small-c', every: 1_000, offset: 4 },
    ],
  };
  const seed = await ctx.rollcall.call<BigTeamSeed>({ cmd: 'run', name: 'bigTeamSeed', args });
  await ctx.rollcall.call({ cmd: 'settle' });
  const session = await signIn(ctx.rollcall.ready.port, seed.signInLink);
  const headers = { accept: 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf };
  const withBody: HttpClient = createHttpClient(ctx.rollcall.ready.port, { ...headers, 'content-type': 'application/json' });
  // A DELETE has no body, so it must not say it has JSON.
  const withoutBody: HttpClient = createHttpClient(ctx.rollcall.ready.port, headers);
  const admin = { expect: <T>(status: number, method: string, path: string, body?: unknown) => (body === undefined ? withoutBody : withBody).expect<T>(status, method, path, body) };
  const base = `/api/admin/teams/${team.teamId}/spend`;
  const big = seed.groupIds.big;
  const at = `${members.toLocaleString('en-US')} members, group ${seed.memberCounts.big.toLocaleString('en-US')}`;
  const events = () => ctx.rollcall.call<number>({ cmd: 'run', name: 'bigTeamLimitChanged', args: { team: TEAM } });

  /** One measured phase; each write's events are counted against its affectedMembers. */
  async function phase(id: (typeof PHASES)[number]['id'], requests: number, send: (i: number) => Promise<{ affectedMembers: number }>, writes = true): Promise<PhaseResult> {
    const label = PHASES.find((p) => p.id === id)?.label as string;
    let maxWall = 0;
    let affected = 0;
    const before = writes ? await events() : 0;
    const result = await measurePhase(ctx.rollcall, 'rollcall', { id, label, at, requests }, async (i) => {
      const start = performance.now();
      const answer = await send(i);
      maxWall = Math.max(maxWall, performance.now() - start);
      affected += answer.affectedMembers;
    }, ctx.dbCpu);
    if (writes) {
      const written = (await events()) - before;
      if (written !== affected) throw new Error(`${id}: ${written} spend.limit_changed events written for ${affected} affectedMembers`);
      ctx.log(`  ${id}: ${written.toLocaleString('en-US')} events written = affectedMembers`);
    }
    return { ...result, metrics: { maxWallMs: maxWall, affectedMembersPerRequest: affected / Math.max(1, result.requests) } };
  }

  try {
    const results: PhaseResult[] = [];
    results.push(await phase('limits-default-set', 1, () => admin.expect(200, 'PUT', `${base}/default`, { amount: 10_000 })));
    // Unmeasured: the overlapping tenth and the small groups get limits, a few members overrides.
    await admin.expect(200, 'PUT', `${base}/group-limits/${seed.groupIds.tenth}`, { amount: 30_000, mode: 'soft' });
    for (const name of ['small-a', 'small-b', 'small-c']) await admin.expect(200, 'PUT', `${base}/group-limits/${seed.groupIds[name]}`, { amount: 25_000 });
    for (const userId of seed.sampleUserIds) await admin.expect(200, 'PUT', `${base}/overrides/${userId}`, { amount: 500 });
    results.push(await phase('limits-default-change', 3, (i) => admin.expect(200, 'PUT', `${base}/default`, { amount: 11_000 + i * 1_000, mode: i % 2 === 0 ? 'soft' : 'hard' })));
    results.push(await phase('limits-preview-default', 5, (i) => admin.expect(200, 'POST', `${base}/preview`, { target: 'default', amount: 20_000 + i }), false));
    results.push(await phase('limits-preview-group', 5, (i) => admin.expect(200, 'POST', `${base}/preview`, { target: 'group', groupId: big, amount: 40_000 + i }), false));
    // Set and clear alternate, so each clear has a limit to clear and each set a group without one.
    const set = { results: [] as PhaseResult[] };
    const clear = { results: [] as PhaseResult[] };
    for (let r = 0; r < 2; r++) {
      set.results.push(await phase('limits-group-set', 1, () => admin.expect(200, 'PUT', `${base}/group-limits/${big}`, { amount: 40_000 + r })));
      clear.results.push(await phase('limits-group-clear', 1, () => admin.expect(200, 'DELETE', `${base}/group-limits/${big}`)));
    }
    results.push(merge(set.results), merge(clear.results));
    return ctx.record(results);
  } finally {
    withBody.close();
    withoutBody.close();
  }
}

/** One result of several one-request runs of the same phase. */
function merge(list: PhaseResult[]): PhaseResult {
  const n = list.length;
  const mean = (f: (r: PhaseResult) => number) => list.reduce((s, r) => s + f(r), 0) / n;
  const first = list[0];
  return {
    ...first,
    requests: n,
    cpuMsPerOp: mean((r) => r.cpuMsPerOp),
    systemCpuMsPerOp: mean((r) => r.systemCpuMsPerOp),
    ...(first.dbCpuMsPerOp !== undefined ? { dbCpuMsPerOp: mean((r) => r.dbCpuMsPerOp ?? 0) } : {}),
    wallMsPerOp: mean((r) => r.wallMsPerOp),
    windowsUs: list.flatMap((r) => r.windowsUs),
    metrics: { maxWallMs: Math.max(...list.map((r) => r.metrics?.maxWallMs ?? 0)), affectedMembersPerRequest: mean((r) => r.metrics?.affectedMembersPerRequest ?? 0) },
  };
}

const RULES: AbsoluteRule[] = PHASES.map((p) => ({
  criterion: `${p.label}: slowest ≤ ${WALL_LIMIT_MS} ms`,
  phase: p.id,
  value: (r: PhaseResult) => r.metrics?.maxWallMs ?? r.wallMsPerOp,
  unit: 'ms',
  limit: WALL_LIMIT_MS,
  kind: 'max',
}));

export const bigTeamLimits: PhaseGroup = {
  id: 'big-team-limits',
  description: 'admin limit changes and previews on a 100,000-member team, events counted against affectedMembers (bench/big-team-limits-phase.ts)',
  rules: RULES,
  run,
};
