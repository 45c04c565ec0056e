// A dynamic team cap: an amount per active member, so the cap follows the
// seat count — new members raise it, suspended ones lower it, at once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-app.js';
import { createSpendTestApp, PATCH_OP, type SpendTestApp } from './spend-test-app.js';

describe.each(DIALECTS)('dynamic team cap (%s)', (dialect) => {
  let t: SpendTestApp;
  const ids: Record<string, string> = {};
  const authorize = async (amount: number) => (await t.host('POST', '/authorize', { member: { id: ids.ann }, amount, currency: 'USD' })).json();

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    for (const name of ['ann', 'bob', 'cat']) ids[name] = await t.user(name);
  });
  afterAll(async () => t.close());

  it('sets a cap per active member; refuses both forms at once', async () => {
    const bad = await t.adminApi('PUT', '/team-cap', { amount: 100, perMember: 100 });
    expect(bad.statusCode).toBe(400);
    const res = await t.adminApi('PUT', '/team-cap', { perMember: 1_000 });
    expect(res.statusCode).toBe(200);
    expect(res.json().teamCap).toEqual({ amount: null, perMember: 1_000, mode: 'hard' });
    expect(await authorize(3_000)).toMatchObject({ allowed: true, teamCap: { amount: 3_000, perMember: 1_000 } });
    expect(await authorize(3_001)).toMatchObject({ allowed: false, reason: 'team_cap_reached' });
  });

  it('follows the seat count: a new member raises it, a suspended one lowers it', async () => {
    ids.dan = await t.user('dan');
    expect((await authorize(4_000)).teamCap.amount).toBe(4_000);
    await t.services.users.patch(t.teamId, ids.bob, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] });
    expect(await authorize(3_500)).toMatchObject({ allowed: false, reason: 'team_cap_reached', teamCap: { amount: 3_000 } });
    await t.services.users.delete(t.teamId, ids.cat);
    expect((await authorize(1)).teamCap.amount).toBe(2_000);
  });

  it('goes back to a fixed cap, or none', async () => {
    expect((await t.adminApi('PUT', '/team-cap', { amount: 500 })).json().teamCap).toEqual({ amount: 500, perMember: null, mode: 'hard' });
    expect((await authorize(1)).teamCap).toMatchObject({ amount: 500, perMember: null });
    await t.adminApi('DELETE', '/team-cap');
    expect((await authorize(1)).teamCap).toBeNull();
  });
});
