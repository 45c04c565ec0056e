// What team admins set: the default per-user limit, per-user limits on
// directory groups (of their own team only), per-user overrides, a team-wide
// cap per period, and the currency and period. Every change is audited (who,
// when, old, new, how many members it affected) and writes one
// spend.limit_changed per member whose effective limit it changes, in the
// same transaction; `preview` counts those members without saving.

import { DomainError } from '../errors.js';
import { periodAt, parsePeriodRule } from './period.js';
import { createPolicyImpact, type PolicyChange } from './policy-impact.js';
import type { SpendContext } from './spend-context.js';
import type { Actor, LimitChangeReason } from './spend-events.js';
import { amountOf, bodyOf, currencyOf, invalidRequest, limitOf, onlyFields, stringOf } from './spend-input.js';
import type { AuditRecord, SpendSettings } from './store.js';

/** A limit as the API shows it: null when not set. */
export function limitValue(amount: number | null | undefined) {
  return amount === undefined ? null : { amount, unlimited: amount === null };
}

const REASONS: Record<PolicyChange['target'], LimitChangeReason> = { default: 'default_changed', group: 'group_limit_changed', override: 'override_changed' };

export function auditView(r: AuditRecord) {
  return {
    id: r.id,
    at: r.at,
    actor: r.actorId ? { kind: 'admin' as const, accountId: r.actorId, email: r.actorEmail } : { kind: 'directory' as const, accountId: null, email: null },
    action: r.action,
    target: { type: r.targetType, id: r.targetId, name: r.targetName },
    old: r.oldValue,
    new: r.newValue,
    affectedMembers: r.affected,
  };
}

export function createSpendPolicy(ctx: SpendContext) {
  const { store, clock, ids } = ctx;
  const impact = createPolicyImpact(ctx);

  /** Writes the limit_changed events of a change; returns how many members it affected. */
  async function notify(tx: unknown, settings: SpendSettings, change: PolicyChange, actor: Actor): Promise<number> {
    let affected = 0;
    const groupId = change.target === 'group' ? change.groupId : null;
    await impact.forEachAffected(tx, settings, change, async (page) => {
      affected += page.length;
      await store.appendEvents(tx, page.map((i) => ctx.events.limitChanged(settings.teamId, i.member, i.previous, i.current, REASONS[change.target], actor, groupId)));
    });
    return affected;
  }

  async function audit(tx: unknown, teamId: string, actor: Actor, entry: Pick<AuditRecord, 'action' | 'targetType' | 'targetId' | 'targetName' | 'oldValue' | 'newValue' | 'affected'>) {
    await store.insertAudit(tx, { id: ids.uuid(), teamId, at: clock.now().toISOString(), actorId: actor.accountId, actorEmail: actor.email, ...entry });
  }

  async function group(teamId: string, groupId: string) {
    const found = await store.findGroup(store.db, teamId, groupId);
    // A group of another team is answered as absent: limits are per team.
    if (!found) throw new DomainError('spend.group_not_found', `no group "${groupId}" in this team; limits can only be set on the team's own directory groups`);
    return found;
  }

  async function member(teamId: string, userId: string) {
    const [found] = await store.membersByIds(store.db, teamId, [userId]);
    if (!found) throw new DomainError('spend.member_not_found', `no member "${userId}" in this team`);
    return found;
  }

  async function setDefault(teamId: string, actor: Actor, amount: number | null) {
    return store.transaction(async (tx) => {
      const settings = await ctx.settingsOf(tx, teamId);
      // Saving what is already set changes nothing and is not audited.
      if (settings.defaultLimit === amount) return { defaultLimit: limitValue(amount ?? undefined), affectedMembers: 0 };
      const affected = await notify(tx, settings, { target: 'default', amount }, actor);
      await store.saveSettings(tx, { ...settings, defaultLimit: amount, updatedAt: clock.now().toISOString() });
      await audit(tx, teamId, actor, { action: amount === null ? 'default.cleared' : 'default.set', targetType: 'team', targetId: teamId, targetName: null, oldValue: limitValue(settings.defaultLimit ?? undefined), newValue: limitValue(amount ?? undefined), affected });
      return { defaultLimit: limitValue(amount ?? undefined), affectedMembers: affected };
    });
  }

  async function setGroupLimit(teamId: string, actor: Actor, groupId: string, amount: number | null | undefined) {
    const g = await group(teamId, groupId);
    return store.transaction(async (tx) => {
      const settings = await ctx.settingsOf(tx, teamId);
      const old = await store.groupLimit(tx, teamId, groupId);
      if (old ? old.amount === amount : amount === undefined) return { group: { id: g.id, name: g.name }, limit: limitValue(amount), affectedMembers: 0 };
      const affected = await notify(tx, settings, { target: 'group', groupId, groupName: g.name, amount }, actor);
      if (amount === undefined) {
        await store.clearGroupLimit(tx, groupId);
        await store.adjustLimitedGroupsOfGroup(tx, teamId, groupId, -1);
      } else {
        await store.setGroupLimit(tx, teamId, groupId, amount, clock.now().toISOString());
        if (!old) await store.adjustLimitedGroupsOfGroup(tx, teamId, groupId, 1);
      }
      await audit(tx, teamId, actor, { action: amount === undefined ? 'group_limit.cleared' : 'group_limit.set', targetType: 'group', targetId: g.id, targetName: g.name, oldValue: limitValue(old?.amount), newValue: limitValue(amount), affected });
      return { group: { id: g.id, name: g.name }, limit: limitValue(amount), affectedMembers: affected };
    });
  }

  async function setOverride(teamId: string, actor: Actor, userId: string, amount: number | null | undefined) {
    const m = await member(teamId, userId);
    return store.transaction(async (tx) => {
      const settings = await ctx.settingsOf(tx, teamId);
      const overrides = await store.overridesOf(tx, teamId, [userId]);
      const old = overrides.get(userId);
      const had = overrides.has(userId);
      if (had ? old === amount : amount === undefined) return { member: { id: m.id, userName: m.userName }, override: limitValue(amount), affectedMembers: 0 };
      const affected = await notify(tx, settings, { target: 'override', userId, amount }, actor);
      if (amount === undefined) await store.clearOverride(tx, userId);
      else await store.setOverride(tx, teamId, userId, amount, clock.now().toISOString());
      await audit(tx, teamId, actor, { action: amount === undefined ? 'override.cleared' : 'override.set', targetType: 'member', targetId: m.id, targetName: m.userName, oldValue: had ? limitValue(old) : null, newValue: limitValue(amount), affected });
      return { member: { id: m.id, userName: m.userName }, override: limitValue(amount), affectedMembers: affected };
    });
  }

  async function setTeamCap(teamId: string, actor: Actor, cap: number | null) {
    return store.transaction(async (tx) => {
      const settings = await ctx.settingsOf(tx, teamId);
      if (settings.teamCap === cap) return { teamCap: cap === null ? null : { amount: cap } };
      await store.saveSettings(tx, { ...settings, teamCap: cap, updatedAt: clock.now().toISOString() });
      await audit(tx, teamId, actor, { action: cap === null ? 'team_cap.cleared' : 'team_cap.set', targetType: 'team', targetId: teamId, targetName: null, oldValue: settings.teamCap === null ? null : { amount: settings.teamCap }, newValue: cap === null ? null : { amount: cap }, affected: 0 });
      return { teamCap: cap === null ? null : { amount: cap } };
    });
  }

  async function view(teamId: string) {
    const settings = await ctx.settingsOf(store.db, teamId);
    const period = periodAt(settings.period, clock.now());
    const team = await store.teamTotals(store.db, teamId, period.start);
    return {
      currency: settings.currency,
      period,
      defaultLimit: limitValue(settings.defaultLimit ?? undefined),
      teamCap: settings.teamCap === null ? null : { amount: settings.teamCap },
      teamTotals: { spent: team.spent, held: team.held, remaining: settings.teamCap === null ? null : Math.max(0, settings.teamCap - team.spent - team.held) },
      updatedAt: settings.updatedAt,
    };
  }

  /** Parses the body of a preview: which change, and to what. */
  async function changeOf(teamId: string, input: unknown): Promise<PolicyChange> {
    const body = bodyOf(input);
    const { target, groupId, userId, clear, ...limit } = body;
    const amount = clear === true ? undefined : limitOf(limit);
    if (clear !== undefined && clear !== true) throw invalidRequest('clear must be true when present');
    switch (target) {
      case 'default':
        onlyFields(body, ['target', 'amount', 'unlimited', 'clear']);
        return { target, amount: amount ?? null };
      case 'group': {
        onlyFields(body, ['target', 'groupId', 'amount', 'unlimited', 'clear']);
        const g = await group(teamId, stringOf(groupId, 'groupId'));
        return { target, groupId: g.id, groupName: g.name, amount };
      }
      case 'override':
        onlyFields(body, ['target', 'userId', 'amount', 'unlimited', 'clear']);
        await member(teamId, stringOf(userId, 'userId'));
        return { target, userId: userId as string, amount };
      default:
        throw invalidRequest('target must be "default", "group" or "override"');
    }
  }

  return {
    view,

    setDefault: (teamId: string, actor: Actor, input: unknown) => setDefault(teamId, actor, limitOf(input)),
    clearDefault: (teamId: string, actor: Actor) => setDefault(teamId, actor, null),
    setGroupLimit: (teamId: string, actor: Actor, groupId: string, input: unknown) => setGroupLimit(teamId, actor, groupId, limitOf(input)),
    clearGroupLimit: (teamId: string, actor: Actor, groupId: string) => setGroupLimit(teamId, actor, groupId, undefined),
    setOverride: (teamId: string, actor: Actor, userId: string, input: unknown) => setOverride(teamId, actor, userId, limitOf(input)),
    clearOverride: (teamId: string, actor: Actor, userId: string) => setOverride(teamId, actor, userId, undefined),

    setTeamCap(teamId: string, actor: Actor, input: unknown) {
      const body = bodyOf(input);
      onlyFields(body, ['amount']);
      return setTeamCap(teamId, actor, amountOf(body.amount, 'amount', { min: 0 }));
    },
    clearTeamCap: (teamId: string, actor: Actor) => setTeamCap(teamId, actor, null),

    /** Currency (only while the team has no ledger entries) and period rule. */
    async updateSettings(teamId: string, actor: Actor, input: unknown) {
      const body = bodyOf(input);
      onlyFields(body, ['currency', 'period']);
      const currency = body.currency === undefined ? undefined : currencyOf(body.currency);
      const rule = body.period === undefined ? undefined : parsePeriodRule(body.period);
      await store.transaction(async (tx) => {
        const settings = await ctx.settingsOf(tx, teamId);
        const next: SpendSettings = { ...settings, currency: currency ?? settings.currency, period: rule ?? settings.period, updatedAt: clock.now().toISOString() };
        if (next.currency !== settings.currency && (await store.hasLedger(tx, teamId))) {
          throw new DomainError('spend.currency_locked', `the team already has usage recorded in ${settings.currency}; its currency can no longer change`);
        }
        const periodChanged = next.period.kind !== settings.period.kind || next.period.anchor !== settings.period.anchor;
        if (!periodChanged && next.currency === settings.currency) return;
        await store.saveSettings(tx, next);
        if (periodChanged) {
          const period = periodAt(next.period, clock.now());
          await store.rebuildPeriod(tx, teamId, period.start, period.end);
        }
        const shown = (s: SpendSettings) => ({ currency: s.currency, period: { ...s.period } });
        await audit(tx, teamId, actor, { action: 'settings.changed', targetType: 'team', targetId: teamId, targetName: null, oldValue: shown(settings), newValue: shown(next), affected: 0 });
      });
      return view(teamId);
    },

    async preview(teamId: string, input: unknown) {
      const change = await changeOf(teamId, input);
      const settings = await ctx.settingsOf(store.db, teamId);
      const { affected, sample } = await impact.preview(settings, change);
      return {
        affectedMembers: affected,
        sample: sample.map((i) => ({ member: { id: i.member.id, userName: i.member.userName }, previous: i.previous, current: i.current })),
      };
    },

    async listGroupLimits(teamId: string, startIndex: number, count: number) {
      const page = await store.listGroupLimits(store.db, teamId, startIndex - 1, count);
      return { totalResults: page.total, startIndex, items: page.items.map((g) => ({ group: { id: g.groupId, name: g.groupName, memberCount: g.memberCount }, limit: limitValue(g.amount), updatedAt: g.updatedAt })) };
    },

    async listOverrides(teamId: string, startIndex: number, count: number) {
      const page = await store.listOverrides(store.db, teamId, startIndex - 1, count);
      return { totalResults: page.total, startIndex, items: page.items.map((o) => ({ member: { id: o.member.id, userName: o.member.userName, active: o.member.active }, override: limitValue(o.amount), updatedAt: o.updatedAt })) };
    },

    async audit(teamId: string, startIndex: number, count: number) {
      const page = await store.listAudit(store.db, teamId, startIndex - 1, count);
      return { totalResults: page.total, startIndex, items: page.items.map(auditView) };
    },
  };
}
