// The ledger, holds and running totals. Totals move with single upserts
// (INSERT … ON CONFLICT DO UPDATE … RETURNING) so a request touches one row
// per total in one statement. A reservation is the same upsert with a WHERE
// on the DO UPDATE: PostgreSQL evaluates it on the conflicting row under its
// lock (re-read after a concurrent commit), SQLite in its single writer, so
// concurrent holds can never take the total past the limit.

import { sql } from 'kysely';
import type { HoldRecord, HoldStatus, LedgerKind, LedgerRecord, Totals } from '../../domain/spend/store.js';
import type { SpendHoldsTable, SpendLedgerTable } from '../db-types.js';
import { type Executor, chunks } from '../executor.js';

type TotalsRow = { spent: unknown; held: unknown; notified: unknown };

const ZERO: Totals = { spent: 0, held: 0, notified: 0 };
const toTotals = (r: TotalsRow | undefined): Totals => (r ? { spent: Number(r.spent), held: Number(r.held), notified: Number(r.notified) } : { ...ZERO });

function toLedger(r: SpendLedgerTable): LedgerRecord {
  return {
    id: r.id,
    teamId: r.team_id,
    userId: r.user_id,
    eventId: r.event_id,
    kind: r.kind as LedgerKind,
    amount: Number(r.amount),
    currency: r.currency,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    periodStart: r.period_start,
    metadata: r.metadata === null ? null : (JSON.parse(r.metadata) as Record<string, unknown>),
    reversesId: r.reverses_id,
    holdId: r.hold_id,
    requestHash: r.request_hash,
    refunded: Number(r.refunded),
  };
}

function toHold(r: SpendHoldsTable): HoldRecord {
  return {
    id: r.id,
    teamId: r.team_id,
    userId: r.user_id,
    amount: Number(r.amount),
    currency: r.currency,
    periodStart: r.period_start,
    status: r.status as HoldStatus,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    settledAt: r.settled_at,
    capturedAmount: r.captured_amount === null ? null : Number(r.captured_amount),
    ledgerId: r.ledger_id,
  };
}

export function createSpendLedgerRepository() {
  return {
    async totalsOf(db: Executor, userIds: string[], periodStart: string): Promise<Map<string, Totals>> {
      const out = new Map<string, Totals>();
      for (const part of chunks([...new Set(userIds)])) {
        const rows = await db.selectFrom('spend_totals').select(['user_id', 'spent', 'held', 'notified']).where('user_id', 'in', part).where('period_start', '=', periodStart).execute();
        for (const r of rows) out.set(r.user_id, toTotals(r));
      }
      return out;
    },

    async ledgerDays(db: Executor, teamId: string, periodStart: string, userIds: string[]): Promise<Map<string, Array<{ day: string; amount: number }>>> {
      const out = new Map<string, Array<{ day: string; amount: number }>>();
      for (const part of chunks([...new Set(userIds)])) {
        const rows = await db
          .selectFrom('spend_ledger')
          .select(['user_id', sql<string>`substr(occurred_at, 1, 10)`.as('day'), sql<number>`sum(amount)`.as('amount')])
          .where('team_id', '=', teamId)
          .where('period_start', '=', periodStart)
          .where('user_id', 'in', part)
          .groupBy(['user_id', sql`substr(occurred_at, 1, 10)`])
          .orderBy('user_id')
          .orderBy(sql`substr(occurred_at, 1, 10)`)
          .execute();
        for (const r of rows) {
          const list = out.get(r.user_id) ?? [];
          list.push({ day: r.day, amount: Number(r.amount) });
          out.set(r.user_id, list);
        }
      }
      return out;
    },

    async teamTotals(db: Executor, teamId: string, periodStart: string): Promise<Totals> {
      return toTotals(await db.selectFrom('spend_team_totals').select(['spent', 'held', 'notified']).where('team_id', '=', teamId).where('period_start', '=', periodStart).executeTakeFirst());
    },

    async reserve(db: Executor, teamId: string, userId: string, periodStart: string, amount: number, limit: number | null, expiresAt: string): Promise<Totals | undefined> {
      if (limit !== null && amount > limit) return undefined;
      const within = limit === null ? sql`` : sql` where spend_totals.spent + spend_totals.held + excluded.held <= ${limit}`;
      const { rows } = await sql<TotalsRow>`insert into spend_totals (user_id, period_start, team_id, spent, held, notified, next_expiry)
        values (${userId}, ${periodStart}, ${teamId}, 0, ${amount}, 0, ${expiresAt})
        on conflict (user_id, period_start) do update set held = spend_totals.held + excluded.held,
          next_expiry = case when spend_totals.next_expiry is not null and spend_totals.next_expiry < excluded.next_expiry then spend_totals.next_expiry else excluded.next_expiry end${within}
        returning spent, held, notified`.execute(db);
      return rows.length ? toTotals(rows[0]) : undefined;
    },

    async reserveTeam(db: Executor, teamId: string, periodStart: string, amount: number, cap: number | null): Promise<Totals | undefined> {
      if (cap !== null && amount > cap) return undefined;
      const within = cap === null ? sql`` : sql` where spend_team_totals.spent + spend_team_totals.held + excluded.held <= ${cap}`;
      const { rows } = await sql<TotalsRow>`insert into spend_team_totals (team_id, period_start, spent, held, notified)
        values (${teamId}, ${periodStart}, 0, ${amount}, 0)
        on conflict (team_id, period_start) do update set held = spend_team_totals.held + excluded.held${within}
        returning spent, held, notified`.execute(db);
      return rows.length ? toTotals(rows[0]) : undefined;
    },

    async adjust(db: Executor, teamId: string, userId: string, periodStart: string, delta: { spent: number; held: number }): Promise<Totals> {
      const { rows } = await sql<TotalsRow>`insert into spend_totals (user_id, period_start, team_id, spent, held, notified)
        values (${userId}, ${periodStart}, ${teamId}, ${delta.spent}, ${delta.held}, 0)
        on conflict (user_id, period_start) do update set spent = spend_totals.spent + excluded.spent, held = spend_totals.held + excluded.held
        returning spent, held, notified`.execute(db);
      return toTotals(rows[0]);
    },

    async adjustTeam(db: Executor, teamId: string, periodStart: string, delta: { spent: number; held: number }): Promise<Totals> {
      const { rows } = await sql<TotalsRow>`insert into spend_team_totals (team_id, period_start, spent, held, notified)
        values (${teamId}, ${periodStart}, ${delta.spent}, ${delta.held}, 0)
        on conflict (team_id, period_start) do update set spent = spend_team_totals.spent + excluded.spent, held = spend_team_totals.held + excluded.held
        returning spent, held, notified`.execute(db);
      return toTotals(rows[0]);
    },

    async rebuildPeriod(db: Executor, teamId: string, start: string, end: string): Promise<void> {
      await db.updateTable('spend_ledger').set({ period_start: start }).where('team_id', '=', teamId).where('occurred_at', '>=', start).where('occurred_at', '<', end).execute();
      await db.updateTable('spend_totals').set({ spent: 0, notified: 0 }).where('team_id', '=', teamId).where('period_start', '=', start).execute();
      await db.updateTable('spend_team_totals').set({ spent: 0, notified: 0 }).where('team_id', '=', teamId).where('period_start', '=', start).execute();
      await sql`insert into spend_totals (user_id, period_start, team_id, spent, held, notified)
        select user_id, ${start}, team_id, sum(amount), 0, 0 from spend_ledger where team_id = ${teamId} and period_start = ${start} group by user_id, team_id
        on conflict (user_id, period_start) do update set spent = excluded.spent`.execute(db);
      await sql`insert into spend_team_totals (team_id, period_start, spent, held, notified)
        select team_id, ${start}, sum(amount), 0, 0 from spend_ledger where team_id = ${teamId} and period_start = ${start} group by team_id
        on conflict (team_id, period_start) do update set spent = excluded.spent`.execute(db);
    },

    async refreshNextExpiry(db: Executor, userId: string, periodStart: string): Promise<void> {
      await sql`update spend_totals set next_expiry = (select min(h.expires_at) from spend_holds h where h.user_id = ${userId} and h.status = 'active' and h.period_start = ${periodStart})
        where user_id = ${userId} and period_start = ${periodStart}`.execute(db);
    },

    async setNotified(db: Executor, userId: string, periodStart: string, bits: number): Promise<void> {
      await db.updateTable('spend_totals').set({ notified: bits }).where('user_id', '=', userId).where('period_start', '=', periodStart).execute();
    },

    async setTeamNotified(db: Executor, teamId: string, periodStart: string, bits: number): Promise<void> {
      await db.updateTable('spend_team_totals').set({ notified: bits }).where('team_id', '=', teamId).where('period_start', '=', periodStart).execute();
    },

    async insertLedger(db: Executor, e: LedgerRecord): Promise<boolean> {
      const rows = await db
        .insertInto('spend_ledger')
        .values({
          id: e.id,
          team_id: e.teamId,
          user_id: e.userId,
          event_id: e.eventId,
          kind: e.kind,
          amount: e.amount,
          currency: e.currency,
          occurred_at: e.occurredAt,
          recorded_at: e.recordedAt,
          period_start: e.periodStart,
          metadata: e.metadata === null ? null : JSON.stringify(e.metadata),
          reverses_id: e.reversesId,
          hold_id: e.holdId,
          request_hash: e.requestHash,
          refunded: e.refunded,
        })
        .onConflict((oc) => oc.columns(['team_id', 'event_id']).doNothing())
        .returning('id')
        .execute();
      return rows.length > 0;
    },

    async findLedgerByEvent(db: Executor, teamId: string, eventId: string): Promise<LedgerRecord | undefined> {
      const row = await db.selectFrom('spend_ledger').selectAll().where('team_id', '=', teamId).where('event_id', '=', eventId).executeTakeFirst();
      return row ? toLedger(row) : undefined;
    },

    async findLedger(db: Executor, id: string): Promise<LedgerRecord | undefined> {
      const row = await db.selectFrom('spend_ledger').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toLedger(row) : undefined;
    },

    async addRefunded(db: Executor, id: string, amount: number): Promise<boolean> {
      const result = await db
        .updateTable('spend_ledger')
        .set({ refunded: sql`refunded + ${amount}` })
        .where('id', '=', id)
        .where(sql<boolean>`refunded + ${amount} <= amount`)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async insertHold(db: Executor, h: HoldRecord): Promise<void> {
      await db
        .insertInto('spend_holds')
        .values({
          id: h.id,
          team_id: h.teamId,
          user_id: h.userId,
          amount: h.amount,
          currency: h.currency,
          period_start: h.periodStart,
          status: h.status,
          created_at: h.createdAt,
          expires_at: h.expiresAt,
          settled_at: h.settledAt,
          captured_amount: h.capturedAmount,
          ledger_id: h.ledgerId,
        })
        .execute();
    },

    async findHold(db: Executor, teamId: string, id: string): Promise<HoldRecord | undefined> {
      const row = await db.selectFrom('spend_holds').selectAll().where('id', '=', id).where('team_id', '=', teamId).executeTakeFirst();
      return row ? toHold(row) : undefined;
    },

    async settleHold(db: Executor, id: string, change: { status: HoldStatus; at: string; now?: string; capturedAmount?: number; ledgerId?: string }): Promise<boolean> {
      let query = db
        .updateTable('spend_holds')
        .set({ status: change.status, settled_at: change.at, captured_amount: change.capturedAmount ?? null, ledger_id: change.ledgerId ?? null })
        .where('id', '=', id)
        .where('status', '=', 'active');
      if (change.now !== undefined) query = query.where('expires_at', '>', change.now);
      return Number((await query.executeTakeFirst()).numUpdatedRows) > 0;
    },

    async expiredHolds(db: Executor, now: string, userIds: string[] | undefined, limit: number): Promise<HoldRecord[]> {
      let query = db.selectFrom('spend_holds').selectAll().where('status', '=', 'active').where('expires_at', '<=', now);
      if (userIds) {
        if (userIds.length === 0) return [];
        query = query.where('user_id', 'in', userIds.slice(0, 500));
      }
      return (await query.orderBy('expires_at').limit(limit).execute()).map(toHold);
    },
  };
}
