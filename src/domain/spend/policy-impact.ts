// Which members a policy change would give another effective limit, with
// their limit before and after. Saving a change writes one
// spend.limit_changed per such member; the preview only counts them.
// Work is in pages of members, and only over the members the change can
// touch: the group's members, the one member, or (for the team default)
// the active members with no override and no limited group.

import { sameLimit, type EffectiveLimit } from './effective-limit.js';
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

  async function changed(tx: unknown, settings: { before: SpendSettings; after: SpendSettings }, members: SpendMember[], after: LimitOptions = {}): Promise<Impact[]> {
    const [before, next] = await Promise.all([ctx.limitsOf(tx, settings.before, members), ctx.limitsOf(tx, settings.after, members, after)]);
    return members
      .map((member) => ({ member, previous: before.get(member.id)?.limit as EffectiveLimit, current: next.get(member.id)?.limit as EffectiveLimit }))
      .filter((i) => !sameLimit(i.previous, i.current));
  }

  /** Calls `visit` with each page of affected members, in member order. */
  async function forEachAffected(tx: unknown, settings: SpendSettings, change: PolicyChange, visit: (page: Impact[]) => Promise<void>): Promise<void> {
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
          const page = await changed(tx, { before: settings, after }, members);
          if (page.length > 0) await visit(page);
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
          const page = await changed(tx, same, members, { groupsOf });
          if (page.length > 0) await visit(page);
          afterId = members[members.length - 1].id;
        }
      }
      case 'override': {
        const members = await store.membersByIds(tx, settings.teamId, [change.userId]);
        const page = await changed(tx, same, members, { overrideOf: () => change.override });
        if (page.length > 0) await visit(page);
        return;
      }
    }
  }

  return {
    forEachAffected,

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
