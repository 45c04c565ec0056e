// Reads for the host product and the dashboard: one member's period-to-date
// spend with their effective limit and where it comes from; the same for all
// members, paged; and the members in several limited groups with the limit
// that wins for each (the review step of the setup wizard). Each page costs
// a fixed number of queries over the page's members, whatever the team size.

import { remainingOf, winningGroup, type EffectiveLimit } from './effective-limit.js';
import { periodAt, type Period } from './period.js';
import type { SpendContext } from './spend-context.js';
import type { GroupLimit, MemberLookup, SpendMember, SpendSettings, Totals } from './store.js';
import { createHoldSettlement } from './hold-settlement.js';
import { decodeCursor, encodeCursor } from '../directory/list-cursor.js';

const ZERO: Totals = { spent: 0, held: 0, notified: 0 };

function memberSpendView(member: SpendMember, settings: SpendSettings, period: Period, limit: EffectiveLimit, groups: GroupLimit[], totals: Totals) {
  return {
    member: { id: member.id, userName: member.userName, displayName: member.displayName, active: member.active },
    currency: settings.currency,
    period: { kind: period.kind, start: period.start, end: period.end },
    limit: { amount: limit.amount, mode: limit.mode, source: limit.source },
    spent: totals.spent,
    held: totals.held,
    remaining: member.active ? remainingOf(limit.amount, totals.spent, totals.held) : 0,
    limitedGroups: [...groups].sort((a, b) => a.groupName.localeCompare(b.groupName)).map((g) => ({ id: g.groupId, name: g.groupName, amount: g.amount, mode: g.mode })),
  };
}

export type MemberSpendView = ReturnType<typeof memberSpendView>;

export function createSpendReads(ctx: SpendContext) {
  const { store, clock } = ctx;
  const settlement = createHoldSettlement(ctx);

  /** Views of these members for the current period, after reclaiming their expired holds. */
  async function views(teamId: string, members: SpendMember[]): Promise<{ settings: SpendSettings; period: Period; views: MemberSpendView[] }> {
    const settings = await ctx.settingsOf(store.db, teamId);
    const now = clock.now();
    const period = periodAt(settings.period, now);
    if (members.length === 0) return { settings, period, views: [] };
    const userIds = members.map((m) => m.id);
    await settlement.reclaim(userIds, now);
    const [limits, totals] = await Promise.all([ctx.limitsOf(store.db, settings, members), store.totalsOf(store.db, userIds, period.start)]);
    return {
      settings,
      period,
      views: members.map((m) => {
        const { limit, groups } = limits.get(m.id) as { limit: EffectiveLimit; groups: GroupLimit[] };
        return memberSpendView(m, settings, period, limit, groups, totals.get(m.id) ?? ZERO);
      }),
    };
  }

  return {
    async member(teamId: string, lookup: MemberLookup): Promise<MemberSpendView> {
      const member = await ctx.resolveMember(store.db, teamId, lookup);
      return (await views(teamId, [member])).views[0];
    },

    /** By startIndex, or by an RFC 9865 cursor ('' for the first page) that costs the same at any depth. */
    async members(teamId: string, startIndex: number, count: number, cursor?: string) {
      const scope = { teamId, list: 'spend members' };
      const after = cursor === undefined ? undefined : (decodeCursor(scope, cursor)?.seq ?? 0);
      const page = await store.memberPage(store.db, teamId, startIndex - 1, count, after);
      const { settings, period, views: items } = await views(teamId, page.items);
      const paging = cursor === undefined ? { startIndex } : { nextCursor: page.lastSeq === undefined ? null : encodeCursor(scope, { seq: page.lastSeq }) };
      return { totalResults: page.total, ...paging, currency: settings.currency, period: { kind: period.kind, start: period.start, end: period.end }, items };
    },

    /** Members in two or more groups that have a limit, each with the group whose limit wins. */
    async multiGroup(teamId: string, startIndex: number, count: number) {
      const page = await store.multiGroupPage(store.db, teamId, startIndex - 1, count);
      const members = await store.membersByIds(store.db, teamId, page.items);
      const order = new Map(page.items.map((id, i) => [id, i]));
      members.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      const { settings, period, views: items } = await views(teamId, members);
      return {
        totalResults: page.total,
        startIndex,
        currency: settings.currency,
        period: { kind: period.kind, start: period.start, end: period.end },
        items: items.map((v) => {
          const winner = winningGroup(v.limitedGroups.map((g) => ({ groupId: g.id, groupName: g.name, amount: g.amount, mode: g.mode })));
          return { ...v, winningGroup: winner ? { id: winner.groupId, name: winner.groupName, amount: winner.amount, mode: winner.mode } : null };
        }),
      };
    },
  };
}
