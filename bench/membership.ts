// Group membership one member at a time, at both ends of a group's size.
// Two groups of the same team: one empty, one seeded to its full size less
// `edge` members. Adds to the empty group ("first") and to the full one
// ("last") alternate in slices, then removes do, so both ends of each
// comparison run under the same machine load.

import type { Phase, PhaseResult, PhaseSpec } from './measure.js';
import { interleave } from './measure.js';
import type { ServerProcess } from './ipc.js';
import type { HttpClient } from './http-client.js';
import type { Sizes } from './options.js';
import { addMember, benchGroup, removeMember } from './fixtures.js';

export interface MembershipContext {
  sizes: Sizes;
  rollcall: ServerProcess;
  client: HttpClient;
  base: string;
  /** The users of the team, by number; at least `groupSize` of them. */
  ids: string[];
  phase: (spec: PhaseSpec, request: (i: number) => Promise<unknown>) => Phase;
  distinct: (count: number, below: number) => number[];
  log: (line: string) => void;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const ROUNDS = 5;
const CYCLES = 3;

export async function membershipPhases(ctx: MembershipContext): Promise<PhaseResult[]> {
  const { sizes, rollcall, client, base, ids, phase } = ctx;
  const { edge, groupSize } = sizes;
  const createGroup = async (name: string) => (await client.expect<{ id: string }>(201, 'POST', `${base}/Groups`, benchGroup(name))).id;
  const patchGroup = (groupId: string, body: unknown) => client.expect(204, 'PATCH', `${base}/Groups/${groupId}`, body);
  const empty = await createGroup('bench-empty');
  const full = await createGroup('bench-full');

  ctx.log(`seeding ${fmt(groupSize - edge)} memberships of one group (store, 1,000 per transaction)`);
  const seeded = await rollcall.call<number>({ cmd: 'seedMembers', team: 'large', groupId: full, userIds: ids.slice(0, groupSize - edge) });
  if (seeded !== groupSize - edge) throw new Error(`seeded ${seeded} memberships, expected ${groupSize - edge}`);
  await rollcall.call({ cmd: 'settle' });

  // 100 operations are a tenth of a second of CPU, where one GC pause
  // shows: the cycle of adds then removes runs CYCLES times, each keeping
  // both groups at their sizes (the full one between size - edge and size).
  let members = ids.slice(0, groupSize - edge);
  let entering = ids.slice(groupSize - edge, groupSize);
  let leaving: string[] = [];
  const addFirst = phase({ id: 'member-add-first', label: 'PATCH /Groups add 1 member (first)', at: `0 → ${edge} members, ×${CYCLES}`, requests: edge * CYCLES }, (i) =>
    patchGroup(empty, addMember(ids[i % edge])),
  );
  const addLast = phase({ id: 'member-add-last', label: 'PATCH /Groups add 1 member (last)', at: `${fmt(groupSize - edge)} → ${fmt(groupSize)} members, ×${CYCLES}`, requests: edge * CYCLES }, (i) =>
    patchGroup(full, addMember(entering[i % edge])),
  );
  const removeFirst = phase({ id: 'member-remove-first', label: 'PATCH /Groups remove 1 member (first)', at: `${edge} → 0 members, ×${CYCLES}`, requests: edge * CYCLES }, (i) =>
    patchGroup(empty, removeMember(ids[i % edge])),
  );
  const removeLast = phase({ id: 'member-remove-last', label: 'PATCH /Groups remove 1 member (last)', at: `${fmt(groupSize)} → ${fmt(groupSize - edge)} members, ×${CYCLES}`, requests: edge * CYCLES }, (i) =>
    patchGroup(full, removeMember(leaving[i % edge])),
  );
  for (let c = 0; c < CYCLES; c++) {
    await interleave([addFirst, addLast], ROUNDS, () => edge);
    members = [...members, ...entering];
    const out = new Set(ctx.distinct(edge, members.length));
    leaving = members.filter((_, k) => out.has(k));
    members = members.filter((_, k) => !out.has(k));
    await interleave([removeFirst, removeLast], ROUNDS, () => edge);
    entering = leaving;
  }
  return [addFirst.result(), addLast.result(), removeFirst.result(), removeLast.result()];
}
