// Whom a default or group change reaches, counted and written set-based
// (limit-fanout-repository.ts), checked against the limits the member reads
// compute one member at a time: every member whose limit the change moves
// gets one event, in order, numbered on without gaps, and the preview (count,
// sample, what-if) says the same before the write. The cases the set-based
// statements single out are all in play: a member with an override who is
// also in a limited group (counted once among those the default skips), a
// suspended member in the changed group, a nested group as a member of the
// changed group (not a user: never an event), and a second team in the same
// database with its own members, groups, limits and spend, which no count,
// sample, what-if or event of the first may include.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameLimit, type EffectiveLimit } from '../../src/domain/spend/effective-limit.js';
import { DIALECTS } from '../helpers/test-app.js';
import { createSpendTestApp, PATCH_OP, type SpendTestApp } from './spend-test-app.js';

describe.each(DIALECTS)('scope of set-based limit changes, beside another team (%s)', (dialect) => {
  let t: SpendTestApp;
  let other: string;
  const u: Record<string, string> = {};
  const g: Record<string, string> = {};
  const otherUsers: string[] = [];
  let seenSeq = 0;
  let n = 0;

  const usage = (teamId: string, member: string, amount: number, occurredAt: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/teams/${teamId}/spend/usage`,
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ eventId: `s${++n}`, member: { id: member }, amount, currency: 'USD', occurredAt }),
    });

  /** Every member's limit as the member reads compute it (not the fan-out's SQL). */
  async function limits(): Promise<Map<string, { limit: EffectiveLimit; active: boolean; userName: string }>> {
    const page = await t.services.spend.membersSpend(t.teamId, 1, 1_000);
    return new Map(page.items.map((i) => [i.member.id, { limit: i.limit as EffectiveLimit, active: i.member.active, userName: i.member.userName }]));
  }

  async function teamEvents(teamId: string, after: number) {
    const all = await t.services.store.events.listAfter(t.services.store.db, teamId, after, 100_000);
    return all;
  }

  /** Previews, applies and checks one change against the members' limits before and after. */
  async function check(preview: Record<string, unknown>, method: 'PUT' | 'DELETE', path: string, body: unknown, order: (a: string, b: string) => number) {
    const before = await limits();
    const otherBefore = await teamEvents(other, 0);
    const p = await t.adminApi('POST', '/preview', preview);
    expect(p.statusCode).toBe(200);
    const res = await t.adminApi(method, path, body);
    expect(res.statusCode).toBe(200);
    const after = await limits();
    const changed = [...before.keys()].filter((id) => before.get(id)?.active && !sameLimit(before.get(id)?.limit as EffectiveLimit, after.get(id)?.limit as EffectiveLimit)).sort(order);
    const written = await teamEvents(t.teamId, seenSeq);
    const events = written.filter((e) => e.type === 'spend.limit_changed');
    expect(events.map((e) => e.resourceId)).toEqual(changed);
    for (const e of events) {
      const id = e.resourceId as string;
      expect(e.data).toMatchObject({ member: { id, userName: before.get(id)?.userName }, previous: before.get(id)?.limit, current: after.get(id)?.limit });
    }
    expect(written.map((e) => e.seq)).toEqual(written.map((_, i) => seenSeq + i + 1));
    if (written.length) seenSeq = written[written.length - 1].seq;
    expect(res.json().affectedMembers).toBe(changed.length);
    expect(p.json().affectedMembers).toBe(changed.length);
    expect(p.json().sample.map((s: { member: { id: string } }) => s.member.id)).toEqual(changed.slice(0, 20));
    // The other team's stream is untouched.
    expect(await teamEvents(other, 0)).toEqual(otherBefore);
    return { preview: p.json(), changed };
  }

  const bySeq = (ids: string[]) => (a: string, b: string) => ids.indexOf(a) - ids.indexOf(b);
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    // The other team first, so its users' seqs come before and between ours.
    other = (await t.services.teams.create({ slug: `other-${Math.random().toString(16).slice(2, 8)}` })).id;
    for (let i = 0; i < 6; i++) otherUsers.push((await t.services.users.create(other, { userName: `x${i}` })).user.id);
    for (const name of ['ann', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal']) u[name] = await t.user(name);
    for (let i = 6; i < 9; i++) otherUsers.push((await t.services.users.create(other, { userName: `x${i}` })).user.id);
    const otherGroup = (await t.services.groups.create(other, { displayName: 'Theirs', members: otherUsers.map((value) => ({ value })) })).group.id;
    g.nested = await t.group('Nested', [u.dan]);
    g.team = await t.group('Team', [u.ann, u.bob, u.cat, g.nested, u.gus]);
    g.side = await t.group('Side', [u.ann, u.eve]);
    // bob is suspended (in the changed group); cat has an override and is in a limited group.
    await t.services.users.patch(t.teamId, u.bob, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] });
    // October is the last closed period (the clock is on 2026-11-10): spend in both teams.
    for (const [id, amount] of [[u.ann, 700], [u.cat, 900], [u.dan, 300], [u.fay, 800], [u.gus, 50]] as const) expect((await usage(t.teamId, id, amount, '2026-10-05T10:00:00Z')).statusCode).toBe(201);
    for (const id of otherUsers) expect((await usage(other, id, 10_000, '2026-10-05T10:00:00Z')).statusCode).toBe(201);
    // The other team has a default, a group limit and an override of its own.
    await t.services.spend.policy.setDefault(other, { kind: 'admin', accountId: null, email: 'o@example.com' }, { amount: 1 });
    await t.services.spend.policy.setGroupLimit(other, { kind: 'admin', accountId: null, email: 'o@example.com' }, otherGroup, { amount: 2 });
    await t.services.spend.policy.setOverride(other, { kind: 'admin', accountId: null, email: 'o@example.com' }, otherUsers[0], { amount: 3 });
    const rows = await teamEvents(t.teamId, 0);
    seenSeq = rows.length ? rows[rows.length - 1].seq : 0;
  });
  afterAll(async () => t.close());

  it('counts, samples, replays and writes exactly the members each change moves, in order', async () => {
    const order = Object.values(u);
    const side = await check({ target: 'group', groupId: g.side, amount: 600 }, 'PUT', `/group-limits/${g.side}`, { amount: 600 }, byId);
    expect(side.changed.sort()).toEqual([u.ann, u.eve].sort());
    expect(await t.adminApi('PUT', `/overrides/${u.cat}`, { amount: 5_000 })).toMatchObject({ statusCode: 200 });
    await t.adminApi('PUT', `/group-limits/${g.team}`, { amount: 400, mode: 'soft' });
    seenSeq = (await teamEvents(t.teamId, 0)).at(-1)?.seq ?? 0;

    // The default reaches active members in no limited group and without an override: dan (only in a nested group), fay, hal.
    const def = await check({ target: 'default', amount: 500 }, 'PUT', '/default', { amount: 500 }, bySeq(order));
    expect(def.changed).toEqual([u.dan, u.fay, u.hal]);
    expect(def.preview.whatIf).toMatchObject({ membersInScope: 3, current: { refused: 0, flagged: 0 }, proposed: { refused: 1, flagged: 0, from: '2026-10-05' } });

    // The group's active user members are ann, cat and gus: ann keeps Side's 600 (it wins over
    // Team's), cat her override, bob is suspended, the nested group is no user: gus alone changes.
    const grp = await check({ target: 'group', groupId: g.team, amount: 100 }, 'PUT', `/group-limits/${g.team}`, { amount: 100 }, byId);
    expect(grp.changed).toEqual([u.gus]);
    // The replay counts the overridden member in scope too; ann's 700 passes Side's hard 600 either way.
    expect(grp.preview.whatIf).toMatchObject({ membersInScope: 3, current: { refused: 1, flagged: 0, from: '2026-10-05' }, proposed: { refused: 1, flagged: 0, from: '2026-10-05' } });

    const clear = await check({ target: 'group', groupId: g.team, clear: true }, 'DELETE', `/group-limits/${g.team}`, undefined, byId);
    expect(clear.changed).toEqual([u.gus]);
    await check({ target: 'default', amount: 900, mode: 'soft' }, 'PUT', '/default', { amount: 900, mode: 'soft' }, bySeq(order));
  });
});
