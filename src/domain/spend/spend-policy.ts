// What team admins set: the default per-user limit, per-user limits on
// directory groups (of their own team only), per-user overrides, a team-wide
// cap per period, and the currency and period. Every change is audited (who,
// when, old, new, how many members it affected) and writes one
// spend.limit_changed per member whose effective limit it changes, in the
// same transaction (a default or group change writes them with one
// statement: policy-impact.ts); `preview` counts those members without
// saving.

import { DomainError } from '../errors.js';
import { periodAt, parsePeriodRule } from './period.js';
import { thresholdsOf } from './alerts.js';
import { createPolicyImpact, withDefault, type LimitSetting, type PolicyChange } from './policy-impact.js';
import type { SpendContext } from './spend-context.js';
import type { Actor, LimitChangeReason } from './spend-events.js';
import { amountOf, bodyOf, currencyOf, invalidRequest, limitOf, modeOf, onlyFields, stringOf } from './spend-input.js';
import type { AuditRecord, LimitMode, OverrideRecord, SpendMember, SpendSettings } from './store.js';
import { decodeCursor, encodeCursor } from '../directory/list-cursor.js';

/** A limit as the API shows it: null when not set. */
export function limitValue(limit: LimitSetting | null | undefined) {
  return limit ? { amount: limit.amount, unlimited: limit.amount === null, mode: limit.mode } : null;
}

/** An override as the API shows it: a limit, and for a temporary one its end and request. */
export function overrideValue(o: OverrideRecord | undefined) {
  return o ? { amount: o.amount, unlimited: o.amount === null, mode: o.mode, until: o.expiresAt, requestId: o.requestId } : null;
}

const sameOverride = (a: OverrideRecord, b: OverrideRecord) => a.amount === b.amount && a.mode === b.mode && a.expiresAt === b.expiresAt && a.requestId === b.requestId;
const capValue = (s: Pick<SpendSettings, 'teamCap' | 'teamCapMode' | 'capPerMember'>) =>
  s.teamCap === null && s.capPerMember === null ? null : { amount: s.teamCap, perMember: s.capPerMember, mode: s.teamCapMode };

const REASONS: Record<PolicyChange['target'], LimitChangeReason> = { default: 'default_changed', group: 'group_limit_changed', override: 'override_changed' };

export function auditView(r: AuditRecord) {
  return {
    id: r.id,
    at: r.at,
    actor: { kind: r.actorKind ?? (r.actorId ? 'admin' : 'directory'), accountId: r.actorId, email: r.actorEmail },
    action: r.action,
    target: { type: r.targetType, id: r.targetId, name: r.targetName },
    old: r.oldValue,
    new: r.newValue,
    affectedMembers: r.affected,
  };
}

export type SpendPolicy = ReturnType<typeof createSpendPolicy>;

export function createSpendPolicy(ctx: SpendContext) {
  const { store, clock, ids } = ctx;
  const impact = createPolicyImpact(ctx);

  /** Writes the limit_changed events of a change; returns how many members it affected. */
  function notify(tx: unknown, settings: SpendSettings, change: PolicyChange, actor: Actor): Promise<number> {
    return impact.appendChanges(tx, settings, change, REASONS[change.target], actor, change.target === 'group' ? change.groupId : null);
  }

  /**
   * Each limit change first takes the team's events lock, then reads the
   * policy: two changes (on two instances) take turns, the second computes
   * its events from the first one's result, so the last event of each member
   * names the limit the final settings give.
   */
  async function policyOf(tx: unknown, teamId: string): Promise<SpendSettings> {
    await store.lockEvents(tx, teamId);
    return ctx.settingsOf(tx, teamId);
  }

  async function audit(tx: unknown, teamId: string, actor: Actor, entry: Pick<AuditRecord, 'action' | 'targetType' | 'targetId' | 'targetName' | 'oldValue' | 'newValue' | 'affected'>) {
    await store.insertAudit(tx, { id: ids.uuid(), teamId, at: clock.now().toISOString(), actorKind: actor.kind, actorId: actor.accountId, actorEmail: actor.email, ...entry });
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

  const defaultOf = (s: SpendSettings) => (s.defaultLimit === null ? null : limitValue({ amount: s.defaultLimit, mode: s.defaultMode }));

  async function setDefault(teamId: string, actor: Actor, limit: LimitSetting) {
    return store.transaction(async (tx) => {
      const settings = await policyOf(tx, teamId);
      const next = withDefault(settings, limit);
      // Saving what is already set changes nothing and is not audited.
      if (settings.defaultLimit === next.defaultLimit && settings.defaultMode === next.defaultMode) return { defaultLimit: defaultOf(next), affectedMembers: 0 };
      const affected = await notify(tx, settings, { target: 'default', limit }, actor);
      await store.saveSettings(tx, { ...next, updatedAt: clock.now().toISOString() });
      await audit(tx, teamId, actor, { action: next.defaultLimit === null ? 'default.cleared' : 'default.set', targetType: 'team', targetId: teamId, targetName: null, oldValue: defaultOf(settings), newValue: defaultOf(next), affected });
      return { defaultLimit: defaultOf(next), affectedMembers: affected };
    });
  }

  async function setGroupLimit(teamId: string, actor: Actor, groupId: string, limit: LimitSetting | undefined) {
    const g = await group(teamId, groupId);
    return store.transaction(async (tx) => {
      const settings = await policyOf(tx, teamId);
      const old = await store.groupLimit(tx, teamId, groupId);
      if (old && limit ? old.amount === limit.amount && old.mode === limit.mode : !old && !limit) return { group: { id: g.id, name: g.name }, limit: limitValue(limit), affectedMembers: 0 };
      const affected = await notify(tx, settings, { target: 'group', groupId, groupName: g.name, limit }, actor);
      if (limit === undefined) {
        await store.clearGroupLimit(tx, groupId);
        await store.adjustLimitedGroupsOfGroup(tx, teamId, groupId, -1);
      } else {
        await store.setGroupLimit(tx, teamId, groupId, limit, clock.now().toISOString());
        if (!old) await store.adjustLimitedGroupsOfGroup(tx, teamId, groupId, 1);
      }
      await audit(tx, teamId, actor, { action: limit === undefined ? 'group_limit.cleared' : 'group_limit.set', targetType: 'group', targetId: g.id, targetName: g.name, oldValue: limitValue(old), newValue: limitValue(limit), affected });
      return { group: { id: g.id, name: g.name }, limit: limitValue(limit), affectedMembers: affected };
    });
  }

  /** Sets or clears a member's override inside `tx`: events, audit; the number of members affected (0 or 1). */
  async function applyOverride(tx: unknown, teamId: string, actor: Actor, m: SpendMember, next: OverrideRecord | undefined): Promise<number> {
    const settings = await policyOf(tx, teamId);
    const old = (await store.overridesOf(tx, teamId, [m.id])).get(m.id);
    if (old && next ? sameOverride(old, next) : !old && !next) return 0;
    const affected = await notify(tx, settings, { target: 'override', userId: m.id, override: next }, actor);
    if (next === undefined) await store.clearOverride(tx, m.id);
    else await store.setOverride(tx, teamId, m.id, next, clock.now().toISOString());
    await audit(tx, teamId, actor, { action: next === undefined ? 'override.cleared' : 'override.set', targetType: 'member', targetId: m.id, targetName: m.userName, oldValue: overrideValue(old), newValue: overrideValue(next), affected });
    return affected;
  }

  async function setOverride(teamId: string, actor: Actor, userId: string, limit: LimitSetting | undefined) {
    const m = await member(teamId, userId);
    const next: OverrideRecord | undefined = limit && { ...limit, expiresAt: null, requestId: null };
    const affected = await store.transaction((tx) => applyOverride(tx, teamId, actor, m, next));
    return { member: { id: m.id, userName: m.userName }, override: overrideValue(next), affectedMembers: affected };
  }

  async function setTeamCap(teamId: string, actor: Actor, cap: { amount: number | null; perMember: number | null; mode: LimitMode }) {
    return store.transaction(async (tx) => {
      const settings = await ctx.settingsOf(tx, teamId);
      const next: SpendSettings = { ...settings, teamCap: cap.amount, capPerMember: cap.perMember, teamCapMode: cap.amount === null && cap.perMember === null ? 'hard' : cap.mode };
      if (JSON.stringify(capValue(settings)) === JSON.stringify(capValue(next))) return { teamCap: capValue(next) };
      await store.saveSettings(tx, { ...next, updatedAt: clock.now().toISOString() });
      await audit(tx, teamId, actor, { action: capValue(next) === null ? 'team_cap.cleared' : 'team_cap.set', targetType: 'team', targetId: teamId, targetName: null, oldValue: capValue(settings), newValue: capValue(next), affected: 0 });
      return { teamCap: capValue(next) };
    });
  }

  async function view(teamId: string) {
    const settings = await ctx.settingsOf(store.db, teamId);
    const period = periodAt(settings.period, clock.now());
    const team = await store.teamTotals(store.db, teamId, period.start);
    const cap = await ctx.capOf(store.db, settings);
    return {
      currency: settings.currency,
      period,
      defaultLimit: defaultOf(settings),
      teamCap: capValue(settings),
      alertThresholds: settings.alertThresholds,
      teamTotals: { cap, spent: team.spent, held: team.held, remaining: cap === null ? null : Math.max(0, cap - team.spent - team.held) },
      updatedAt: settings.updatedAt,
    };
  }

  /** Parses the body of a preview: which change, and to what. */
  async function changeOf(teamId: string, input: unknown): Promise<PolicyChange> {
    const body = bodyOf(input);
    const { target, groupId, userId, clear, ...limitBody } = body;
    const limit = clear === true ? undefined : limitOf(limitBody);
    if (clear !== undefined && clear !== true) throw invalidRequest('clear must be true when present');
    switch (target) {
      case 'default':
        onlyFields(body, ['target', 'amount', 'unlimited', 'mode', 'clear']);
        return { target, limit: limit ?? { amount: null, mode: 'hard' } };
      case 'group': {
        onlyFields(body, ['target', 'groupId', 'amount', 'unlimited', 'mode', 'clear']);
        const g = await group(teamId, stringOf(groupId, 'groupId'));
        return { target, groupId: g.id, groupName: g.name, limit };
      }
      case 'override':
        onlyFields(body, ['target', 'userId', 'amount', 'unlimited', 'mode', 'clear']);
        await member(teamId, stringOf(userId, 'userId'));
        return { target, userId: userId as string, override: limit && { ...limit, expiresAt: null, requestId: null } };
      default:
        throw invalidRequest('target must be "default", "group" or "override"');
    }
  }

  return {
    view,
    applyOverride,

    setDefault: (teamId: string, actor: Actor, input: unknown) => setDefault(teamId, actor, limitOf(input)),
    clearDefault: (teamId: string, actor: Actor) => setDefault(teamId, actor, { amount: null, mode: 'hard' }),
    setGroupLimit: (teamId: string, actor: Actor, groupId: string, input: unknown) => setGroupLimit(teamId, actor, groupId, limitOf(input)),
    clearGroupLimit: (teamId: string, actor: Actor, groupId: string) => setGroupLimit(teamId, actor, groupId, undefined),
    setOverride: (teamId: string, actor: Actor, userId: string, input: unknown) => setOverride(teamId, actor, userId, limitOf(input)),
    clearOverride: (teamId: string, actor: Actor, userId: string) => setOverride(teamId, actor, userId, undefined),

    /** `{ amount, mode? }` (a fixed cap) or `{ perMember, mode? }` (a cap per active member). */
    setTeamCap(teamId: string, actor: Actor, input: unknown) {
      const body = bodyOf(input);
      onlyFields(body, ['amount', 'perMember', 'mode']);
      const mode = modeOf(body.mode);
      if (body.perMember !== undefined) {
        if (body.amount !== undefined) throw invalidRequest('send either {"amount": …} (a fixed cap) or {"perMember": …} (a cap per active member), not both');
        return setTeamCap(teamId, actor, { amount: null, perMember: amountOf(body.perMember, 'perMember', { min: 0 }), mode });
      }
      return setTeamCap(teamId, actor, { amount: amountOf(body.amount, 'amount', { min: 0 }), perMember: null, mode });
    },
    clearTeamCap: (teamId: string, actor: Actor) => setTeamCap(teamId, actor, { amount: null, perMember: null, mode: 'hard' }),

    /** The team's alert thresholds (replaces the list; empty: no alerts). */
    async setAlerts(teamId: string, actor: Actor, input: unknown) {
      const thresholds = thresholdsOf(input);
      return store.transaction(async (tx) => {
        const settings = await ctx.settingsOf(tx, teamId);
        if (JSON.stringify(settings.alertThresholds) !== JSON.stringify(thresholds)) {
          await store.saveSettings(tx, { ...settings, alertThresholds: thresholds, updatedAt: clock.now().toISOString() });
          await audit(tx, teamId, actor, { action: 'alerts.changed', targetType: 'team', targetId: teamId, targetName: null, oldValue: settings.alertThresholds, newValue: thresholds, affected: 0 });
        }
        return { alertThresholds: thresholds };
      });
    },

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
      const { affected, sample, whatIf } = await impact.preview(settings, change);
      return {
        affectedMembers: affected,
        whatIf,
        sample: sample.map((i) => ({ member: { id: i.member.id, userName: i.member.userName }, previous: i.previous, current: i.current })),
      };
    },

    async listGroupLimits(teamId: string, startIndex: number, count: number) {
      const page = await store.listGroupLimits(store.db, teamId, startIndex - 1, count);
      return { totalResults: page.total, startIndex, items: page.items.map((g) => ({ group: { id: g.groupId, name: g.groupName, memberCount: g.memberCount }, limit: limitValue(g), updatedAt: g.updatedAt })) };
    },

    async listOverrides(teamId: string, startIndex: number, count: number) {
      const page = await store.listOverrides(store.db, teamId, startIndex - 1, count);
      return { totalResults: page.total, startIndex, items: page.items.map((o) => ({ member: { id: o.member.id, userName: o.member.userName, active: o.member.active }, override: overrideValue(o.override), updatedAt: o.updatedAt })) };
    },

    /** By startIndex, or by an RFC 9865 cursor ('' for the first page) that costs the same at any depth. */
    async audit(teamId: string, startIndex: number, count: number, cursor?: string) {
      if (cursor === undefined) {
        const page = await store.listAudit(store.db, teamId, startIndex - 1, count);
        return { totalResults: page.total, startIndex, items: page.items.map(auditView) };
      }
      const scope = { teamId, list: 'spend audit' };
      const after = decodeCursor(scope, cursor);
      // seq starts at 1: "before" a seq above every one is the newest entry.
      const page = await store.listAudit(store.db, teamId, 0, count, after ? after.seq : Number.MAX_SAFE_INTEGER);
      const nextCursor = page.lastSeq === undefined ? null : encodeCursor(scope, { seq: page.lastSeq });
      return { totalResults: page.total, items: page.items.map(auditView), nextCursor };
    },
  };
}
