import { describe, expect, it } from 'vitest';
import type { DomainError } from '../errors.js';
import { amountOf, currencyOf, limitOf, memberLookupOf, metadataOf, occurredAtOf } from './spend-input.js';
import { requestHash } from './usage-ledger.js';
import { untilOf } from './increase-requests.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'no error';
};

describe('spend input', () => {
  it('takes amounts as non-negative integers of minor units only', () => {
    expect(amountOf(1250, 'amount', { min: 1 })).toBe(1250);
    expect(amountOf(0, 'amount', { min: 0 })).toBe(0);
    for (const bad of [-1, 1.5, '100', null, undefined, Number.NaN, Infinity, 1e16]) expect(codeOf(() => amountOf(bad, 'amount', { min: 0 })), String(bad)).toBe('spend.invalid_amount');
    expect(codeOf(() => amountOf(0, 'amount', { min: 1 }))).toBe('spend.invalid_amount');
  });

  it('upper-cases ISO 4217 codes and refuses others', () => {
    expect(currencyOf('eur')).toBe('EUR');
    for (const bad of ['EURO', 'E1R', '', 978, undefined]) expect(codeOf(() => currencyOf(bad))).toBe('spend.invalid_currency');
  });

  it('names a member by exactly one of id, userName, email, externalId', () => {
    expect(memberLookupOf({ email: 'a@b.c' })).toEqual({ by: 'email', value: 'a@b.c' });
    for (const bad of [undefined, 'id', {}, { id: 'a', email: 'b' }, { phone: '1' }, { id: '' }, { id: 5 }]) expect(codeOf(() => memberLookupOf(bad)), JSON.stringify(bad)).toBe('spend.invalid_request');
  });

  it('takes limits as an amount or unlimited', () => {
    expect(limitOf({ amount: 5 })).toEqual({ amount: 5, mode: 'hard' });
    expect(limitOf({ unlimited: true })).toEqual({ amount: null, mode: 'hard' });
    expect(limitOf({ amount: 5, unlimited: false, mode: 'soft' })).toEqual({ amount: 5, mode: 'soft' });
    for (const bad of [{ unlimited: false }, { amount: 5, unlimited: true }, { unlimited: 'yes' }, { amount: 5, note: 'x' }, { amount: 5, mode: 'loose' }]) expect(codeOf(() => limitOf(bad)), JSON.stringify(bad)).toMatch(/^spend\.invalid_/);
  });

  it('bounds metadata and occurredAt', () => {
    expect(metadataOf(undefined)).toBeNull();
    expect(codeOf(() => metadataOf({ blob: 'x'.repeat(9000) }))).toBe('spend.invalid_request');
    const now = new Date('2026-11-22T00:00:00Z');
    expect(occurredAtOf('2026-11-22T00:04:00+00:00', now)?.toISOString()).toBe('2026-11-22T00:04:00.000Z');
    expect(codeOf(() => occurredAtOf('2026-11-22', now))).toBe('spend.invalid_request');
    expect(codeOf(() => occurredAtOf('2026-11-22T00:06:00Z', now))).toBe('spend.invalid_request');
  });

  it('hashes a request independently of key order', () => {
    expect(requestHash({ a: 1, b: { c: 2, d: [1, { e: 3, f: 4 }] } })).toBe(requestHash({ b: { d: [1, { f: 4, e: 3 }], c: 2 }, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });

  it('reads an end date as through that day (UTC), and refuses one in the past', () => {
    const now = new Date('2026-11-10T12:00:00Z');
    expect(untilOf('2026-11-20', now)).toBe('2026-11-21T00:00:00.000Z');
    expect(untilOf('2026-11-10T18:00:00+02:00', now)).toBe('2026-11-10T16:00:00.000Z');
    expect(untilOf(undefined, now)).toBeNull();
    for (const bad of ['2026-11-09', '2026-11-10T11:00:00Z', 'soon', 5]) expect(codeOf(() => untilOf(bad, now)), String(bad)).toBe('spend.invalid_request');
  });
});
