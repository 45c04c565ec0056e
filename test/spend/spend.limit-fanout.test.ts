// The spend.limit_changed events of admin limit changes, member by member:
// written on the code that computed each member's limit in pages (before
// issue 12) and kept passing after the fan-out became set-based. A model of
// the policy (the domain's own effectiveLimit) says, for every change, which
// members must get an event, with which previous and current limit, in which
// order (the team default walks members in creation order, a group its
// members by id), and the response, the preview and the audit row must count
// the same members. Overlapping groups with equal amounts and different
// modes (the tie goes to the name), soft and hard, overrides, a suspended
// member and a userName that needs JSON escaping are all in play.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveLimit, sameLimit, type EffectiveLimit } from '../../src/domain/spend/effective-limit.js';
import type { GroupLimit, LimitMode } from '../../src/domain/spend/store.js';
import { DIALECTS } from '../helpers/test-app.js';
import { createSpendTestApp, PATCH_OP, type SpendTestApp } from './spend-test-app.js';

type Limit = { amount: number | null; mode: LimitMode };

interface Model {
  defaultLimit: Limit | null;
  groupLimits: Map<string, Limit>;
  overrides: Map<string, Limit>;
}

describe.each(DIALECTS)('limit_changed fan-out of admin changes (%s)', (dialect) => {
  let t: SpendTestApp;
  const users: { id: string; userName: string; active: boolean; groups: string[] }[] = [];
  const groups: Record<string, { id: string; name: string }> = {};
  const model: Model = { defaultLimit: null, groupLimits: new Map(), overrides: new Map() };
  let actor: { kind: string; accountId: string; email: string };
  let seenSeq = 0;
  let auditRows = 0;

  const limitIn = (m: Model, u: (typeof users)[number]): EffectiveLimit => {
    const limited: GroupLimit[] = u.groups.filter((g) => m.groupLimits.has(g)).map((g) => {
      const l = m.groupLimits.get(g) as Limit;
      return { groupId: g, groupName: Object.values(groups).find((x) => x.id === g)?.name as string, amount: l.amount, mode: l.mode };
    });
    const o = m.overrides.get(u.id);
    return effectiveLimit({
      active: u.active,
      override: o && { amount: o.amount, mode: o.mode, expiresAt: null, requestId: null },
      groups: limited,
      defaultLimit: m.defaultLimit?.amount ?? null,
      defaultMode: m.defaultLimit?.mode ?? 'hard',
    });
  };
  const json = (l: EffectiveLimit) => JSON.parse(JSON.stringify(l));

  /** Applies `mutate` to a copy of the model; the events it should write, in order. */
  function expected(mutate: (m: Model) => void, order: 'seq' | 'id', reason: string, groupId: string | null) {
    const next: Model = { defaultLimit: model.defaultLimit, groupLimits: new Map(model.groupLimits), overrides: new Map(model.overrides) };
    mutate(next);
    const members = order === 'seq' ? users : [...users].sort((a, b) => (a.id < b.id ? -1 : 1));
    const events = members
      .map((u) => ({ u, previous: limitIn(model, u), current: limitIn(next, u) }))
      .filter((e) => !sameLimit(e.previous, e.current))
      .map(({ u, previous, current }) => ({
        version: 1,
        member: { id: u.id, userName: u.userName },
        previous: json(previous),
        current: json(current),
        reason,
        groupId,
        changedBy: actor,
      }));
    return { next, events };
  }

  async function rawEvents() {
    const rows = (await sql<{ team_seq: number; id: string; data: string; resource_id: string; resource_type: string; type: string }>`
      select team_seq, id, data, resource_id, resource_type, type from events where team_id = ${t.teamId} and team_seq > ${seenSeq} order by team_seq`.execute(t.storage.db)).rows;
    return rows.map((r) => ({ ...r, team_seq: Number(r.team_seq) }));
  }

  /** Runs one admin change and checks its preview, response, events and audit row against the model. */
  async function change(spec: { preview: Record<string, unknown>; method: 'PUT' | 'DELETE'; path: string; body?: unknown; mutate: (m: Model) => void; order: 'seq' | 'id'; reason: string; groupId?: string }) {
    const { next, events } = expected(spec.mutate, spec.order, spec.reason, spec.groupId ?? null);
    const preview = await t.adminApi('POST', '/preview', spec.preview);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().affectedMembers).toBe(events.length);
    expect(preview.json().sample).toEqual(events.slice(0, 20).map((e) => ({ member: e.member, previous: e.previous, current: e.current })));

    const res = await t.adminApi(spec.method, spec.path, spec.body);
    expect(res.statusCode).toBe(200);
    expect(res.json().affectedMembers).toBe(events.length);

    const written = await rawEvents();
    const limitChanged = written.filter((r) => r.type === 'spend.limit_changed');
    expect(limitChanged.map((r) => JSON.parse(r.data))).toEqual(events);
    for (const r of limitChanged) {
      // The stored text is exactly what JSON.stringify writes (webhook bodies and the feed carry it).
      expect(r.data).toBe(JSON.stringify(JSON.parse(r.data)));
      expect(r.resource_type).toBe('User');
      expect(r.resource_id).toBe(JSON.parse(r.data).member.id);
      // Time-ordered (UUIDv7, as the events the domain writes): appended at the end of the index on events.id.
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(written.map((r) => r.id)).size).toBe(written.length);
    // Numbered on from the last event, without gaps.
    expect(written.map((r) => r.team_seq)).toEqual(written.map((_, i) => seenSeq + i + 1));
    if (written.length) seenSeq = written[written.length - 1].team_seq;

    // Saving what is already set is not audited (and affects no one).
    const audit = (await t.adminApi('GET', '/audit?count=1')).json();
    if (audit.totalResults > auditRows) expect(audit.items[0].affectedMembers).toBe(events.length);
    else expect(events).toEqual([]);
    auditRows = audit.totalResults;

    model.defaultLimit = next.defaultLimit;
    model.groupLimits = next.groupLimits;
    model.overrides = next.overrides;
    return events.length;
  }

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    const admin = await t.storage.db.selectFrom('admin_accounts').innerJoin('team_roles', 'team_roles.account_id', 'admin_accounts.id').select(['admin_accounts.id as id', 'admin_accounts.email as email']).where('team_roles.team_id', '=', t.teamId).executeTakeFirstOrThrow();
    actor = { kind: 'admin', accountId: admin.id, email: admin.email };
    const names = ['ann', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus', 'o"neil\\ü\t@example.com', 'ida', 'joe', 'kim', 'lea'];
    for (const userName of names) users.push({ id: await t.user(userName), userName, active: true, groups: [] });
    const u = (i: number) => users[i].id;
    const make = async (key: string, name: string, members: number[]) => {
      groups[key] = { id: await t.group(name, members.map(u)), name };
      for (const i of members) users[i].groups.push(groups[key].id);
    };
    // Alpha and beta will have the same amount, one hard and one soft: alpha wins the tie by name.
    await make('alpha', 'alpha', [0, 1, 2, 8]);
    await make('beta', 'Beta', [1, 2, 3, 9]);
    await make('open', 'Open', [2, 4, 10]);
    await make('plain', 'Plain', [5, 7]);
    await make('big', 'Big', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // A suspended member is "suspended" under every policy: no admin change gives them an event.
    await t.services.users.patch(t.teamId, u(6), { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] });
    users[6].active = false;
    const rows = await rawEvents();
    seenSeq = rows.length ? rows[rows.length - 1].team_seq : 0;
  });
  afterAll(async () => t.close());

  it('writes one event per member whose limit changes, for every kind of change, in order', async () => {
    const g = (k: string) => groups[k].id;
    const u = (i: number) => users[i].id;
    const def = (limit: Limit | null) => (m: Model) => void (m.defaultLimit = limit);
    const grp = (k: string, limit: Limit | null) => (m: Model) => void (limit ? m.groupLimits.set(g(k), limit) : m.groupLimits.delete(g(k)));
    const ovr = (i: number, limit: Limit | null) => (m: Model) => void (limit ? m.overrides.set(u(i), limit) : m.overrides.delete(u(i)));
    const setDefault = (limit: Limit | null) =>
      change(limit
        ? { preview: { target: 'default', ...body(limit) }, method: 'PUT', path: '/default', body: body(limit), mutate: def(limit), order: 'seq', reason: 'default_changed' }
        : { preview: { target: 'default', clear: true }, method: 'DELETE', path: '/default', mutate: def(null), order: 'seq', reason: 'default_changed' });
    const setGroup = (k: string, limit: Limit | null) =>
      change(limit
        ? { preview: { target: 'group', groupId: g(k), ...body(limit) }, method: 'PUT', path: `/group-limits/${g(k)}`, body: body(limit), mutate: grp(k, limit), order: 'id', reason: 'group_limit_changed', groupId: g(k) }
        : { preview: { target: 'group', groupId: g(k), clear: true }, method: 'DELETE', path: `/group-limits/${g(k)}`, mutate: grp(k, null), order: 'id', reason: 'group_limit_changed', groupId: g(k) });
    const setOverride = (i: number, limit: Limit | null) =>
      change(limit
        ? { preview: { target: 'override', userId: u(i), ...body(limit) }, method: 'PUT', path: `/overrides/${u(i)}`, body: body(limit), mutate: ovr(i, limit), order: 'seq', reason: 'override_changed' }
        : { preview: { target: 'override', userId: u(i), clear: true }, method: 'DELETE', path: `/overrides/${u(i)}`, mutate: ovr(i, null), order: 'seq', reason: 'override_changed' });

    const counts: number[] = [];
    counts.push(await setDefault({ amount: 1_000, mode: 'soft' }));
    counts.push(await setOverride(4, { amount: 100, mode: 'hard' }));
    counts.push(await setGroup('alpha', { amount: 5_000, mode: 'hard' }));
    // beta ties alpha's amount in the other mode: bob and cat keep alpha's; dan and joe move.
    counts.push(await setGroup('beta', { amount: 5_000, mode: 'soft' }));
    counts.push(await setGroup('open', { amount: null, mode: 'hard' }));
    counts.push(await setDefault({ amount: 1_000, mode: 'hard' }));
    counts.push(await setDefault({ amount: 2_000, mode: 'hard' }));
    counts.push(await setGroup('plain', { amount: 2_000, mode: 'hard' }));
    counts.push(await setGroup('alpha', { amount: 7_000, mode: 'soft' }));
    counts.push(await setGroup('alpha', { amount: 7_000, mode: 'soft' }));
    counts.push(await setOverride(2, { amount: null, mode: 'hard' }));
    counts.push(await setOverride(1, { amount: 300, mode: 'soft' }));
    counts.push(await setGroup('beta', { amount: 9_000, mode: 'hard' }));
    counts.push(await setGroup('big', { amount: 1_500, mode: 'soft' }));
    counts.push(await setGroup('beta', null));
    counts.push(await setGroup('alpha', null));
    counts.push(await setOverride(1, null));
    counts.push(await setOverride(4, null));
    counts.push(await setGroup('big', null));
    counts.push(await setDefault(null));
    counts.push(await setGroup('open', null));
    counts.push(await setOverride(2, null));
    expect(counts).toEqual([11, 1, 4, 2, 2, 3, 3, 0, 3, 0, 0, 1, 2, 1, 2, 2, 1, 1, 6, 6, 0, 0]);

    // The host's event feed pages through the same events, in the same order.
    const fed: { seq: number; id: string; type: string; data: unknown }[] = [];
    let cursor = '';
    for (let page = 0; page < 50; page++) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/teams/${t.teamId}/events?limit=100${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`, headers: { authorization: `Bearer ${t.apiKey}` } });
      expect(res.statusCode).toBe(200);
      fed.push(...res.json().events);
      cursor = res.json().nextCursor;
      if (!res.json().hasMore) break;
    }
    const stored = (await sql<{ team_seq: number; id: string; data: string }>`select team_seq, id, data from events where team_id = ${t.teamId} and type = 'spend.limit_changed' order by team_seq`.execute(t.storage.db)).rows;
    expect(fed.filter((e) => e.type === 'spend.limit_changed').map((e) => [e.seq, e.id, e.data])).toEqual(stored.map((r) => [Number(r.team_seq), r.id, JSON.parse(r.data)]));
    expect(fed.map((e) => e.seq)).toEqual(fed.map((_, i) => i + 1));
  });
});

const body = (l: Limit) => (l.amount === null ? { unlimited: true, mode: l.mode } : { amount: l.amount, mode: l.mode });
