// Shapes of the spend admin API (src/http/api/spend-admin-routes.ts, docs/spend.md).
// Money is integer minor units in the team's currency; `amount: null` is unlimited.

export type LimitMode = 'hard' | 'soft';

export interface LimitValue {
  amount: number | null;
  unlimited: boolean;
  /** hard refuses beyond the limit; soft allows and flags (absent in older answers: hard). */
  mode?: LimitMode;
}

export type LimitSourceType = 'override' | 'group' | 'team_default' | 'unlimited' | 'suspended' | 'removed';

export interface EffectiveLimit {
  amount: number | null;
  source: { type: LimitSourceType; groupId: string | null; groupName: string | null };
}

export interface Period {
  kind: 'monthly' | 'weekly' | 'daily';
  start: string;
  end: string;
}

export interface AlertThreshold {
  scope: 'member' | 'team';
  percent: number;
  notify: Array<'member' | 'admins'>;
}

export interface SpendPolicy {
  currency: string;
  period: Period & { anchor?: number };
  defaultLimit: LimitValue | null;
  /** A fixed cap (amount) or a dynamic one (perMember × active members). */
  teamCap: { amount: number | null; perMember?: number | null; mode?: LimitMode } | null;
  /** `cap`: the cap in force this period (null: none). */
  teamTotals: { cap?: number | null; spent: number; held: number; remaining: number | null };
  alertThresholds?: AlertThreshold[];
  updatedAt: string | null;
}

export interface GroupLimitRow {
  group: { id: string; name: string; memberCount: number };
  limit: LimitValue | null;
  updatedAt: string;
}

export interface OverrideRow {
  member: { id: string; userName: string; active: boolean };
  override: LimitValue | null;
  updatedAt: string;
}

export interface MemberSpend {
  member: { id: string; userName: string; displayName: string | null; active: boolean };
  currency: string;
  period: Period;
  limit: EffectiveLimit;
  spent: number;
  held: number;
  remaining: number | null;
  limitedGroups: { id: string; name: string; amount: number | null }[];
}

export interface MultiGroupMember extends MemberSpend {
  winningGroup: { id: string; name: string; amount: number | null } | null;
}

export interface SpendPage<T> {
  totalResults: number;
  startIndex: number;
  items: T[];
}

export interface WhatIfTally {
  refused: number;
  flagged: number;
  from: string | null;
}

export interface Preview {
  affectedMembers: number;
  sample: { member: { id: string; userName: string }; previous: EffectiveLimit; current: EffectiveLimit }[];
  /** The last closed period replayed against the limits now and with the change. */
  whatIf?: { period: { start: string; end: string }; membersInScope: number; current: WhatIfTally; proposed: WhatIfTally };
}

export interface IncreaseRequest {
  id: string;
  member: { id: string; userName: string | null; displayName: string | null; active: boolean };
  amount: number;
  reason: string;
  status: 'pending' | 'approved' | 'denied';
  createdAt: string;
  decision: { at: string; by: { accountId: string | null; email: string | null }; amount: number | null; until: string | null; note: string | null } | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { kind: 'admin' | 'directory' | 'host'; accountId: string | null; email: string | null };
  action: string;
  target: { type: string; id: string; name: string | null };
  old: unknown;
  new: unknown;
  affectedMembers: number;
}

/** What a limit editor sends: an amount, unlimited, or clearing the setting. */
export type LimitChoice = { amount: number; mode?: LimitMode } | { unlimited: true } | { clear: true };

export type LimitTarget = { target: 'default' } | { target: 'group'; groupId: string; name: string } | { target: 'override'; userId: string; name: string };
