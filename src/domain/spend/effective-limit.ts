// A member's effective per-user limit (PRODUCT.md rule 4): their override if
// any; else the HIGHEST limit among their groups that have one (a group limit
// beats the team default even when lower; an unlimited group beats every
// amount); else the team default; else unlimited. Suspended and removed
// members may not spend at all.

import type { GroupLimit } from './store.js';

export type LimitSourceType = 'override' | 'group' | 'team_default' | 'unlimited' | 'suspended' | 'removed';

export interface LimitSource {
  type: LimitSourceType;
  groupId: string | null;
  groupName: string | null;
}

export interface EffectiveLimit {
  /** Minor units per period; null: unlimited. */
  amount: number | null;
  source: LimitSource;
}

export interface LimitInputs {
  active: boolean;
  /** Present when the member has an override (its amount may be null: unlimited). */
  override?: { amount: number | null };
  /** The member's groups that have a limit. */
  groups: GroupLimit[];
  defaultLimit: number | null;
}

const source = (type: LimitSourceType, group?: GroupLimit): LimitSource => ({ type, groupId: group?.groupId ?? null, groupName: group?.groupName ?? null });

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

export function effectiveLimit(inputs: LimitInputs): EffectiveLimit {
  if (!inputs.active) return { amount: 0, source: source('suspended') };
  if (inputs.override) return { amount: inputs.override.amount, source: source('override') };
  const group = winningGroup(inputs.groups);
  if (group) return { amount: group.amount, source: source('group', group) };
  if (inputs.defaultLimit !== null) return { amount: inputs.defaultLimit, source: source('team_default') };
  return { amount: null, source: source('unlimited') };
}

export const REMOVED: EffectiveLimit = { amount: 0, source: source('removed') };

/**
 * Whether a member may spend the same under both: a change of where the
 * limit comes from alone (another group with the same amount) is not a
 * change of the effective limit.
 */
export function sameLimit(a: EffectiveLimit, b: EffectiveLimit): boolean {
  return a.amount === b.amount;
}

/** What is left to spend in the period; null when unlimited. Never negative. */
export function remainingOf(limit: number | null, spent: number, held: number): number | null {
  return limit === null ? null : Math.max(0, limit - spent - held);
}
