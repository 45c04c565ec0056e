// Limit-increase requests: a member asks (through the host product) for a
// higher limit with a reason; team admins approve (the requested amount or
// another, optionally until an end date: a temporary override) or deny with
// a note. One pending request per member at a time. Each step writes an
// event and an audit entry in its transaction; an approval sets the member's
// override in the same transaction, so their effective limit (and its
// source) changes at once.

import { DomainError } from '../errors.js';
import type { SpendContext } from './spend-context.js';
import type { Actor } from './spend-events.js';
import { amountOf, bodyOf, invalidRequest, onlyFields, stringOf } from './spend-input.js';
import type { SpendPolicy } from './spend-policy.js';
import type { IncreaseRequestRecord, IncreaseRequestStatus, MemberLookup, SpendMember } from './store.js';

const STATUSES: IncreaseRequestStatus[] = ['pending', 'approved', 'denied'];
const MAX_REASON = 1000;
const DAY_MS = 86_400_000;

export function requestView(r: IncreaseRequestRecord, member: SpendMember | undefined) {
  return {
    id: r.id,
    member: member ? { id: member.id, userName: member.userName, displayName: member.displayName, active: member.active } : { id: r.userId, userName: null, displayName: null, active: false },
    amount: r.amount,
    reason: r.reason,
    status: r.status,
    createdAt: r.createdAt,
    decision:
      r.status === 'pending'
        ? null
        : { at: r.decidedAt, by: { accountId: r.decidedBy, email: r.decidedByEmail }, amount: r.approvedAmount, until: r.until, note: r.note },
  };
}

/** An end date: `YYYY-MM-DD` (through that day, UTC: ends at the next midnight) or an ISO date-time; must be in the future. */
export function untilOf(value: unknown, now: Date): string | null {
  if (value === undefined || value === null) return null;
  let at: Date | undefined;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) at = new Date(new Date(`${value}T00:00:00.000Z`).getTime() + DAY_MS);
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) at = new Date(value);
  if (!at || Number.isNaN(at.getTime())) throw invalidRequest('until must be a date ("2026-12-31", through that day UTC) or an ISO 8601 date-time with a time zone');
  if (at.getTime() <= now.getTime()) throw invalidRequest('until must be in the future');
  return at.toISOString();
}

export function createIncreaseRequests(ctx: SpendContext, policy: SpendPolicy) {
  const { store, clock, ids } = ctx;

  async function load(teamId: string, id: string) {
    const found = await store.findIncreaseRequest(store.db, teamId, id);
    if (!found) throw new DomainError('spend.request_not_found', `no increase request "${id}" in this team`);
    return found;
  }

  const decided = (r: IncreaseRequestRecord) => new DomainError('spend.request_decided', `increase request "${r.id}" was already ${r.status}; only a pending request can be decided`);

  async function audit(tx: unknown, teamId: string, actor: Actor, action: string, member: SpendMember, value: unknown) {
    await store.insertAudit(tx, {
      id: ids.uuid(),
      teamId,
      at: clock.now().toISOString(),
      actorKind: actor.kind,
      actorId: actor.accountId,
      actorEmail: actor.email,
      action,
      targetType: 'member',
      targetId: member.id,
      targetName: member.userName,
      oldValue: null,
      newValue: value,
      affected: 0,
    });
  }

  return {
    /** The host product, for a member: `{ amount, reason }`. 409 when one is already pending. */
    async create(teamId: string, lookup: MemberLookup, input: unknown) {
      const body = bodyOf(input);
      onlyFields(body, ['amount', 'reason']);
      const amount = amountOf(body.amount, 'amount', { min: 1 });
      const reason = stringOf(body.reason, 'reason', MAX_REASON);
      const member = await ctx.resolveMember(store.db, teamId, lookup);
      const request: IncreaseRequestRecord = {
        id: ids.uuid(),
        teamId,
        userId: member.id,
        amount,
        reason,
        status: 'pending',
        createdAt: clock.now().toISOString(),
        decidedAt: null,
        decidedBy: null,
        decidedByEmail: null,
        approvedAmount: null,
        until: null,
        note: null,
      };
      const host: Actor = { kind: 'host', accountId: null, email: null };
      await store.transaction(async (tx) => {
        if (!(await store.insertIncreaseRequest(tx, request))) {
          throw new DomainError('spend.request_pending', `${member.userName} already has a pending increase request; wait for an admin to decide it`);
        }
        const { limit } = await ctx.limitOf(tx, await ctx.settingsOf(tx, teamId), member);
        await store.appendEvents(tx, [ctx.events.increaseRequest('spend.increase_requested', teamId, member, { requestId: request.id, amount, reason, currentLimit: { amount: limit.amount, mode: limit.mode, source: limit.source } })]);
        await audit(tx, teamId, host, 'increase_request.created', member, { requestId: request.id, amount, reason });
      });
      return requestView(request, member);
    },

    async list(teamId: string, status: string | undefined, startIndex: number, count: number) {
      if (status !== undefined && !STATUSES.includes(status as IncreaseRequestStatus)) throw invalidRequest(`status must be one of ${STATUSES.join(', ')}`);
      const page = await store.listIncreaseRequests(store.db, teamId, status as IncreaseRequestStatus | undefined, startIndex - 1, count);
      return { totalResults: page.total, startIndex, items: page.items.map((i) => requestView(i.request, i.member)) };
    },

    async get(teamId: string, id: string) {
      const r = await load(teamId, id);
      const [member] = await store.membersByIds(store.db, teamId, [r.userId]);
      return requestView(r, member);
    },

    /** `{ amount?, until?, note? }`: the member's override becomes the amount (default: requested), until the end date if given. */
    async approve(teamId: string, actor: Actor, id: string, input: unknown) {
      const body = bodyOf(input ?? {});
      onlyFields(body, ['amount', 'until', 'note']);
      const now = clock.now();
      const r = await load(teamId, id);
      const amount = body.amount === undefined ? r.amount : amountOf(body.amount, 'amount', { min: 1 });
      const until = untilOf(body.until, now);
      const note = body.note === undefined || body.note === null ? null : stringOf(body.note, 'note', MAX_REASON);
      if (r.status !== 'pending') throw decided(r);
      const [member] = await store.membersByIds(store.db, teamId, [r.userId]);
      if (!member) throw new DomainError('spend.member_not_found', `the member who made request "${id}" is no longer in this team`);
      const decision = { status: 'approved' as const, decidedAt: now.toISOString(), decidedBy: actor.accountId, decidedByEmail: actor.email, approvedAmount: amount, until, note };
      await store.transaction(async (tx) => {
        if (!(await store.decideIncreaseRequest(tx, id, decision))) throw decided((await store.findIncreaseRequest(tx, teamId, id)) ?? r);
        const settings = await ctx.settingsOf(tx, teamId);
        const { limit } = await ctx.limitOf(tx, settings, member);
        // The new limit keeps the mode the member's limit had.
        await policy.applyOverride(tx, teamId, actor, member, { amount, mode: limit.mode, expiresAt: until, requestId: id });
        await store.appendEvents(tx, [ctx.events.increaseRequest('spend.increase_approved', teamId, member, { requestId: id, requested: r.amount, amount, until, note, decidedBy: { ...actor } })]);
        await audit(tx, teamId, actor, 'increase_request.approved', member, { requestId: id, amount, until, note });
      });
      const approved = { ...r, ...decision };
      const { limit } = await ctx.limitOf(store.db, await ctx.settingsOf(store.db, teamId), member);
      return { request: requestView(approved, member), limit: { amount: limit.amount, mode: limit.mode, source: limit.source } };
    },

    /** `{ note }`: the request is denied; the member's limit does not change. */
    async deny(teamId: string, actor: Actor, id: string, input: unknown) {
      const body = bodyOf(input);
      onlyFields(body, ['note']);
      const note = stringOf(body.note, 'note', MAX_REASON);
      const r = await load(teamId, id);
      if (r.status !== 'pending') throw decided(r);
      const [member] = await store.membersByIds(store.db, teamId, [r.userId]);
      const subject: SpendMember = member ?? { id: r.userId, userName: '', displayName: null, active: false };
      const decision = { status: 'denied' as const, decidedAt: clock.now().toISOString(), decidedBy: actor.accountId, decidedByEmail: actor.email, approvedAmount: null, until: null, note };
      await store.transaction(async (tx) => {
        if (!(await store.decideIncreaseRequest(tx, id, decision))) throw decided((await store.findIncreaseRequest(tx, teamId, id)) ?? r);
        await store.appendEvents(tx, [ctx.events.increaseRequest('spend.increase_denied', teamId, subject, { requestId: id, requested: r.amount, note, decidedBy: { ...actor } })]);
        await audit(tx, teamId, actor, 'increase_request.denied', subject, { requestId: id, note });
      });
      return { request: requestView({ ...r, ...decision }, member) };
    },
  };
}

export type IncreaseRequests = ReturnType<typeof createIncreaseRequests>;
