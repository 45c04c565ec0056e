// What every part of spend management shares: the store, time, ids, the
// event builders, and the reads each operation starts from (a team's
// settings, a member by reference, members' effective limits).

import { DomainError } from '../errors.js';
import type { Clock, Ids } from '../ports.js';
import type { DomainEvent } from '../events.js';
import { effectiveLimit, overrideInForce, type EffectiveLimit } from './effective-limit.js';
import { DEFAULT_PERIOD, periodAt, type Period } from './period.js';
import { createSpendEvents, TEAM_CAP_BIT, THRESHOLDS, thresholdBits } from './spend-events.js';
import type { GroupLimit, MemberLookup, OverrideRecord, SpendMember, SpendSettings, SpendStore, Totals } from './store.js';
import type { Mailer } from '../mail.js';
import { createAlerts, type AlertNotice } from './alerts.js';

export const DEFAULT_CURRENCY = 'USD';

export const defaultSettings = (teamId: string): SpendSettings => ({
  teamId,
  currency: DEFAULT_CURRENCY,
  defaultLimit: null,
  defaultMode: 'hard',
  teamCap: null,
  teamCapMode: 'hard',
  capPerMember: null,
  alertThresholds: [],
  period: DEFAULT_PERIOD,
  updatedAt: null,
});

/** A member's effective limit from the team's settings, their override in force and their limited groups. */
export function limitFrom(settings: SpendSettings, active: boolean, override: OverrideRecord | undefined, groups: GroupLimit[]): EffectiveLimit {
  return effectiveLimit({ active, override, groups, defaultLimit: settings.defaultLimit, defaultMode: settings.defaultMode });
}

/** The team cap in force: fixed, or (dynamic) the amount per active member times their number. */
export function teamCapOf(settings: SpendSettings, activeMembers: number | undefined): number | null {
  if (settings.capPerMember !== null) return settings.capPerMember * (activeMembers ?? 0);
  return settings.teamCap;
}

/** Lets a caller see a member's groups or override as they were before (or will be after) a change. */
export interface LimitOptions {
  groupsOf?: (userId: string, groups: GroupLimit[]) => GroupLimit[];
  overrideOf?: (userId: string, current: OverrideRecord | undefined) => OverrideRecord | undefined;
}

export interface SpendDeps {
  store: SpendStore;
  clock: Clock;
  ids: Ids;
  /** Alert emails (after commit); absent or disabled: events only. */
  mailer?: Mailer;
  /** Where a failed alert email is reported (it never fails the usage call). */
  log?: (message: string, error: unknown) => void;
}

export function createSpendContext(deps: SpendDeps) {
  const { store, clock, ids } = deps;
  const events = createSpendEvents(clock, ids);
  const alerts = createAlerts({ store, events, mailer: deps.mailer, now: () => clock.now(), log: deps.log });

  async function settingsOf(tx: unknown, teamId: string): Promise<SpendSettings> {
    return (await store.settings(tx, teamId)) ?? defaultSettings(teamId);
  }

  function single<T>(found: T[], lookup: MemberLookup): T {
    if (found.length === 0) throw new DomainError('spend.member_not_found', `no member with ${lookup.by} "${lookup.value}" in this team (nothing was recorded)`);
    if (found.length > 1) throw new DomainError('spend.member_ambiguous', `several members have ${lookup.by} "${lookup.value}"; use their id`);
    return found[0];
  }

  /** The member a lookup names: 404 when none, 409 when an email names several. */
  async function resolveMember(tx: unknown, teamId: string, lookup: MemberLookup): Promise<SpendMember> {
    return single(await store.findMembers(tx, teamId, lookup), lookup);
  }

  /** The member with their override in force and the team's settings, in one read (the hot path). */
  async function resolvePolicy(tx: unknown, teamId: string, lookup: MemberLookup): Promise<{ member: SpendMember; override: OverrideRecord | undefined; settings: SpendSettings; activeMembers?: number }> {
    const found = single(await store.memberPolicy(tx, teamId, lookup), lookup);
    return { member: found.member, override: overrideInForce(found.override, clock.now()), settings: found.settings ?? defaultSettings(teamId), activeMembers: found.activeMembers };
  }

  /** resolvePolicy and the member's state (groups, totals) for `periodStart`, in one read (authorize's hot path). */
  async function resolvePolicyWithState(tx: unknown, teamId: string, lookup: MemberLookup, periodStart: string) {
    const found = single(await store.memberPolicyWithState(tx, teamId, lookup, periodStart), lookup);
    return { member: found.member, override: overrideInForce(found.override, clock.now()), settings: found.settings ?? defaultSettings(teamId), activeMembers: found.activeMembers, state: found.state };
  }

  /** Effective limits of several members in two queries, whatever their number of groups. */
  async function limitsOf(tx: unknown, settings: SpendSettings, members: SpendMember[], options: LimitOptions = {}): Promise<Map<string, { limit: EffectiveLimit; groups: GroupLimit[] }>> {
    const out = new Map<string, { limit: EffectiveLimit; groups: GroupLimit[] }>();
    if (members.length === 0) return out;
    const userIds = members.map((m) => m.id);
    const [groups, overrides] = await Promise.all([store.groupLimitsOf(tx, settings.teamId, userIds), store.overridesOf(tx, settings.teamId, userIds)]);
    const now = clock.now();
    for (const m of members) {
      const stored = groups.get(m.id) ?? [];
      const memberGroups = options.groupsOf ? options.groupsOf(m.id, stored) : stored;
      const current = overrideInForce(overrides.get(m.id), now);
      const override = options.overrideOf ? options.overrideOf(m.id, current) : current;
      out.set(m.id, { groups: memberGroups, limit: limitFrom(settings, m.active, override, memberGroups) });
    }
    return out;
  }

  async function limitOf(tx: unknown, settings: SpendSettings, member: SpendMember) {
    return (await limitsOf(tx, settings, [member])).get(member.id) as { limit: EffectiveLimit; groups: GroupLimit[] };
  }

  /**
   * After spend moved: records which thresholds are now reached (clearing
   * them when a refund goes back under) and returns the events for those
   * newly reached. Runs in the transaction that changed the totals, which
   * holds their row, so two requests never report the same crossing.
   */
  async function thresholdEvents(
    tx: unknown,
    input: { settings: SpendSettings; member: SpendMember; period: Period; totals: Totals; team: Totals; limit: EffectiveLimit; refund: boolean; cap: number | null },
  ): Promise<DomainEvent[]> {
    const { settings, member, period, totals, team, refund, cap } = input;
    // A member who may not spend has no thresholds to report against.
    const limit = input.limit.source.type === 'suspended' || input.limit.source.type === 'removed' ? null : input.limit.amount;
    const out: DomainEvent[] = [];
    // A refund only ever clears thresholds; it never reports one.
    const reached = thresholdBits(totals.spent, limit);
    const bits = refund ? reached & totals.notified : reached;
    if (bits !== totals.notified) await store.setNotified(tx, member.id, period.start, bits);
    for (const t of THRESHOLDS) {
      if (bits & t.bit && !(totals.notified & t.bit)) out.push(events.thresholdCrossed(settings.teamId, member, t.percent, limit as number, totals.spent, settings.currency, period));
    }
    const capReached = cap !== null && team.spent >= cap ? TEAM_CAP_BIT : 0;
    const capBits = refund ? capReached & team.notified : capReached;
    if (capBits !== team.notified) await store.setTeamNotified(tx, settings.teamId, period.start, capBits);
    if (capBits && !team.notified) out.push(events.teamCapReached(settings.teamId, cap as number, team.spent, settings.currency, period));
    return out;
  }

  /** The period a stored period start belongs to, under the team's rule. */
  function periodFromStart(settings: SpendSettings, start: string): Period {
    const period = periodAt(settings.period, new Date(start));
    return period.start === start ? period : { ...period, start };
  }

  /**
   * Everything that follows recorded spend, in its transaction: the fixed
   * 80/100% and team-cap signals, and the team's alert thresholds. Returns
   * the alert emails to send once the transaction commits.
   */
  async function afterSpend(
    tx: unknown,
    input: { settings: SpendSettings; member: SpendMember; period: Period; totals: Totals; team: Totals; limit: EffectiveLimit; amount: number; refund: boolean },
  ): Promise<AlertNotice[]> {
    const cap = await capOf(tx, input.settings);
    const fixed = await thresholdEvents(tx, { ...input, cap });
    const fired = input.refund ? { events: [], notices: [] } : await alerts.fire(tx, { ...input, memberSpent: input.totals.spent, teamSpent: input.team.spent, cap });
    await store.appendEvents(tx, [...fixed, ...fired.events]);
    return fired.notices;
  }

  /** The team cap in force, reading the active members only for a dynamic cap. */
  async function capOf(tx: unknown, settings: SpendSettings): Promise<number | null> {
    return settings.capPerMember === null ? settings.teamCap : teamCapOf(settings, await store.activeMembers(tx, settings.teamId));
  }

  return { store, clock, ids, events, alerts, afterSpend, capOf, settingsOf, resolveMember, resolvePolicy, resolvePolicyWithState, limitsOf, limitOf, thresholdEvents, periodFromStart };
}

export type SpendContext = ReturnType<typeof createSpendContext>;
