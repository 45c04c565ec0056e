// A member's effective per-user limit (PRODUCT.md rule 4): their override if
// any; else the HIGHEST limit among their groups that have one (a group limit
// beats the team default even when lower; an unlimited group beats every
// amount); else the team default; else unlimited. Suspended and removed
// members may not spend at all.

import type { GroupLimit, LimitMode } from './store.js';

export type LimitSourceType = 'override' | 'group' | 'team_default' | 'unlimited' | 'suspended' | 'removed';

export interface LimitSource {
  type: LimitSourceType;
  groupId: string | null;
  groupName: string | null;
  /** A temporary override (an approved increase request): when it ends. Only present then. */
  until?: string;
  /** The approved increase request behind the override. Only present then. */
  requestId?: string;
}

export interface EffectiveLimit {
  /** Minor units per period; null: unlimited. */
  amount: number | null;
  /** The mode of the limit that applies: hard refuses beyond it, soft allows and flags. */
  mode: LimitMode;
  source: LimitSource;
}

export interface LimitInputs {
  active: boolean;
  /** Present when the member has an override in force (its amount may be null: unlimited). */
  override?: { amount: number | null; mode?: LimitMode; expiresAt?: string | null; requestId?: string | null };
  /** The member's groups that have a limit. */
  groups: GroupLimit[];
  defaultLimit: number | null;
  defaultMode?: LimitMode;
}

const source = (type: LimitSourceType, group?: GroupLimit): LimitSource => ({ type, groupId: group?.groupId ?? null, groupName: group?.groupName ?? null });

/** An override applies until its end instant (if any); an expired one is as if absent. */
export function overrideInForce<T extends { expiresAt: string | null }>(override: T | undefined, now: Date): T | undefined {
  return override && (override.expiresAt === null || override.expiresAt > now.toISOString()) ? override : undefined;
}

/** Higher limit first (unlimited highest); ties by group name, then id, so the winner is stable. */
export function compareGroupLimits(a: GroupLimit, b: GroupLimit): number {
  const rank = (g: GroupLimit) => (g.amount === null ? Number.POSITIVE_INFINITY : g.amount);
  if (rank(a) !== rank(b)) return rank(b) - rank(a);
  const byName = a.groupName.toLowerCase().localeCompare(b.groupName.toLowerCase());
  return byName !== 0 ? byName : a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0;
}

/** The group whose limit wins for a member of all of `groups`, if any. */
export function winningGroup(groups: GroupLimit[]): GroupLimit | undefined {
  return groups.length === 0 ? undefined : [...groups].sort(compareGroupLimits)[0];
}

/**
 * The mode follows the limit that wins: a member of a soft group and a hard
 * group gets the mode of the group whose limit is highest (the winner).
 */
export function effectiveLimit(inputs: LimitInputs): EffectiveLimit {
  if (!inputs.active) return { amount: 0, mode: 'hard', source: source('suspended') };
  const o = inputs.override;
  if (o) {
    const s = source('override');
    if (o.expiresAt) s.until = o.expiresAt;
    if (o.requestId) s.requestId = o.requestId;
    return { amount: o.amount, mode: o.mode ?? 'hard', source: s };
  }
  const group = winningGroup(inputs.groups);
  if (group) return { amount: group.amount, mode: group.mode ?? 'hard', source: source('group', group) };
  if (inputs.defaultLimit !== null) return { amount: inputs.defaultLimit, mode: inputs.defaultMode ?? 'hard', source: source('team_default') };
  return { amount: null, mode: 'hard', source: source('unlimited') };
}

export const REMOVED: EffectiveLimit = { amount: 0, mode: 'hard', source: source('removed') };

/**
 * Whether a member may spend the same under both: a change of where the
 * limit comes from alone (another group with the same amount) is not a
 * change of the effective limit.
 */
export function sameLimit(a: EffectiveLimit, b: EffectiveLimit): boolean {
  // A soft and a hard limit of the same amount differ: one refuses, the other does not.
  return a.amount === b.amount && (a.amount === null || a.mode === b.mode);
}

/** What is left to spend in the period; null when unlimited. Never negative. */
export function remainingOf(limit: number | null, spent: number, held: number): number | null {
  return limit === null ? null : Math.max(0, limit - spent - held);
}
