// The spend events of the catalogue (docs/events.md): a member's effective
// limit changed and why, usage crossed 80% / 100% of the limit, the team
// cap was reached. Each is written in the transaction of the change.

import type { Clock, Ids } from '../ports.js';
import type { DomainEvent } from '../events.js';
import { PAYLOAD_VERSION, type EventType } from '../events.js';
import type { EffectiveLimit } from './effective-limit.js';
import type { Period } from './period.js';
import type { LimitChangedTemplate, SpendMember } from './store.js';

/** Why a member's effective limit changed. */
export type LimitChangeReason =
  | 'default_changed'
  | 'group_limit_changed'
  | 'override_changed'
  | 'member_added_to_group'
  | 'member_removed_from_group'
  | 'group_deleted'
  | 'member_suspended'
  | 'member_reactivated'
  | 'member_deleted';

/** Who made the change: an admin (with their account), or the directory (SCIM). */
export interface Actor {
  kind: 'admin' | 'directory' | 'host';
  accountId: string | null;
  email: string | null;
}

export const DIRECTORY: Actor = { kind: 'directory', accountId: null, email: null };

/** Reported thresholds, as percent of the limit, and their bits in `Totals.notified`. */
export const THRESHOLDS = [
  { percent: 80, bit: 1 },
  { percent: 100, bit: 2 },
] as const;
export const TEAM_CAP_BIT = 1;

/** The bits of the thresholds that `spent` has reached under `limit`. */
export function thresholdBits(spent: number, limit: number | null): number {
  if (limit === null || spent <= 0) return 0;
  return THRESHOLDS.reduce((bits, t) => (spent * 100 >= limit * t.percent ? bits | t.bit : bits), 0);
}

const memberOf = (m: SpendMember) => ({ id: m.id, userName: m.userName });
const limitOf = (l: EffectiveLimit) => ({ amount: l.amount, mode: l.mode, source: { ...l.source } });

/** A limit as spend.limit_changed carries it, as JSON text (what a set-based fan-out splices in). */
export const limitJson = (l: EffectiveLimit) => JSON.stringify(limitOf(l));

// Strings no id, name or limit can be (they start with NUL), each where its part goes.
const MARKS = ['\u0000member.id', '\u0000member.userName', '\u0000previous', '\u0000current'] as const;
const periodOf = (p: Period) => ({ start: p.start, end: p.end });

export function createSpendEvents(clock: Clock, ids: Ids) {
  const event = (teamId: string, type: EventType, resourceType: 'User' | 'Team', resourceId: string, data: Record<string, unknown>): DomainEvent => ({
    id: ids.timeOrdered?.() ?? ids.uuid(),
    teamId,
    type,
    occurredAt: clock.now().toISOString(),
    resourceType,
    resourceId,
    data: { version: PAYLOAD_VERSION, ...data },
  });

  const limitChangedData = (member: { id: string; userName: string }, previous: unknown, current: unknown, reason: LimitChangeReason, actor: Actor, groupId: string | null) => ({
    member,
    previous,
    current,
    reason,
    groupId,
    changedBy: { ...actor },
  });

  return {
    limitChanged(teamId: string, member: SpendMember, previous: EffectiveLimit, current: EffectiveLimit, reason: LimitChangeReason, actor: Actor, groupId: string | null): DomainEvent {
      return event(teamId, 'spend.limit_changed', 'User', member.id, limitChangedData(memberOf(member), limitOf(previous), limitOf(current), reason, actor, groupId));
    },

    limitChangedTemplate(reason: LimitChangeReason, actor: Actor, groupId: string | null): LimitChangedTemplate {
      const [id, userName, previous, current] = MARKS;
      const text = JSON.stringify({ version: PAYLOAD_VERSION, ...limitChangedData({ id, userName }, previous, current, reason, actor, groupId) });
      const parts: string[] = [];
      let rest = text;
      for (const mark of MARKS.map((m) => JSON.stringify(m))) {
        const at = rest.indexOf(mark);
        parts.push(rest.slice(0, at));
        rest = rest.slice(at + mark.length);
      }
      parts.push(rest);
      return { type: 'spend.limit_changed', occurredAt: clock.now().toISOString(), parts: parts as LimitChangedTemplate['parts'] };
    },

    thresholdCrossed(teamId: string, member: SpendMember, percent: number, limit: number, spent: number, currency: string, period: Period): DomainEvent {
      return event(teamId, 'spend.threshold_crossed', 'User', member.id, { member: memberOf(member), threshold: percent, limit, spent, currency, period: periodOf(period) });
    },

    /** A member asked for a higher limit; `status` moves to approved or denied with the admin's decision. */
    increaseRequest(type: 'spend.increase_requested' | 'spend.increase_approved' | 'spend.increase_denied', teamId: string, member: SpendMember, data: Record<string, unknown>): DomainEvent {
      return event(teamId, type, 'User', member.id, { member: memberOf(member), ...data });
    },

    /** A configured alert threshold fired (once per subject, period and threshold). */
    thresholdReached(teamId: string, data: { scope: 'member' | 'team'; member: SpendMember | null; threshold: number; limit: number; spent: number; currency: string; period: Period; notify: string[] }): DomainEvent {
      const { member, period, ...rest } = data;
      return event(teamId, 'spend.threshold_reached', member ? 'User' : 'Team', member ? member.id : teamId, { ...rest, member: member ? memberOf(member) : null, period: periodOf(period) });
    },

    teamCapReached(teamId: string, cap: number, spent: number, currency: string, period: Period): DomainEvent {
      return event(teamId, 'spend.team_cap_reached', 'Team', teamId, { cap, spent, currency, period: periodOf(period) });
    },
  };
}

export type SpendEvents = ReturnType<typeof createSpendEvents>;
