// Which members a policy change would give another effective limit, with
// their limit before and after. Saving a change writes one
// spend.limit_changed per such member; the preview only counts them.
// A change of the team default or of a group's limit can reach every member
// of a 100,000-member team: the database computes its effect in one
// statement from a plan made here (the ranks of the limited groups, the
// limits as keys and event JSON), so the rules and the tie-break stay in
// effective-limit.ts and the events are written with INSERT … SELECT in the
// transaction of the change. An override reaches one member and is computed
// here.

import { compareGroupLimits, sameLimit, type EffectiveLimit } from './effective-limit.js';
import { periodAt } from './period.js';
import { limitFrom, type LimitOptions, type SpendContext } from './spend-context.js';
import { limitJson, type Actor, type LimitChangeReason } from './spend-events.js';
import type { FanOutLimit, GroupLimit, LimitFanOut, LimitMode, OverrideRecord, SpendMember, SpendSettings } from './store.js';

/** A limit as an admin sets it: an amount (null: unlimited) and its mode. */
export interface LimitSetting {
  amount: number | null;
  mode: LimitMode;
}

/** `limit` undefined: the setting is cleared; amount null: set to unlimited. */
export type PolicyChange =
  | { target: 'default'; limit: LimitSetting }
  | { target: 'group'; groupId: string; groupName: string; limit: LimitSetting | undefined }
  | { target: 'override'; userId: string; override: OverrideRecord | undefined };

/** The settings after a change of the team default (an unlimited default is no default). */
export function withDefault(settings: SpendSettings, limit: LimitSetting): SpendSettings {
  return { ...settings, defaultLimit: limit.amount, defaultMode: limit.amount === null ? 'hard' : limit.mode };
}

export interface Impact {
  member: SpendMember;
  previous: EffectiveLimit;
  current: EffectiveLimit;
}

const PAGE = 500;

/** Equal keys exactly when sameLimit holds. */
const keyOf = (l: EffectiveLimit) => (l.amount === null ? 'unlimited' : `${l.amount}:${l.mode}`);
const fanOutLimit = (l: EffectiveLimit): FanOutLimit => ({ key: keyOf(l), json: limitJson(l) });

/** The groups of a member of `stored` after `change` (of a group) is applied. */
function groupsAfter(change: Extract<PolicyChange, { target: 'group' }>, stored: GroupLimit[]): GroupLimit[] {
  const replaced: GroupLimit | undefined = change.limit === undefined ? undefined : { groupId: change.groupId, groupName: change.groupName, amount: change.limit.amount, mode: change.limit.mode };
  return [...stored.filter((g) => g.groupId !== change.groupId), ...(replaced ? [replaced] : [])];
}

export function createPolicyImpact(ctx: SpendContext) {
  const { store } = ctx;

  /** What the database needs to compute a default or group change member by member. */
  async function planOf(tx: unknown, settings: SpendSettings, change: Exclude<PolicyChange, { target: 'override' }>): Promise<LimitFanOut> {
    const now = ctx.clock.now().toISOString();
    const fallback = (s: SpendSettings) => fanOutLimit(limitFrom(s, true, undefined, []));
    if (change.target === 'default') {
      return { teamId: settings.teamId, scope: { target: 'default' }, now, groups: [], fallback: { before: fallback(settings), after: fallback(withDefault(settings, change.limit)) } };
    }
    const stored = await store.teamGroupLimits(tx, settings.teamId);
    const ranked = (list: GroupLimit[]) =>
      new Map([...list].sort(compareGroupLimits).map((g, rank) => [g.groupId, { rank, ...fanOutLimit(limitFrom(settings, true, undefined, [g])) }]));
    const before = ranked(stored);
    const after = ranked(groupsAfter(change, stored));
    const groups = [...new Set([...before.keys(), ...after.keys()])].map((groupId) => ({ groupId, before: before.get(groupId) ?? null, after: after.get(groupId) ?? null }));
    return { teamId: settings.teamId, scope: { target: 'group', groupId: change.groupId }, now, groups, fallback: { before: fallback(settings), after: fallback(settings) } };
  }

  const unchangedDefault = (settings: SpendSettings, change: PolicyChange) => {
    if (change.target !== 'default') return false;
    const after = withDefault(settings, change.limit);
    return after.defaultLimit === settings.defaultLimit && after.defaultMode === settings.defaultMode;
  };

  async function limitsBeforeAfter(tx: unknown, settings: { before: SpendSettings; after: SpendSettings }, members: SpendMember[], after: LimitOptions = {}): Promise<Impact[]> {
    const [before, next] = await Promise.all([ctx.limitsOf(tx, settings.before, members), ctx.limitsOf(tx, settings.after, members, after)]);
    return members.map((member) => ({ member, previous: before.get(member.id)?.limit as EffectiveLimit, current: next.get(member.id)?.limit as EffectiveLimit }));
  }

  type OverrideChange = Extract<PolicyChange, { target: 'override' }>;

  /** The one member an override change reaches, with their limit before and after (none when not in the team). */
  async function overrideImpact(tx: unknown, settings: SpendSettings, change: OverrideChange): Promise<Impact[]> {
    const members = await store.membersByIds(tx, settings.teamId, [change.userId]);
    return members.length === 0 ? [] : limitsBeforeAfter(tx, { before: settings, after: settings }, members, { overrideOf: () => change.override });
  }

  /**
   * What-if on history: replays the last closed period's ledger of the
   * members in the change's scope against their limit before and after it:
   * how many would have been refused (a hard limit passed) or flagged (a
   * soft one), and from which day. Pages of members, one indexed ledger
   * range per page: bounded by the scope, never the whole team in memory.
   */
  async function whatIf(settings: SpendSettings, change: PolicyChange, counted?: { plan: LimitFanOut; inScope: number }) {
    const current = periodAt(settings.period, ctx.clock.now());
    const last = periodAt(settings.period, new Date(new Date(current.start).getTime() - 1));
    const tally = () => ({ refused: 0, flagged: 0, from: null as string | null });
    const result = { period: { start: last.start, end: last.end }, membersInScope: 0, current: tally(), proposed: tally(), byDay: new Map<string, { refused: number; flagged: number }>() };
    const count = (into: ReturnType<typeof tally>, limit: EffectiveLimit, days: Array<{ day: string; amount: number }>) => {
      if (limit.amount === null) return undefined;
      let spent = 0;
      for (const d of days) {
        spent += d.amount;
        if (spent > limit.amount) {
          if (limit.mode === 'hard') into.refused++;
          else into.flagged++;
          if (into.from === null || d.day < into.from) into.from = d.day;
          return d.day;
        }
      }
      return undefined;
    };
    const tallyPage = async (active: Impact[]) => {
      if (active.length === 0) return;
      const ledger = await store.ledgerDays(store.db, settings.teamId, last.start, active.map((i) => i.member.id));
      for (const i of active) {
        const days = ledger.get(i.member.id);
        if (!days) continue;
        count(result.current, i.previous, days);
        const day = count(result.proposed, i.current, days);
        if (day !== undefined) {
          const entry = result.byDay.get(day) ?? { refused: 0, flagged: 0 };
          if (i.current.mode === 'hard') entry.refused++;
          else entry.flagged++;
          result.byDay.set(day, entry);
        }
      }
    };
    if (change.target === 'override') {
      const active = (await overrideImpact(store.db, settings, change)).filter((i) => i.member.active);
      result.membersInScope += active.length;
      await tallyPage(active);
    } else if (!unchangedDefault(settings, change)) {
      const plan = counted?.plan ?? (await planOf(store.db, settings, change));
      result.membersInScope = counted?.inScope ?? (await store.countLimitChanges(store.db, plan)).inScope;
      // Only members with ledger entries in that period can be refused or flagged: the rest are counted, not read.
      const spenders = await store.limitSpenders(store.db, plan, last.start);
      const states = change.target === 'default' ? { before: settings, after: withDefault(settings, change.limit) } : { before: settings, after: settings };
      const options: LimitOptions = change.target === 'group' ? { groupsOf: (_userId, groups) => groupsAfter(change, groups) } : {};
      for (let i = 0; i < spenders.length; i += PAGE) await tallyPage(await limitsBeforeAfter(store.db, states, spenders.slice(i, i + PAGE), options));
    }
    return {
      period: result.period,
      membersInScope: result.membersInScope,
      current: result.current,
      proposed: { ...result.proposed, byDay: [...result.byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, c]) => ({ day, ...c })) },
    };
  }

  /**
   * Writes the spend.limit_changed events of `change` in `tx`; how many
   * members it affected. Call it with the team's events lock taken
   * (store.lockEvents) before the policy was read.
   */
  async function appendChanges(tx: unknown, settings: SpendSettings, change: PolicyChange, reason: LimitChangeReason, actor: Actor, groupId: string | null): Promise<number> {
    if (change.target === 'override') {
      const affected = (await overrideImpact(tx, settings, change)).filter((i) => !sameLimit(i.previous, i.current));
      await store.appendEvents(tx, affected.map((i) => ctx.events.limitChanged(settings.teamId, i.member, i.previous, i.current, reason, actor, groupId)));
      return affected.length;
    }
    if (unchangedDefault(settings, change)) return 0;
    return store.appendLimitChanges(tx, await planOf(tx, settings, change), ctx.events.limitChangedTemplate(reason, actor, groupId));
  }

  return {
    appendChanges,
    whatIf,

    /** How many members the change would affect, the first few of them, and the what-if on the last period. */
    async preview(settings: SpendSettings, change: PolicyChange, sampleSize = 20) {
      if (change.target === 'override' || unchangedDefault(settings, change)) {
        const affected = change.target === 'override' ? (await overrideImpact(store.db, settings, change)).filter((i) => !sameLimit(i.previous, i.current)) : [];
        return { affected: affected.length, sample: affected.slice(0, sampleSize), whatIf: await whatIf(settings, change) };
      }
      const plan = await planOf(store.db, settings, change);
      const counts = await store.previewLimitChanges(store.db, plan, sampleSize);
      const sample: Impact[] = counts.sample.map((r) => ({ member: r.member, previous: JSON.parse(r.previous) as EffectiveLimit, current: JSON.parse(r.current) as EffectiveLimit }));
      return { affected: counts.affected, sample, whatIf: await whatIf(settings, change, { plan, inScope: counts.inScope }) };
    },
  };
}

export type PolicyImpact = ReturnType<typeof createPolicyImpact>;
