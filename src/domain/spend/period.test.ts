import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { parsePeriodRule, periodAt } from './period.js';

const at = (iso: string) => new Date(iso);

describe('periodAt', () => {
  it('starts a monthly period on the billing day, at midnight UTC', () => {
    expect(periodAt({ kind: 'monthly', anchor: 1 }, at('2026-11-22T08:57:11Z'))).toEqual({ kind: 'monthly', anchor: 1, start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' });
    expect(periodAt({ kind: 'monthly', anchor: 15 }, at('2026-11-14T23:59:59.999Z'))).toMatchObject({ start: '2026-10-15T00:00:00.000Z', end: '2026-11-15T00:00:00.000Z' });
    expect(periodAt({ kind: 'monthly', anchor: 15 }, at('2026-11-15T00:00:00Z'))).toMatchObject({ start: '2026-11-15T00:00:00.000Z', end: '2026-12-15T00:00:00.000Z' });
  });

  it('crosses the year boundary', () => {
    expect(periodAt({ kind: 'monthly', anchor: 20 }, at('2027-01-05T00:00:00Z'))).toMatchObject({ start: '2026-12-20T00:00:00.000Z', end: '2027-01-20T00:00:00.000Z' });
    expect(periodAt({ kind: 'monthly', anchor: 20 }, at('2026-12-25T00:00:00Z'))).toMatchObject({ start: '2026-12-20T00:00:00.000Z', end: '2027-01-20T00:00:00.000Z' });
  });

  it('uses the last day of a month shorter than the billing day', () => {
    expect(periodAt({ kind: 'monthly', anchor: 31 }, at('2027-02-28T10:00:00Z'))).toMatchObject({ start: '2027-02-28T00:00:00.000Z', end: '2027-03-31T00:00:00.000Z' });
    expect(periodAt({ kind: 'monthly', anchor: 31 }, at('2027-02-27T10:00:00Z'))).toMatchObject({ start: '2027-01-31T00:00:00.000Z', end: '2027-02-28T00:00:00.000Z' });
    expect(periodAt({ kind: 'monthly', anchor: 30 }, at('2028-02-29T10:00:00Z'))).toMatchObject({ start: '2028-02-29T00:00:00.000Z', end: '2028-03-30T00:00:00.000Z' });
  });

  it('starts a weekly period on its ISO weekday', () => {
    // 2026-11-22 is a Sunday.
    expect(periodAt({ kind: 'weekly', anchor: 1 }, at('2026-11-22T23:00:00Z'))).toMatchObject({ start: '2026-11-16T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' });
    expect(periodAt({ kind: 'weekly', anchor: 7 }, at('2026-11-22T00:00:00Z'))).toMatchObject({ start: '2026-11-22T00:00:00.000Z', end: '2026-11-29T00:00:00.000Z' });
    expect(periodAt({ kind: 'weekly', anchor: 3 }, at('2026-11-17T12:00:00Z'))).toMatchObject({ start: '2026-11-11T00:00:00.000Z' });
  });

  it('makes a daily period of the UTC day', () => {
    expect(periodAt({ kind: 'daily', anchor: 0 }, at('2026-11-22T23:59:59Z'))).toMatchObject({ start: '2026-11-22T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' });
  });
});

describe('parsePeriodRule', () => {
  it('accepts each kind, the anchor defaulting to 1 (0 for daily)', () => {
    expect(parsePeriodRule({ kind: 'monthly' })).toEqual({ kind: 'monthly', anchor: 1 });
    expect(parsePeriodRule({ kind: 'weekly', anchor: 7 })).toEqual({ kind: 'weekly', anchor: 7 });
    expect(parsePeriodRule({ kind: 'daily' })).toEqual({ kind: 'daily', anchor: 0 });
  });

  it('refuses what is not a period, with spend.invalid_period', () => {
    for (const input of [null, 'monthly', [], { kind: 'yearly' }, { kind: 'monthly', anchor: 0 }, { kind: 'monthly', anchor: 1.5 }, { kind: 'weekly', anchor: 8 }, { kind: 'daily', anchor: 2 }, { kind: 'monthly', day: 3 }]) {
      expect(() => parsePeriodRule(input), JSON.stringify(input)).toThrow(DomainError);
      try {
        parsePeriodRule(input);
      } catch (error) {
        expect((error as DomainError).code).toBe('spend.invalid_period');
      }
    }
  });
});

describe('periodAt, remembered per day', () => {
  it('gives the same period at every instant of a day, first asked at any of them, and a copy each time', () => {
    const rules = [{ kind: 'monthly', anchor: 31 }, { kind: 'monthly', anchor: 15 }, { kind: 'weekly', anchor: 3 }, { kind: 'daily', anchor: 0 }] as const;
    const day = Date.UTC(2027, 0, 1);
    for (const rule of rules) {
      for (let d = 0; d < 70; d++) {
        const midnight = day + d * 86_400_000;
        // Asked first late in the day, then at its first and last instants: one answer.
        const late = periodAt(rule, new Date(midnight + 86_399_999 - d * 1000));
        const first = periodAt(rule, new Date(midnight));
        const last = periodAt(rule, new Date(midnight + 86_399_999));
        expect(first).toEqual(late);
        expect(last).toEqual(late);
        expect(first).not.toBe(last);
        expect(Date.parse(first.start)).toBeLessThanOrEqual(midnight);
        expect(Date.parse(first.end)).toBeGreaterThan(midnight + 86_399_999);
      }
    }
    const period = periodAt({ kind: 'daily', anchor: 0 }, at('2027-03-01T10:00:00Z'));
    period.start = 'changed';
    expect(periodAt({ kind: 'daily', anchor: 0 }, at('2027-03-01T11:00:00Z')).start).toBe('2027-03-01T00:00:00.000Z');
  });
});
