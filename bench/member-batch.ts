// Issue 12, first slice: memberships in batches and the membership filter.
// A fresh group of the large team grows by PATCHes of `batchSize` values
// each (CPU per member), then `GET /Users?filter=groups.value eq "<id>"`
// reads a first page of it and of a small group in alternating slices, then
// the same PATCHes remove the members again.

import type { Phase, PhaseResult, PhaseSpec } from './measure.js';
import { interleave } from './measure.js';
import type { ServerProcess } from './ipc.js';
import type { HttpClient } from './http-client.js';
import type { Sizes } from './options.js';
import { benchGroup, PATCH_OP } from './fixtures.js';

export interface MemberBatchContext {
  sizes: Sizes;
  rollcall: ServerProcess;
  client: HttpClient;
  base: string;
  /** The users of the team, by number; at least `(batchRequests + 1) × batchSize` of them. */
  ids: string[];
  phase: (spec: PhaseSpec, request: (i: number) => Promise<unknown>) => Phase;
  log: (line: string) => void;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const ROUNDS = 5;

const members = (op: 'add' | 'remove', userIds: string[]) => ({
  schemas: [PATCH_OP],
  Operations: [{ op, path: 'members', value: userIds.map((value) => ({ value })) }],
});

export async function memberBatchPhases(ctx: MemberBatchContext): Promise<PhaseResult[]> {
  const { sizes, rollcall, client, base, ids, phase } = ctx;
  const { batchSize, batchRequests, filterSmallGroup } = sizes;
  const total = (batchRequests + 1) * batchSize;
  if (ids.length < total) throw new Error(`member batches need ${fmt(total)} users, the team has ${fmt(ids.length)}`);
  const createGroup = async (name: string) => (await client.expect<{ id: string }>(201, 'POST', `${base}/Groups`, benchGroup(name))).id;
  const large = await createGroup('bench-batch');
  const small = await createGroup('bench-batch-small');
  await rollcall.call({ cmd: 'seedMembers', team: 'large', groupId: small, userIds: ids.slice(total - filterSmallGroup, total) });
  // Request i (from -1, the warm-up) names users (i + 1) × batchSize onwards.
  const batch = (i: number) => ids.slice((i + 1) * batchSize, (i + 2) * batchSize);
  const spec = (op: 'add' | 'remove'): PhaseSpec => ({
    id: `member-batch-${op}`,
    label: `PATCH /Groups ${op} ${fmt(batchSize)} members; per member`,
    at: op === 'add' ? `0 → ${fmt(total)} members` : `${fmt(total)} → 0 members`,
    requests: batchRequests,
    unitsPerRequest: batchSize,
    warmup: 1,
    timeLimitMs: 90_000,
  });
  ctx.log(`member batches: ${batchRequests} + 1 PATCHes of ${fmt(batchSize)} members`);
  const add = phase(spec('add'), (i) => client.expect(204, 'PATCH', `${base}/Groups/${large}`, members('add', batch(i))));
  await add.run();
  await rollcall.call({ cmd: 'settle' });

  const page = (groupId: string, size: number, which: 'small' | 'large') =>
    phase({ id: `groups-filter-${which}`, label: 'GET /Users?filter=groups.value eq (first page)', at: `group of ${fmt(size)} in ${fmt(ids.length)} users`, requests: sizes.pageRequests, warmup: 5, timeLimitMs: 60_000 }, async () => {
      const filter = encodeURIComponent(`groups.value eq "${groupId}"`);
      const list = await client.expect<{ totalResults: number; Resources: unknown[] }>(200, 'GET', `${base}/Users?filter=${filter}&count=100`);
      if (list.totalResults !== size || list.Resources.length !== Math.min(100, size)) throw new Error(`groups.value eq: ${list.totalResults} users, expected ${size}`);
    });
  const filters = await interleave([page(small, filterSmallGroup, 'small'), page(large, total, 'large')], ROUNDS, () => sizes.pageRequests);

  const remove = phase(spec('remove'), (i) => client.expect(204, 'PATCH', `${base}/Groups/${large}`, members('remove', batch(i))));
  await remove.run();
  return [add.result(), remove.result(), ...filters];
}
