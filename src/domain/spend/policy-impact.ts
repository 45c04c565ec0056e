// Which members a policy change would give another effective limit, with
// their limit before and after. Saving a change writes one
// spend.limit_changed per such member; the preview only counts them.
// Work is in pages of members, and only over the members the change can
// touch: the group's members, the one member, or (for the team default)
// the active members with no override and no limited group.

import { sameLimit, type EffectiveLimit } from './effective-limit.js';
import type { LimitOptions, SpendContext } from './spend-context.js';
import type { GroupLimit, SpendMember, SpendSettings } from './store.js';

/** `amount` undefined: the setting is cleared; null: set to unlimited. */
export type PolicyChange =
  | { target: 'default'; amount: number | null }
  | { target: 'group'; groupId: string; groupName: string; amount: number | null | undefined }
  | { target: 'override'; userId: string; amount: number | null | undefined };

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
        if (change.amount === settings.defaultLimit) return;
        const after: SpendSettings = { ...settings, defaultLimit: change.amount };
        let afterSeq = 0;
        while (true) {
          const { members, lastSeq } = await store.defaultMembersAfter(tx, settings.teamId, afterSeq, PAGE);
          if (members.length === 0) return;
          const page = await changed(tx, { before: settings, after }, members);
          if (page.length > 0) await visit(page);
          afterSeq = lastSeq;
        }
      }
      case 'group': {
        const replaced: GroupLimit | undefined = change.amount === undefined ? undefined : { groupId: change.groupId, groupName: change.groupName, amount: change.amount };
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
        const page = await changed(tx, same, members, { overrideOf: () => change.amount });
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
