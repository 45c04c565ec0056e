// "May member M spend X now?" on the host product's hot path, and holds:
// authorize with a hold, then capture (all or part) or release it; an
// unsettled hold expires. The cost is O(the member's groups): a handful of
// indexed reads, never a scan of a group, the team or the ledger.
//
// No overspend under concurrency: a hold is taken by one conditional UPDATE
// of the member's running total (held = held + x WHERE spent + held + x <=
// limit), which PostgreSQL re-checks on the locked row and SQLite runs in
// its single writer; the team cap is taken the same way on the team's row.

import { DomainError } from '../errors.js';
import { remainingOf, type EffectiveLimit } from './effective-limit.js';
import { DEFAULT_PERIOD, periodAt, type Period } from './period.js';
import { limitFrom, teamCapOf, type SpendContext } from './spend-context.js';
import { amountOf, bodyOf, checkCurrency, currencyOf, memberLookupOf, onlyFields, invalidRequest } from './spend-input.js';
import type { HoldRecord, SpendMember, SpendSettings, Totals } from './store.js';
import { createHoldSettlement, holdView } from './hold-settlement.js';

export const DEFAULT_HOLD_TTL_SECONDS = 900;
export const MAX_HOLD_TTL_SECONDS = 7 * 86_400;
const LAST_PERIOD_MAX = 10_000;

export type DenialReason = 'member_suspended' | 'limit_exceeded' | 'team_cap_reached';

/** Thrown inside the hold transaction to undo the member's reservation when the team cap refuses. */
class TeamCapRefused extends Error {}

export function createAuthorizer(ctx: SpendContext) {
  const { store, clock, ids } = ctx;
  const settlement = createHoldSettlement(ctx);
  /** Each team's period at its last authorization: the guess that lets one read do (it is checked, never trusted). */
  const lastPeriod = new Map<string, string>();

  function answer(input: {
    member: SpendMember;
    settings: SpendSettings;
    cap: number | null;
    limit: EffectiveLimit;
    period: Period;
    amount: number;
    totals: Totals;
    team: Totals;
    denied: DenialReason | null;
    /** The request passes the member's limit or the team cap (refused by a hard one, allowed by a soft one). */
    overLimit: boolean;
    hold?: HoldRecord;
  }) {
    const { member, settings, cap, limit, period, totals, team, denied } = input;
    const memberLeft = member.active ? remainingOf(limit.amount, totals.spent, totals.held) : 0;
    const teamLeft = cap === null ? null : remainingOf(cap, team.spent, team.held);
    const remaining = memberLeft === null ? teamLeft : teamLeft === null ? memberLeft : Math.min(memberLeft, teamLeft);
    return {
      allowed: denied === null,
      reason: denied,
      overLimit: input.overLimit,
      mode: limit.mode,
      member: { id: member.id, userName: member.userName, active: member.active },
      amount: input.amount,
      currency: settings.currency,
      remaining,
      limit: { amount: limit.amount, mode: limit.mode, source: limit.source },
      spent: totals.spent,
      held: totals.held,
      period: { kind: period.kind, start: period.start, end: period.end },
      teamCap: cap === null ? null : { amount: cap, mode: settings.teamCapMode, perMember: settings.capPerMember, spent: team.spent, held: team.held, remaining: teamLeft },
      hold: input.hold ? holdView(input.hold, clock.now()) : null,
    };
  }

  /** Hard limits refuse; soft ones allow and flag the answer as over the limit. */
  function decide(member: SpendMember, settings: SpendSettings, cap: number | null, limit: EffectiveLimit, amount: number, totals: Totals, team: Totals): { denied: DenialReason | null; overLimit: boolean } {
    if (!member.active) return { denied: 'member_suspended', overLimit: false };
    const overMember = limit.amount !== null && totals.spent + totals.held + amount > limit.amount;
    if (overMember && limit.mode === 'hard') return { denied: 'limit_exceeded', overLimit: true };
    const overCap = cap !== null && team.spent + team.held + amount > cap;
    if (overCap && settings.teamCapMode === 'hard') return { denied: 'team_cap_reached', overLimit: true };
    return { denied: null, overLimit: overMember || overCap };
  }

  return {
    settlement,

    async authorize(teamId: string, input: unknown) {
      const body = bodyOf(input);
      onlyFields(body, ['member', 'amount', 'currency', 'hold', 'holdTtlSeconds']);
      const wantsHold = body.hold === true;
      if (body.hold !== undefined && typeof body.hold !== 'boolean') throw invalidRequest('hold must be true or false');
      const amount = amountOf(body.amount, 'amount', { min: wantsHold ? 1 : 0 });
      const currency = currencyOf(body.currency);
      const lookup = memberLookupOf(body.member);
      let ttl = DEFAULT_HOLD_TTL_SECONDS;
      if (body.holdTtlSeconds !== undefined) {
        if (!wantsHold) throw invalidRequest('holdTtlSeconds needs "hold": true');
        if (typeof body.holdTtlSeconds !== 'number' || !Number.isInteger(body.holdTtlSeconds) || body.holdTtlSeconds < 1 || body.holdTtlSeconds > MAX_HOLD_TTL_SECONDS) {
          throw invalidRequest(`holdTtlSeconds must be a whole number from 1 to ${MAX_HOLD_TTL_SECONDS}`);
        }
        ttl = body.holdTtlSeconds;
      }

      // One read: the member with override and settings, their groups and
      // totals for the period the team was in last time (its settings say
      // which; read again in the rare case they now say another).
      const now = clock.now();
      const guess = lastPeriod.get(teamId) ?? periodAt(DEFAULT_PERIOD, now).start;
      const { member, override, settings, activeMembers, state: guessed } = await ctx.resolvePolicyWithState(store.db, teamId, lookup, guess);
      // A dynamic cap (per active member) counts the team's active members; a fixed cap reads nothing more.
      const cap = settings.capPerMember === null ? teamCapOf(settings, activeMembers) : await ctx.capOf(store.db, settings);
      checkCurrency(currency, settings.currency);
      const period = periodAt(settings.period, now);
      if (lastPeriod.size >= LAST_PERIOD_MAX && !lastPeriod.has(teamId)) lastPeriod.clear();
      lastPeriod.set(teamId, period.start);
      let state = period.start === guess ? guessed : await store.memberState(store.db, teamId, member.id, period.start);
      // Expired holds stop counting: give them back before deciding (only
      // when one may have expired, so the usual authorization reads twice).
      if (state.totals.held > 0 && (state.totals.nextExpiry ?? '') <= now.toISOString() && (await settlement.reclaim([member.id], now)) > 0) {
        state = await store.memberState(store.db, teamId, member.id, period.start);
      }
      const limit = limitFrom(settings, member.active, override, state.groups);
      const totals = state.totals;

      if (!wantsHold || !member.active) {
        return answer({ member, settings, cap, limit, period, amount, totals, team: state.team, ...decide(member, settings, cap, limit, amount, totals, state.team) });
      }

      const hold: HoldRecord = {
        id: ids.uuid(),
        teamId,
        userId: member.id,
        amount,
        currency,
        periodStart: period.start,
        status: 'active',
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttl * 1000).toISOString(),
        settledAt: null,
        capturedAmount: null,
        ledgerId: null,
      };
      let refused: { totals: Totals; team: Totals; reason: DenialReason } | undefined;
      // A soft limit or cap does not bound the reservation; the answer flags going over it.
      const bound = limit.mode === 'soft' ? null : limit.amount;
      const capBound = settings.teamCapMode === 'soft' ? null : cap;
      try {
        const granted = await store.transaction(async (tx) => {
          const after = await store.reserve(tx, teamId, member.id, period.start, amount, bound, hold.expiresAt);
          if (!after) {
            const current = (await store.totalsOf(tx, [member.id], period.start)).get(member.id) ?? totals;
            refused = { totals: current, team: await store.teamTotals(tx, teamId, period.start), reason: 'limit_exceeded' };
            return undefined;
          }
          const team = await store.reserveTeam(tx, teamId, period.start, amount, capBound);
          if (!team) {
            refused = { totals: { ...after, held: after.held - amount }, team: await store.teamTotals(tx, teamId, period.start), reason: 'team_cap_reached' };
            throw new TeamCapRefused();
          }
          await store.insertHold(tx, hold);
          return { totals: after, team };
        });
        if (granted) {
          const t = granted.totals;
          const overLimit = (limit.amount !== null && t.spent + t.held > limit.amount) || (cap !== null && granted.team.spent + granted.team.held > cap);
          return answer({ member, settings, cap, limit, period, amount, totals: t, team: granted.team, denied: null, overLimit, hold });
        }
      } catch (error) {
        if (!(error instanceof TeamCapRefused)) throw error;
      }
      const r = refused as NonNullable<typeof refused>;
      return answer({ member, settings, cap, limit, period, amount, totals: r.totals, team: r.team, denied: r.reason, overLimit: true });
    },

    async getHold(teamId: string, holdId: string) {
      const hold = await store.findHold(store.db, teamId, holdId);
      if (!hold) throw new DomainError('spend.hold_not_found', `no hold "${holdId}" in this team`);
      return holdView(hold, clock.now());
    },
  };
}
