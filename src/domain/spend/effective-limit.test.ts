import { describe, expect, it } from 'vitest';
import { effectiveLimit, remainingOf, sameLimit, winningGroup } from './effective-limit.js';
import { thresholdBits } from './spend-events.js';

const g = (groupId: string, amount: number | null, groupName = groupId, mode: 'hard' | 'soft' = 'hard') => ({ groupId, groupName, amount, mode });

describe('effectiveLimit (PRODUCT.md rule 4)', () => {
  it('is unlimited with nothing set, else the team default', () => {
    expect(effectiveLimit({ active: true, groups: [], defaultLimit: null })).toEqual({ amount: null, mode: 'hard', source: { type: 'unlimited', groupId: null, groupName: null } });
    expect(effectiveLimit({ active: true, groups: [], defaultLimit: 500 })).toEqual({ amount: 500, mode: 'hard', source: { type: 'team_default', groupId: null, groupName: null } });
  });

  it('lets a group limit beat the default even when lower', () => {
    expect(effectiveLimit({ active: true, groups: [g('a', 100, 'Interns')], defaultLimit: 500 })).toEqual({ amount: 100, mode: 'hard', source: { type: 'group', groupId: 'a', groupName: 'Interns' } });
  });

  it('takes the highest group limit; an unlimited group beats every amount', () => {
    expect(effectiveLimit({ active: true, groups: [g('a', 100), g('b', 900), g('c', 300)], defaultLimit: null }).source.groupId).toBe('b');
    expect(effectiveLimit({ active: true, groups: [g('a', 100), g('b', null), g('c', 10 ** 12)], defaultLimit: 5 })).toMatchObject({ amount: null, source: { groupId: 'b' } });
  });

  it('breaks ties by group name, so the winner is stable', () => {
    expect(winningGroup([g('2', 100, 'beta'), g('1', 100, 'Alpha')])?.groupId).toBe('1');
    expect(winningGroup([g('2', 100, 'same'), g('1', 100, 'same')])?.groupId).toBe('1');
    expect(winningGroup([])).toBeUndefined();
  });

  it('lets an override beat everything, including an unlimited override', () => {
    expect(effectiveLimit({ active: true, override: { amount: 7 }, groups: [g('a', null)], defaultLimit: 5 })).toMatchObject({ amount: 7, source: { type: 'override' } });
    expect(effectiveLimit({ active: true, override: { amount: null }, groups: [g('a', 1)], defaultLimit: 5 })).toMatchObject({ amount: null, source: { type: 'override' } });
  });

  it('takes the mode of the limit that wins: the highest group, else the override or default', () => {
    expect(effectiveLimit({ active: true, groups: [g('a', 100, 'a', 'soft'), g('b', 900, 'b', 'hard')], defaultLimit: null }).mode).toBe('hard');
    expect(effectiveLimit({ active: true, groups: [g('a', 1000, 'a', 'soft'), g('b', 900, 'b', 'hard')], defaultLimit: null }).mode).toBe('soft');
    expect(effectiveLimit({ active: true, groups: [], defaultLimit: 5, defaultMode: 'soft' }).mode).toBe('soft');
    expect(effectiveLimit({ active: true, override: { amount: 7, mode: 'soft', expiresAt: '2030-01-01T00:00:00.000Z' }, groups: [g('a', 1)], defaultLimit: 5 })).toMatchObject({ mode: 'soft', source: { type: 'override', until: '2030-01-01T00:00:00.000Z' } });
  });

  it('lets a suspended member spend nothing', () => {
    expect(effectiveLimit({ active: false, override: { amount: null }, groups: [], defaultLimit: null })).toEqual({ amount: 0, mode: 'hard', source: { type: 'suspended', groupId: null, groupName: null } });
  });

  it('compares limits by amount, never below zero remaining', () => {
    expect(sameLimit({ amount: 5, mode: 'hard', source: { type: 'group', groupId: 'a', groupName: 'a' } }, { amount: 5, mode: 'hard', source: { type: 'team_default', groupId: null, groupName: null } })).toBe(true);
    expect(sameLimit({ amount: null, mode: 'hard', source: { type: 'unlimited', groupId: null, groupName: null } }, { amount: 0, mode: 'hard', source: { type: 'suspended', groupId: null, groupName: null } })).toBe(false);
    expect(sameLimit({ amount: 5, mode: 'hard', source: { type: 'team_default', groupId: null, groupName: null } }, { amount: 5, mode: 'soft', source: { type: 'team_default', groupId: null, groupName: null } })).toBe(false);
    expect(remainingOf(100, 80, 30)).toBe(0);
    expect(remainingOf(null, 80, 30)).toBeNull();
  });
});

describe('thresholdBits', () => {
  it('sets 80% and 100% in integer arithmetic', () => {
    expect(thresholdBits(799, 1000)).toBe(0);
    expect(thresholdBits(800, 1000)).toBe(1);
    expect(thresholdBits(1000, 1000)).toBe(3);
    expect(thresholdBits(5, 0)).toBe(3);
    expect(thresholdBits(0, 0)).toBe(0);
    expect(thresholdBits(10 ** 9, null)).toBe(0);
  });
});
