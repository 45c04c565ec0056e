// How a hold ends: captured (all or part of it becomes usage in the ledger),
// released, or expired. Each moves the hold out of `active` with one
// conditional UPDATE, so two settlements of one hold cannot both win, and
// gives its amount back to the held totals of the period it was taken in.
// Expired holds are reclaimed lazily (before an authorization of the same
// member) and by `sweep`, which a periodic job may call.

import { DomainError } from '../errors.js';
import type { SpendContext } from './spend-context.js';
import { amountOf, bodyOf, metadataOf, onlyFields, stringOf } from './spend-input.js';
import type { HoldRecord, LedgerRecord } from './store.js';
import type { AlertNotice } from './alerts.js';
import { ledgerView, requestHash, type LedgerView } from './usage-ledger.js';

export function holdView(hold: HoldRecord, now: Date) {
  const expired = hold.status === 'active' && new Date(hold.expiresAt) <= now;
  return {
    id: hold.id,
    memberId: hold.userId,
    amount: hold.amount,
    currency: hold.currency,
    status: expired ? ('expired' as const) : hold.status,
    periodStart: hold.periodStart,
    createdAt: hold.createdAt,
    expiresAt: hold.expiresAt,
    settledAt: hold.settledAt,
    capturedAmount: hold.capturedAmount,
    ledgerId: hold.ledgerId,
  };
}

export type HoldView = ReturnType<typeof holdView>;

const notActive = (hold: HoldRecord, status: string) =>
  new DomainError('spend.hold_not_active', `hold "${hold.id}" is ${status}; only an active hold can be ${status === 'captured' ? 'captured again' : 'settled'}`);

export function createHoldSettlement(ctx: SpendContext) {
  const { store, clock, ids } = ctx;

  async function load(teamId: string, holdId: string): Promise<HoldRecord> {
    const hold = await store.findHold(store.db, teamId, holdId);
    if (!hold) throw new DomainError('spend.hold_not_found', `no hold "${holdId}" in this team`);
    return hold;
  }

  /** Marks these active holds expired (if still active) and gives back what they held; returns how many. */
  async function expire(holds: HoldRecord[]): Promise<number> {
    if (holds.length === 0) return 0;
    return store.transaction(async (tx) => {
      let done = 0;
      const rows = new Map<string, HoldRecord>();
      for (const hold of holds) {
        if (!(await store.settleHold(tx, hold.id, { status: 'expired', at: hold.expiresAt }))) continue;
        await store.adjust(tx, hold.teamId, hold.userId, hold.periodStart, { spent: 0, held: -hold.amount });
        await store.adjustTeam(tx, hold.teamId, hold.periodStart, { spent: 0, held: -hold.amount });
        rows.set(`${hold.userId} ${hold.periodStart}`, hold);
        done++;
      }
      for (const hold of rows.values()) await store.refreshNextExpiry(tx, hold.userId, hold.periodStart);
      return done;
    });
  }

  /** The hold's state, after reclaiming it if it has expired without being settled. */
  async function current(teamId: string, holdId: string, now: Date): Promise<HoldRecord> {
    const hold = await load(teamId, holdId);
    if (hold.status === 'active' && new Date(hold.expiresAt) <= now) {
      await expire([hold]);
      return load(teamId, holdId);
    }
    return hold;
  }

  async function capture(teamId: string, holdId: string, input: unknown): Promise<{ hold: HoldView; entry: LedgerView; replayed: boolean }> {
    const body = bodyOf(input ?? {});
    onlyFields(body, ['amount', 'eventId', 'metadata']);
    const now = clock.now();
    const hold = await current(teamId, holdId, now);
    const amount = body.amount === undefined ? hold.amount : amountOf(body.amount, 'amount', { min: 1 });
    const eventId = body.eventId === undefined ? `hold:${hold.id}` : stringOf(body.eventId, 'eventId');
    const metadata = metadataOf(body.metadata);
    const [member] = await store.membersByIds(store.db, teamId, [hold.userId]);
    if (hold.status === 'captured') {
      // A retry of the capture that won answers the same; anything else is a conflict.
      const entry = hold.ledgerId ? await store.findLedger(store.db, hold.ledgerId) : undefined;
      if (entry && entry.amount === amount && entry.eventId === eventId) return { hold: holdView(hold, now), entry: ledgerView(entry, member), replayed: true };
      throw notActive(hold, 'captured');
    }
    if (hold.status !== 'active') throw notActive(hold, hold.status);
    if (amount > hold.amount) {
      throw new DomainError('spend.capture_exceeds_hold', `cannot capture ${amount}: the hold is for ${hold.amount}; authorize the difference separately`);
    }
    const settings = await ctx.settingsOf(store.db, teamId);
    const entry: LedgerRecord = {
      id: ids.uuid(),
      teamId,
      userId: hold.userId,
      eventId,
      kind: 'capture',
      amount,
      currency: hold.currency,
      occurredAt: now.toISOString(),
      recordedAt: now.toISOString(),
      // A capture counts in the period its hold was taken against.
      periodStart: hold.periodStart,
      metadata,
      reversesId: null,
      holdId: hold.id,
      requestHash: requestHash({ holdId: hold.id, amount, eventId, metadata }),
      refunded: 0,
    };
    let notices: AlertNotice[] = [];
    const captured = await store.transaction(async (tx) => {
      if (!(await store.settleHold(tx, hold.id, { status: 'captured', at: now.toISOString(), now: now.toISOString(), capturedAmount: amount, ledgerId: entry.id }))) return false;
      if (!(await store.insertLedger(tx, entry))) {
        throw new DomainError('spend.event_conflict', `event id "${eventId}" is already in the ledger; capture with a new event id (nothing was captured)`);
      }
      const totals = await store.adjust(tx, teamId, hold.userId, hold.periodStart, { spent: amount, held: -hold.amount });
      const team = await store.adjustTeam(tx, teamId, hold.periodStart, { spent: amount, held: -hold.amount });
      if (member) {
        const { limit } = await ctx.limitOf(tx, settings, member);
        notices = await ctx.afterSpend(tx, { settings, member, period: ctx.periodFromStart(settings, hold.periodStart), totals, team, limit, amount, refund: false });
      }
      return true;
    });
    // Another request settled the hold first: answer from what it did.
    if (!captured) return capture(teamId, holdId, input);
    ctx.alerts.send(notices);
    return { hold: holdView(await load(teamId, holdId), now), entry: ledgerView(entry, member), replayed: false };
  }

  async function release(teamId: string, holdId: string): Promise<HoldView> {
    const now = clock.now();
    const hold = await current(teamId, holdId, now);
    if (hold.status === 'captured') throw notActive(hold, 'captured');
    if (hold.status === 'active') {
      const released = await store.transaction(async (tx) => {
        if (!(await store.settleHold(tx, hold.id, { status: 'released', at: now.toISOString(), now: now.toISOString() }))) return false;
        await store.adjust(tx, teamId, hold.userId, hold.periodStart, { spent: 0, held: -hold.amount });
        await store.adjustTeam(tx, teamId, hold.periodStart, { spent: 0, held: -hold.amount });
        return true;
      });
      if (!released) return release(teamId, holdId);
    }
    // Releasing a released or expired hold changes nothing and succeeds.
    return holdView(await load(teamId, holdId), now);
  }

  return {
    capture,
    release,
    reclaim: async (userIds: string[], now: Date) => expire(await store.expiredHolds(store.db, now.toISOString(), userIds, 100)),
    /** Reclaims up to `limit` expired holds of any team; returns how many. */
    async sweep(limit = 500): Promise<number> {
      return expire(await store.expiredHolds(store.db, clock.now().toISOString(), undefined, limit));
    },
  };
}
