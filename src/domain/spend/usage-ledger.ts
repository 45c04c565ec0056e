// The usage ledger: the host product records what members spent, by its own
// event id. A retry of the same request never counts twice; the same event
// id with a different request is refused. Refunds are negative entries that
// reference the original. The member's and the team's running totals for
// the period move in the same transaction, so reads never sum the ledger.

import { createHash } from 'node:crypto';
import { DomainError } from '../errors.js';
import { periodAt } from './period.js';
import type { SpendContext } from './spend-context.js';
import { amountOf, bodyOf, checkCurrency, currencyOf, memberLookupOf, metadataOf, occurredAtOf, onlyFields, stringOf, type Body } from './spend-input.js';
import type { LedgerRecord, SpendMember, SpendSettings } from './store.js';
import type { AlertNotice } from './alerts.js';

export const USAGE_FIELDS = ['eventId', 'member', 'amount', 'currency', 'occurredAt', 'metadata', 'reverses'];

/** The stable hash of a request as sent: key order does not matter, values do. */
export function requestHash(body: Body): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Body)[k])]));
    return value;
  };
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}

export function ledgerView(entry: LedgerRecord, member?: SpendMember) {
  return {
    id: entry.id,
    eventId: entry.eventId,
    kind: entry.kind,
    member: member ? { id: member.id, userName: member.userName } : { id: entry.userId, userName: null as string | null },
    amount: entry.amount,
    currency: entry.currency,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    periodStart: entry.periodStart,
    metadata: entry.metadata,
    reverses: entry.reversesId,
    holdId: entry.holdId,
    refunded: entry.refunded,
  };
}

export type LedgerView = ReturnType<typeof ledgerView>;

export interface RecordResult {
  entry: LedgerView;
  /** True when this was a retry of a request already recorded: nothing changed. */
  replayed: boolean;
}

export function createUsageLedger(ctx: SpendContext) {
  const { store, clock, ids } = ctx;

  /** A retry answers what the first request recorded; a different request with its id is a conflict. */
  async function replay(teamId: string, eventId: string, hash: string): Promise<RecordResult | undefined> {
    const existing = await store.findLedgerByEvent(store.db, teamId, eventId);
    if (!existing) return undefined;
    if (existing.requestHash !== hash) {
      throw new DomainError('spend.event_conflict', `event id "${eventId}" was already recorded with a different request; use a new event id for a new usage (nothing was recorded)`);
    }
    const [member] = await store.membersByIds(store.db, teamId, [existing.userId]);
    return { entry: ledgerView(existing, member), replayed: true };
  }

  /** Writes a new entry with its totals and events; undefined when another request took the event id first. */
  async function write(entry: LedgerRecord, member: SpendMember, settings: SpendSettings, refundOf?: LedgerRecord): Promise<RecordResult | undefined> {
    let notices: AlertNotice[] = [];
    const result = await store.transaction(async (tx) => {
      if (!(await store.insertLedger(tx, entry))) return undefined;
      if (refundOf && !(await store.addRefunded(tx, refundOf.id, -entry.amount))) {
        throw new DomainError('spend.refund_exceeds_original', `the refund would take more than what is left of "${refundOf.eventId}" (${refundOf.amount - refundOf.refunded} of ${refundOf.amount}); nothing was recorded`);
      }
      const totals = await store.adjust(tx, entry.teamId, entry.userId, entry.periodStart, { spent: entry.amount, held: 0 });
      const team = await store.adjustTeam(tx, entry.teamId, entry.periodStart, { spent: entry.amount, held: 0 });
      const { limit } = await ctx.limitOf(tx, settings, member);
      const period = ctx.periodFromStart(settings, entry.periodStart);
      notices = await ctx.afterSpend(tx, { settings, member, period, totals, team, limit, amount: entry.amount, refund: refundOf !== undefined });
      return { entry: ledgerView({ ...entry, refunded: 0 }, member), replayed: false };
    });
    // Emails only once the usage is committed; they never fail the call.
    ctx.alerts.send(notices);
    return result;
  }

  async function refund(teamId: string, body: Body, eventId: string, hash: string): Promise<RecordResult> {
    const originalId = stringOf(body.reverses, 'reverses', 200);
    const original = await store.findLedgerByEvent(store.db, teamId, originalId);
    if (!original) throw new DomainError('spend.original_not_found', `no usage with event id "${originalId}" to refund (nothing was recorded)`);
    if (original.kind === 'refund') throw new DomainError('spend.invalid_request', `"${originalId}" is itself a refund; refund the original usage`);
    const currency = currencyOf(body.currency);
    checkCurrency(currency, original.currency);
    const left = original.amount - original.refunded;
    const amount = body.amount === undefined ? left : amountOf(body.amount, 'amount', { min: 1 });
    if (amount < 1 || amount > left) {
      throw new DomainError('spend.refund_exceeds_original', `at most ${left} of "${originalId}" is left to refund (nothing was recorded)`);
    }
    const [member] = await store.membersByIds(store.db, teamId, [original.userId]);
    if (body.member !== undefined) {
      const named = await ctx.resolveMember(store.db, teamId, memberLookupOf(body.member));
      if (named.id !== original.userId) throw new DomainError('spend.invalid_request', `"${originalId}" was recorded for another member`);
    }
    const now = clock.now();
    const occurredAt = occurredAtOf(body.occurredAt, now) ?? now;
    const entry: LedgerRecord = {
      id: ids.uuid(),
      teamId,
      userId: original.userId,
      eventId,
      kind: 'refund',
      amount: -amount,
      currency,
      occurredAt: occurredAt.toISOString(),
      recordedAt: now.toISOString(),
      // A refund gives back to the period the usage counted in.
      periodStart: original.periodStart,
      metadata: metadataOf(body.metadata),
      reversesId: original.id,
      holdId: null,
      requestHash: hash,
      refunded: 0,
    };
    const removed: SpendMember = member ?? { id: original.userId, userName: '', displayName: null, active: false };
    return (await write(entry, removed, await ctx.settingsOf(store.db, teamId), original)) ?? (await replay(teamId, eventId, hash)) as RecordResult;
  }

  return {
    /** Records usage, or (with `reverses`) a refund of earlier usage. */
    async record(teamId: string, input: unknown): Promise<RecordResult> {
      const body = bodyOf(input);
      onlyFields(body, USAGE_FIELDS);
      const eventId = stringOf(body.eventId, 'eventId');
      const hash = requestHash(body);
      const earlier = await replay(teamId, eventId, hash);
      if (earlier) return earlier;
      if (body.reverses !== undefined) return refund(teamId, body, eventId, hash);

      const amount = amountOf(body.amount, 'amount', { min: 1 });
      const currency = currencyOf(body.currency);
      const lookup = memberLookupOf(body.member);
      const metadata = metadataOf(body.metadata);
      const now = clock.now();
      const occurredAt = occurredAtOf(body.occurredAt, now) ?? now;
      const { member, settings } = await ctx.resolvePolicy(store.db, teamId, lookup);
      checkCurrency(currency, settings.currency);
      const entry: LedgerRecord = {
        id: ids.uuid(),
        teamId,
        userId: member.id,
        eventId,
        kind: 'usage',
        amount,
        currency,
        occurredAt: occurredAt.toISOString(),
        recordedAt: now.toISOString(),
        // Late usage counts in the period it happened in.
        periodStart: periodAt(settings.period, occurredAt).start,
        metadata,
        reversesId: null,
        holdId: null,
        requestHash: hash,
        refunded: 0,
      };
      return (await write(entry, member, settings)) ?? (await replay(teamId, eventId, hash)) as RecordResult;
    },
  };
}
