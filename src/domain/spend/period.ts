// Spend periods: limits apply per period, monthly by default and anchored on
// the team's billing day. All boundaries are midnight UTC, computed from the
// instant the caller passes (the injected clock), never from the wall clock.

import { DomainError } from '../errors.js';

export const PERIOD_KINDS = ['monthly', 'weekly', 'daily'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * monthly: anchor is the billing day, 1–31 (in a shorter month, its last day);
 * weekly: anchor is the ISO weekday the period starts on, 1 (Monday) – 7;
 * daily: anchor is 0.
 */
export interface PeriodRule {
  kind: PeriodKind;
  anchor: number;
}

export interface Period extends PeriodRule {
  /** Inclusive start, ISO 8601 UTC. */
  start: string;
  /** Exclusive end: the next period's start. */
  end: string;
}

export const DEFAULT_PERIOD: PeriodRule = { kind: 'monthly', anchor: 1 };

const DAY_MS = 86_400_000;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** The billing day of a month (month may run past 0–11; Date.UTC normalises it). */
function monthlyStart(year: number, month: number, anchor: number): Date {
  const first = new Date(Date.UTC(year, month, 1));
  const day = Math.min(anchor, daysIn(first.getUTCFullYear(), first.getUTCMonth()));
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), day));
}

/**
 * Periods already computed, by rule and UTC day: a period depends on the day
 * only (its boundaries are midnights), and every authorization asks for the
 * current one two or three times. Bounded; cleared when full.
 */
const computed = new Map<string, Period>();
const COMPUTED_MAX = 256;

/** The period of `rule` that contains the instant `at`. */
export function periodAt(rule: PeriodRule, at: Date): Period {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const key = `${rule.kind}:${rule.anchor}:${midnight}`;
  const known = computed.get(key);
  // A copy: callers own what they get.
  if (known) return { ...known };
  const period = computePeriod(rule, at, midnight);
  if (computed.size >= COMPUTED_MAX) computed.clear();
  computed.set(key, period);
  return { ...period };
}

function computePeriod(rule: PeriodRule, at: Date, midnight: number): Period {
  let start: Date;
  let end: Date;
  switch (rule.kind) {
    case 'daily':
      start = new Date(midnight);
      end = new Date(midnight + DAY_MS);
      break;
    case 'weekly': {
      const isoDay = at.getUTCDay() === 0 ? 7 : at.getUTCDay();
      start = new Date(midnight - ((isoDay - rule.anchor + 7) % 7) * DAY_MS);
      end = new Date(start.getTime() + 7 * DAY_MS);
      break;
    }
    case 'monthly': {
      const year = at.getUTCFullYear();
      const month = at.getUTCMonth();
      const thisMonth = monthlyStart(year, month, rule.anchor);
      const startMonth = at.getTime() >= thisMonth.getTime() ? month : month - 1;
      start = monthlyStart(year, startMonth, rule.anchor);
      end = monthlyStart(year, startMonth + 1, rule.anchor);
      break;
    }
  }
  return { kind: rule.kind, anchor: rule.anchor, start: start.toISOString(), end: end.toISOString() };
}

const invalid = (message: string) => new DomainError('spend.invalid_period', message);

/** Validates a period rule from a request: `{ kind, anchor }`, anchor defaulting per kind. */
export function parsePeriodRule(input: unknown): PeriodRule {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw invalid('period must be an object such as {"kind": "monthly", "anchor": 1}');
  const { kind, anchor, ...rest } = input as { kind?: unknown; anchor?: unknown };
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw invalid(`unknown period field "${unknown[0]}"; use kind and anchor`);
  if (typeof kind !== 'string' || !PERIOD_KINDS.includes(kind as PeriodKind)) throw invalid(`period.kind must be one of ${PERIOD_KINDS.join(', ')}`);
  const k = kind as PeriodKind;
  if (k === 'daily') {
    if (anchor !== undefined && anchor !== 0) throw invalid('a daily period has no anchor (omit it or send 0)');
    return { kind: k, anchor: 0 };
  }
  const [low, high, what] = k === 'monthly' ? [1, 31, 'the billing day of the month'] : [1, 7, 'the ISO weekday the week starts on (1 = Monday, 7 = Sunday)'];
  const value = anchor === undefined ? 1 : anchor;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
    throw invalid(`period.anchor of a ${k} period is ${what}: a whole number from ${low} to ${high}`);
  }
  return { kind: k, anchor: value };
}
