// Soft limits: a default, group limit, override or team cap in "soft" mode
// allows going over and flags the answer (overLimit) instead of refusing;
// "hard" (the default) refuses as before. The mode is the one of the limit
// that wins (the highest group for a member of several).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-app.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

describe.each(DIALECTS)('soft limits (%s)', (dialect) => {
  let t: SpendTestApp;
  const ids: Record<string, string> = {};
  const authorize = async (member: string, amount: number, extra: Record<string, unknown> = {}) =>
    (await t.host('POST', '/authorize', { member: { id: member }, amount, currency: 'USD', ...extra })).json();

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    for (const name of ['ann', 'bob', 'cat', 'dan']) ids[name] = await t.user(name);
    ids.soft = await t.group('Soft', [ids.bob, ids.cat]);
    ids.hard = await t.group('Hard', [ids.cat]);
  });
  afterAll(async () => t.close());

  it('a soft default allows beyond the limit and flags the answer; within it, no flag', async () => {
    const set = await t.adminApi('PUT', '/default', { amount: 1_000, mode: 'soft' });
    expect(set.statusCode).toBe(200);
    expect(set.json().defaultLimit).toEqual({ amount: 1_000, unlimited: false, mode: 'soft' });
    expect(await authorize(ids.ann, 500)).toMatchObject({ allowed: true, overLimit: false, mode: 'soft', limit: { amount: 1_000, mode: 'soft', source: { type: 'team_default' } } });
    expect(await authorize(ids.ann, 1_500)).toMatchObject({ allowed: true, reason: null, overLimit: true, mode: 'soft', remaining: 1_000 });
    expect((await t.adminApi('GET', '/policy')).json().defaultLimit).toMatchObject({ mode: 'soft' });
  });

  it('a hold under a soft limit is granted beyond it', async () => {
    const res = await t.host('POST', '/authorize', { member: { id: ids.ann }, amount: 1_200, currency: 'USD', hold: true });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ allowed: true, overLimit: true, held: 1_200, remaining: 0, hold: { status: 'active' } });
    await t.host('POST', `/holds/${res.json().hold.id}/release`);
  });

  it('a hard limit still refuses, with overLimit and mode hard', async () => {
    await t.adminApi('PUT', '/default', { amount: 1_000 });
    expect(await authorize(ids.ann, 1_500)).toMatchObject({ allowed: false, reason: 'limit_exceeded', overLimit: true, mode: 'hard' });
    const hold = await t.host('POST', '/authorize', { member: { id: ids.ann }, amount: 1_500, currency: 'USD', hold: true });
    expect(hold.json()).toMatchObject({ allowed: false, reason: 'limit_exceeded', overLimit: true, hold: null });
  });

  it('a member of several groups gets the mode of the highest limit', async () => {
    await t.adminApi('PUT', `/group-limits/${ids.soft}`, { amount: 5_000, mode: 'soft' });
    await t.adminApi('PUT', `/group-limits/${ids.hard}`, { amount: 3_000 });
    // cat: Soft 5000 beats Hard 3000, so soft applies.
    expect(await authorize(ids.cat, 6_000)).toMatchObject({ allowed: true, overLimit: true, mode: 'soft', limit: { amount: 5_000, source: { groupName: 'Soft' } } });
    await t.adminApi('PUT', `/group-limits/${ids.hard}`, { amount: 8_000, mode: 'hard' });
    expect(await authorize(ids.cat, 9_000)).toMatchObject({ allowed: false, reason: 'limit_exceeded', mode: 'hard', limit: { amount: 8_000, source: { groupName: 'Hard' } } });
    const groups = (await t.adminApi('GET', '/group-limits')).json().items;
    expect(groups.find((g: { group: { id: string } }) => g.group.id === ids.soft).limit).toEqual({ amount: 5_000, unlimited: false, mode: 'soft' });
  });

  it('a soft override beats a hard group; a mode change alone is a limit change', async () => {
    const set = await t.adminApi('PUT', `/overrides/${ids.bob}`, { amount: 5_000, mode: 'hard' });
    expect(set.json().affectedMembers).toBe(1);
    const soft = await t.adminApi('PUT', `/overrides/${ids.bob}`, { amount: 5_000, mode: 'soft' });
    expect(soft.json()).toMatchObject({ override: { amount: 5_000, mode: 'soft' }, affectedMembers: 1 });
    const changed = (await t.events('spend.limit_changed')).filter((e) => e.resourceId === ids.bob).pop();
    expect(changed?.data).toMatchObject({ previous: { amount: 5_000, mode: 'hard' }, current: { amount: 5_000, mode: 'soft' } });
    expect(await authorize(ids.bob, 7_000)).toMatchObject({ allowed: true, overLimit: true, mode: 'soft', limit: { source: { type: 'override' } } });
  });

  it('a soft team cap allows beyond it and flags; a hard one refuses', async () => {
    await t.adminApi('PUT', '/default', { unlimited: true });
    const soft = await t.adminApi('PUT', '/team-cap', { amount: 100, mode: 'soft' });
    expect(soft.json().teamCap).toEqual({ amount: 100, perMember: null, mode: 'soft' });
    expect(await authorize(ids.dan, 200)).toMatchObject({ allowed: true, overLimit: true, teamCap: { amount: 100, mode: 'soft' } });
    expect(await authorize(ids.dan, 50)).toMatchObject({ allowed: true, overLimit: false });
    await t.adminApi('PUT', '/team-cap', { amount: 100 });
    expect(await authorize(ids.dan, 200)).toMatchObject({ allowed: false, reason: 'team_cap_reached', overLimit: true, teamCap: { mode: 'hard' } });
    await t.adminApi('DELETE', '/team-cap');
  });

  it('refuses an unknown mode with 400 and changes nothing', async () => {
    const before = (await t.adminApi('GET', '/policy')).json();
    for (const [path, body] of [['/default', { amount: 5, mode: 'loose' }], ['/team-cap', { amount: 5, mode: 1 }], [`/group-limits/${ids.soft}`, { amount: 5, mode: 'SOFT' }]] as const) {
      const res = await t.adminApi('PUT', path, body);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.code).toBe('spend.invalid_request');
    }
    expect((await t.adminApi('GET', '/policy')).json()).toEqual(before);
  });
});
