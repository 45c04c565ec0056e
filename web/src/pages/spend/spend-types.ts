// Shapes of the spend admin API (src/http/api/spend-admin-routes.ts, docs/spend.md).
// Money is integer minor units in the team's currency; `amount: null` is unlimited.

export interface LimitValue {
  amount: number | null;
  unlimited: boolean;
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

export interface SpendPolicy {
  currency: string;
  period: Period & { anchor?: number };
  defaultLimit: LimitValue | null;
  teamCap: { amount: number } | null;
  teamTotals: { spent: number; held: number; remaining: number | null };
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

export interface Preview {
  affectedMembers: number;
  sample: { member: { id: string; userName: string }; previous: EffectiveLimit; current: EffectiveLimit }[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { kind: 'admin' | 'directory'; accountId: string | null; email: string | null };
  action: string;
  target: { type: string; id: string; name: string | null };
  old: unknown;
  new: unknown;
  affectedMembers: number;
}

/** What a limit editor sends: an amount, unlimited, or clearing the setting. */
export type LimitChoice = { amount: number } | { unlimited: true } | { clear: true };

export type LimitTarget = { target: 'default' } | { target: 'group'; groupId: string; name: string } | { target: 'override'; userId: string; name: string };
