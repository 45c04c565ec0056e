// Which members a policy change would give another effective limit, with
// their limit before and after. Saving a change writes one
// spend.limit_changed per such member; the preview only counts them.
// Work is in pages of members, and only over the members the change can
// touch: the group's members, the one member, or (for the team default)
// the active members with no override and no limited group.

import { sameLimit, type EffectiveLimit } from './effective-limit.js';
import { periodAt } from './period.js';
import type { LimitOptions, SpendContext } from './spend-context.js';
import type { GroupLimit, LimitMode, OverrideRecord, SpendMember, SpendSettings } from './store.js';

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

export function createPolicyImpact(ctx: SpendContext) {
  const { store } = ctx;

  async function limitsBeforeAfter(tx: unknown, settings: { before: SpendSettings; after: SpendSettings }, members: SpendMember[], after: LimitOptions = {}): Promise<Impact[]> {
    const [before, next] = await Promise.all([ctx.limitsOf(tx, settings.before, members), ctx.limitsOf(tx, settings.after, members, after)]);
    return members.map((member) => ({ member, previous: before.get(member.id)?.limit as EffectiveLimit, current: next.get(member.id)?.limit as EffectiveLimit }));
  }

  /** Calls `visit` with each page of affected members, in member order. */
  async function forEachAffected(tx: unknown, settings: SpendSettings, change: PolicyChange, visit: (page: Impact[]) => Promise<void>): Promise<void> {
    await forEachInScope(tx, settings, change, async (page) => {
      const affected = page.filter((i) => !sameLimit(i.previous, i.current));
      if (affected.length > 0) await visit(affected);
    });
  }

  /**
   * Calls `visit` with each page of the members the change can apply to
   * (changed or not), with their limit before and after.
   */
  async function forEachInScope(tx: unknown, settings: SpendSettings, change: PolicyChange, visit: (page: Impact[]) => Promise<void>): Promise<void> {
    const changed = limitsBeforeAfter;
    const same = { before: settings, after: settings };
    switch (change.target) {
      case 'default': {
        const after = withDefault(settings, change.limit);
        if (after.defaultLimit === settings.defaultLimit && after.defaultMode === settings.defaultMode) return;
        let afterSeq = 0;
        const now = ctx.clock.now().toISOString();
        while (true) {
          const { members, lastSeq } = await store.defaultMembersAfter(tx, settings.teamId, afterSeq, PAGE, now);
          if (members.length === 0) return;
          await visit(await changed(tx, { before: settings, after }, members));
          afterSeq = lastSeq;
        }
      }
      case 'group': {
        const replaced: GroupLimit | undefined = change.limit === undefined ? undefined : { groupId: change.groupId, groupName: change.groupName, amount: change.limit.amount, mode: change.limit.mode };
        const groupsOf = (_userId: string, groups: GroupLimit[]) => [...groups.filter((g) => g.groupId !== change.groupId), ...(replaced ? [replaced] : [])];
        let afterId = '';
        while (true) {
          const members = await store.groupUsersAfter(tx, change.groupId, afterId, PAGE);
          if (members.length === 0) return;
          await visit(await changed(tx, same, members, { groupsOf }));
          afterId = members[members.length - 1].id;
        }
      }
      case 'override': {
        const members = await store.membersByIds(tx, settings.teamId, [change.userId]);
        if (members.length > 0) await visit(await changed(tx, same, members, { overrideOf: () => change.override }));
        return;
      }
    }
  }

  /**
   * What-if on history: replays the last closed period's ledger of the
   * members in the change's scope against their limit before and after it:
   * how many would have been refused (a hard limit passed) or flagged (a
   * soft one), and from which day. Pages of members, one indexed ledger
   * range per page: bounded by the scope, never the whole team in memory.
   */
  async function whatIf(settings: SpendSettings, change: PolicyChange) {
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
    await forEachInScope(store.db, settings, change, async (page) => {
      const active = page.filter((i) => i.member.active);
      result.membersInScope += active.length;
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
    });
    return {
      period: result.period,
      membersInScope: result.membersInScope,
      current: result.current,
      proposed: { ...result.proposed, byDay: [...result.byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, c]) => ({ day, ...c })) },
    };
  }

  return {
    forEachAffected,
    whatIf,

    /** How many members the change would affect, and the first few of them. */
    async preview(settings: SpendSettings, change: PolicyChange, sampleSize = 20) {
      let affected = 0;
      const sample: Impact[] = [];
      await forEachAffected(store.db, settings, change, async (page) => {
        affected += page.length;
        sample.push(...page.slice(0, Math.max(0, sampleSize - sample.length)));
      });
      return { affected, sample };
    },
  };
}

export type PolicyImpact = ReturnType<typeof createPolicyImpact>;
