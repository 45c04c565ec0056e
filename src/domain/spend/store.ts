// The persistence port of spend management. storage/spend/*.ts implement it
// with kysely; `Tx` is the same transaction handle the directory Store uses,
// so the membership hooks run their queries inside SCIM's transactions.
//
// Amounts are integer minor units; `null` as a limit amount means unlimited.

import type { DomainEvent } from '../events.js';
import type { PeriodRule } from './period.js';

/** hard: refuse beyond the limit; soft: allow, flag the answer as over the limit (and alert). */
export type LimitMode = 'hard' | 'soft';

/** When recorded spend reaches `percent` of a member's limit (scope member) or of the team cap (scope team). */
export interface AlertThreshold {
  scope: 'member' | 'team';
  percent: number;
  /** Who is emailed when it fires (when SMTP is configured): the member, the team's admins. */
  notify: Array<'member' | 'admins'>;
}

export interface SpendSettings {
  teamId: string;
  currency: string;
  /** Per-user default; null: none (members without another limit are unlimited). */
  defaultLimit: number | null;
  defaultMode: LimitMode;
  /** Team-wide cap per period on the sum of all members' spend; null: none. */
  teamCap: number | null;
  teamCapMode: LimitMode;
  /** Dynamic cap: the team cap is this amount times the active members; null: the fixed teamCap applies. */
  capPerMember: number | null;
  alertThresholds: AlertThreshold[];
  period: PeriodRule;
  updatedAt: string | null;
}

/** A member's override: an amount (null: unlimited), its mode, and for a temporary one when it ends. */
export interface OverrideRecord {
  amount: number | null;
  mode: LimitMode;
  /** The override stops applying at this instant; null: permanent. */
  expiresAt: string | null;
  /** The approved increase request that set it, if any. */
  requestId: string | null;
}

export interface SpendMember {
  id: string;
  userName: string;
  displayName: string | null;
  active: boolean;
}

export type MemberLookupKey = 'id' | 'userName' | 'email' | 'externalId';

export interface MemberLookup {
  by: MemberLookupKey;
  value: string;
}

export interface GroupLimit {
  groupId: string;
  groupName: string;
  amount: number | null;
  mode: LimitMode;
}

export interface Totals {
  spent: number;
  held: number;
  /** Bit set of the thresholds already reported in this period (THRESHOLD_BITS). */
  notified: number;
  /** Member totals: no hold counted in `held` expires before this instant (null: unknown). */
  nextExpiry?: string | null;
}

export type HoldStatus = 'active' | 'captured' | 'released' | 'expired';

export interface HoldRecord {
  id: string;
  teamId: string;
  userId: string;
  amount: number;
  currency: string;
  periodStart: string;
  status: HoldStatus;
  createdAt: string;
  expiresAt: string;
  settledAt: string | null;
  capturedAmount: number | null;
  ledgerId: string | null;
}

export type LedgerKind = 'usage' | 'capture' | 'refund';

export interface LedgerRecord {
  id: string;
  teamId: string;
  userId: string;
  eventId: string;
  kind: LedgerKind;
  /** Negative for refunds. */
  amount: number;
  currency: string;
  occurredAt: string;
  recordedAt: string;
  periodStart: string;
  metadata: Record<string, unknown> | null;
  reversesId: string | null;
  holdId: string | null;
  /** Hash of the request that wrote the entry: a retry must match it. */
  requestHash: string;
  /** For usage and captures: how much has been refunded so far. */
  refunded: number;
}

export interface AuditRecord {
  id: string;
  teamId: string;
  at: string;
  /** Who acted; undefined: an admin when actorId is set, else the directory. */
  actorKind?: 'admin' | 'directory' | 'host';
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  oldValue: unknown;
  newValue: unknown;
  affected: number;
}

export type IncreaseRequestStatus = 'pending' | 'approved' | 'denied';

/** A member's request for a higher limit, and the admin's decision. */
export interface IncreaseRequestRecord {
  id: string;
  teamId: string;
  userId: string;
  amount: number;
  reason: string;
  status: IncreaseRequestStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decidedByEmail: string | null;
  approvedAmount: number | null;
  /** An approval's end instant (the override is temporary); null: permanent or not approved. */
  until: string | null;
  note: string | null;
}

export interface Page<T> {
  total: number;
  items: T[];
}

/** What authorization reads about a member and their team, in one round trip. */
export interface MemberPolicy {
  member: SpendMember;
  /** undefined: no override (an expired one included is returned: callers check expiresAt). */
  override: OverrideRecord | undefined;
  /** Active members of the team (for a dynamic cap); undefined when not read. */
  activeMembers?: number;
  /** undefined: the team has never saved spend settings. */
  settings: SpendSettings | undefined;
}

/** A member's limited groups and the running totals of the period, in one round trip. */
export interface MemberState {
  groups: GroupLimit[];
  totals: Totals;
  team: Totals;
}

export interface SpendStore<Tx = unknown> {
  readonly db: Tx;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;

  /** The hot path: up to two members matching the lookup, each with their override and the team's settings. */
  memberPolicy(tx: Tx, teamId: string, lookup: MemberLookup): Promise<MemberPolicy[]>;
  memberState(tx: Tx, teamId: string, userId: string, periodStart: string): Promise<MemberState>;
  /** memberPolicy and each member's memberState for `periodStart`, in one read (spend authorize's hot path). */
  memberPolicyWithState(tx: Tx, teamId: string, lookup: MemberLookup, periodStart: string): Promise<(MemberPolicy & { state: MemberState })[]>;

  settings(tx: Tx, teamId: string): Promise<SpendSettings | undefined>;
  saveSettings(tx: Tx, settings: SpendSettings): Promise<void>;
  hasLedger(tx: Tx, teamId: string): Promise<boolean>;
  /** How many active (not suspended) members the team has, for a dynamic team cap. */
  activeMembers(tx: Tx, teamId: string): Promise<number>;

  /** Up to two members matching the lookup (two: the lookup is ambiguous). */
  findMembers(tx: Tx, teamId: string, lookup: MemberLookup): Promise<SpendMember[]>;
  membersByIds(tx: Tx, teamId: string, ids: string[]): Promise<SpendMember[]>;
  /** In provisioning order; `afterSeq` (cursor paging) starts after that user, and `lastSeq` is set when more follow. */
  memberPage(tx: Tx, teamId: string, offset: number, count: number, afterSeq?: number): Promise<Page<SpendMember> & { lastSeq?: number }>;
  findGroup(tx: Tx, teamId: string, groupId: string): Promise<{ id: string; name: string } | undefined>;
  /** PostgreSQL: locks the group row, so a hook and a concurrent delete serialise. */
  lockGroup(tx: Tx, groupId: string): Promise<boolean>;

  groupLimit(tx: Tx, teamId: string, groupId: string): Promise<GroupLimit | undefined>;
  /** The limited groups each user is a direct member of. */
  groupLimitsOf(tx: Tx, teamId: string, userIds: string[]): Promise<Map<string, GroupLimit[]>>;
  /** Those of these groups that have a limit. */
  groupLimitsByIds(tx: Tx, teamId: string, groupIds: string[]): Promise<GroupLimit[]>;
  setGroupLimit(tx: Tx, teamId: string, groupId: string, limit: { amount: number | null; mode: LimitMode }, at: string): Promise<void>;
  clearGroupLimit(tx: Tx, groupId: string): Promise<void>;
  listGroupLimits(tx: Tx, teamId: string, offset: number, count: number): Promise<Page<GroupLimit & { memberCount: number; updatedAt: string }>>;

  /** The overrides of these users, expired ones included (callers decide with the clock). */
  overridesOf(tx: Tx, teamId: string, userIds: string[]): Promise<Map<string, OverrideRecord>>;
  setOverride(tx: Tx, teamId: string, userId: string, override: OverrideRecord, at: string): Promise<void>;
  clearOverride(tx: Tx, userId: string): Promise<void>;
  listOverrides(tx: Tx, teamId: string, offset: number, count: number): Promise<Page<{ member: SpendMember; override: OverrideRecord; updatedAt: string }>>;

  /** Adds `delta` to the limited-group count of each user. */
  adjustLimitedGroups(tx: Tx, teamId: string, userIds: string[], delta: 1 | -1): Promise<void>;
  /** Adds `delta` to the limited-group count of every user member of the group. */
  adjustLimitedGroupsOfGroup(tx: Tx, teamId: string, groupId: string, delta: 1 | -1): Promise<void>;
  forgetMember(tx: Tx, userId: string): Promise<void>;
  multiGroupPage(tx: Tx, teamId: string, offset: number, count: number): Promise<Page<string>>;

  totalsOf(tx: Tx, userIds: string[], periodStart: string): Promise<Map<string, Totals>>;
  /** These members' ledger of one period summed per UTC day (YYYY-MM-DD), days in order: one indexed range per page of members. */
  ledgerDays(tx: Tx, teamId: string, periodStart: string, userIds: string[]): Promise<Map<string, Array<{ day: string; amount: number }>>>;
  teamTotals(tx: Tx, teamId: string, periodStart: string): Promise<Totals>;
  /**
   * Adds `amount` to the member's held total when spent + held + amount stays
   * within `limit` (null: no limit), in one conditional statement; the totals
   * after, or undefined when it would overspend.
   */
  reserve(tx: Tx, teamId: string, userId: string, periodStart: string, amount: number, limit: number | null, expiresAt: string): Promise<Totals | undefined>;
  reserveTeam(tx: Tx, teamId: string, periodStart: string, amount: number, cap: number | null): Promise<Totals | undefined>;
  adjust(tx: Tx, teamId: string, userId: string, periodStart: string, delta: { spent: number; held: number }): Promise<Totals>;
  adjustTeam(tx: Tx, teamId: string, periodStart: string, delta: { spent: number; held: number }): Promise<Totals>;
  /**
   * After a change of period rule: stamps the ledger entries that occurred in
   * [start, end) with `start` and rebuilds that period's member and team
   * totals from them (an admin-time cost over that window of the ledger).
   */
  rebuildPeriod(tx: Tx, teamId: string, start: string, end: string): Promise<void>;
  setNotified(tx: Tx, userId: string, periodStart: string, bits: number): Promise<void>;
  /** Sets the row's next expiry to the earliest expiry of its active holds. */
  refreshNextExpiry(tx: Tx, userId: string, periodStart: string): Promise<void>;
  setTeamNotified(tx: Tx, teamId: string, periodStart: string, bits: number): Promise<void>;

  /** False when the (team, event id) pair is already in the ledger. */
  insertLedger(tx: Tx, entry: LedgerRecord): Promise<boolean>;
  findLedgerByEvent(tx: Tx, teamId: string, eventId: string): Promise<LedgerRecord | undefined>;
  findLedger(tx: Tx, id: string): Promise<LedgerRecord | undefined>;
  /** Adds to `refunded` unless that would pass the entry's amount. */
  addRefunded(tx: Tx, id: string, amount: number): Promise<boolean>;

  insertHold(tx: Tx, hold: HoldRecord): Promise<void>;
  findHold(tx: Tx, teamId: string, id: string): Promise<HoldRecord | undefined>;
  /** Moves an active hold (unexpired at `now`, when given) to `status`; false if it was not. */
  settleHold(tx: Tx, id: string, change: { status: HoldStatus; at: string; now?: string; capturedAmount?: number; ledgerId?: string }): Promise<boolean>;
  /** Active holds past their expiry: of these members, or (userIds undefined) of anyone, oldest first. */
  expiredHolds(tx: Tx, now: string, userIds: string[] | undefined, limit: number): Promise<HoldRecord[]>;

  /** False when the member already has a pending request (a unique index decides, across instances). */
  insertIncreaseRequest(tx: Tx, request: IncreaseRequestRecord): Promise<boolean>;
  findIncreaseRequest(tx: Tx, teamId: string, id: string): Promise<IncreaseRequestRecord | undefined>;
  /** Records the decision on a pending request; false when it was no longer pending. */
  decideIncreaseRequest(tx: Tx, id: string, decision: Pick<IncreaseRequestRecord, 'status' | 'decidedAt' | 'decidedBy' | 'decidedByEmail' | 'approvedAmount' | 'until' | 'note'>): Promise<boolean>;
  /** Newest first; `status` undefined: all. */
  listIncreaseRequests(tx: Tx, teamId: string, status: IncreaseRequestStatus | undefined, offset: number, count: number): Promise<Page<{ request: IncreaseRequestRecord; member: SpendMember | undefined }>>;

  /** Claims an alert threshold for a subject ('' for the team) and period; false when it already fired. */
  insertAlert(tx: Tx, alert: { teamId: string; subjectId: string; periodStart: string; threshold: string; firedAt: string }): Promise<boolean>;
  /** Email addresses for an alert: the member's primary email (else their first), and/or the team's admins and owners. */
  alertRecipients(tx: Tx, teamId: string, userId: string | null, who: { member: boolean; admins: boolean }): Promise<string[]>;

  appendEvents(tx: Tx, events: DomainEvent[]): Promise<void>;
  /**
   * Takes the team's event numbering lock (held until the transaction ends),
   * so a limit change reads the policy only after every earlier writer of the
   * team's events committed, and a concurrent one waits for this one.
   */
  lockEvents(tx: Tx, teamId: string): Promise<void>;

  /** Every limited group of the team. */
  teamGroupLimits(tx: Tx, teamId: string): Promise<GroupLimit[]>;
  /** How many members a default or group change gives another limit, and how many active members it reaches (overridden ones too), in one statement. */
  countLimitChanges(tx: Tx, plan: LimitFanOut): Promise<{ affected: number; inScope: number }>;
  /** The first `limit` of them, in event order, with their limits as limitJson text. */
  limitChangesSample(tx: Tx, plan: LimitFanOut, limit: number): Promise<Array<{ member: SpendMember; previous: string; current: string }>>;
  /** countLimitChanges and limitChangesSample together, computing each member's limits once where it can. */
  previewLimitChanges(tx: Tx, plan: LimitFanOut, limit: number): Promise<{ affected: number; inScope: number; sample: Array<{ member: SpendMember; previous: string; current: string }> }>;
  /** Writes their spend.limit_changed events in one statement, numbered on from the team's last; how many. */
  appendLimitChanges(tx: Tx, plan: LimitFanOut, event: LimitChangedTemplate): Promise<number>;
  /** The active members in the change's reach (overridden ones too) with ledger entries in the period, in event order. */
  limitSpenders(tx: Tx, plan: LimitFanOut, periodStart: string): Promise<SpendMember[]>;
  insertAudit(tx: Tx, record: AuditRecord): Promise<void>;
  /** Newest first; `beforeSeq` (cursor paging) starts after that entry, and `lastSeq` is set when more follow. */
  listAudit(tx: Tx, teamId: string, offset: number, count: number, beforeSeq?: number): Promise<Page<AuditRecord> & { lastSeq?: number }>;
}

/** A limit as a set-based fan-out compares and writes it. */
export interface FanOutLimit {
  /** Equal keys: the same limit for sameLimit (amount, and mode when limited). */
  key: string;
  /** The limit as the event carries it (limitJson). */
  json: string;
}

/**
 * A change of the team default or of a group's limit, as the database
 * computes its effect member by member: whom it can reach (`scope`: members
 * without an override in force; for the default, those in no limited group;
 * for a group, its user members), every limited group of the team ranked
 * before and after (rank 0 wins: compareGroupLimits), and what applies with
 * no limited group. Ranks are computed here, so the tie-break stays the
 * domain's.
 */
export interface LimitFanOut {
  teamId: string;
  scope: { target: 'default' } | { target: 'group'; groupId: string };
  /** Overrides ending at or before this instant are not in force. */
  now: string;
  groups: Array<{ groupId: string; before: (FanOutLimit & { rank: number }) | null; after: (FanOutLimit & { rank: number }) | null }>;
  fallback: { before: FanOutLimit; after: FanOutLimit };
}

/**
 * The JSON text of a spend.limit_changed payload cut around its per-member
 * parts: parts[0] + member id + parts[1] + userName + parts[2] + previous +
 * parts[3] + current + parts[4], the ids and names as JSON strings and the
 * limits as limitJson (spend-events.ts) writes them. Built from the same object as
 * limitChanged, so the text a database assembles is the text it would write.
 */
export interface LimitChangedTemplate {
  type: 'spend.limit_changed';
  occurredAt: string;
  parts: [string, string, string, string, string];
}
