// Effective limits (PRODUCT.md rule 4) as the host API reports them, and the
// admin API that sets them: override, else the highest limit among the
// member's limited groups (even below the team default; unlimited beats any
// amount), else the team default, else unlimited. Suspended members may not
// spend; removed members are unknown.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-app.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

describe.each(DIALECTS)('spend policy (%s)', (dialect) => {
  let t: SpendTestApp;
  const ids: Record<string, string> = {};
  const limitOf = async (userId: string) => (await t.host('GET', `/members/${userId}`)).json().limit;

  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    for (const name of ['ann', 'bob', 'cat', 'dan', 'eve']) ids[name] = await t.user(name);
    ids.low = await t.group('Interns', [ids.ann, ids.bob]);
    ids.high = await t.group('Engineers', [ids.bob, ids.cat]);
    ids.open = await t.group('Founders', [ids.cat]);
  });
  afterAll(async () => t.close());

  it('is unlimited with nothing set', async () => {
    expect(await limitOf(ids.ann)).toEqual({ amount: null, mode: 'hard', source: { type: 'unlimited', groupId: null, groupName: null } });
  });

  it('applies the team default to members without another limit', async () => {
    const res = await t.adminApi('PUT', '/default', { amount: 10_000 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ defaultLimit: { amount: 10_000, unlimited: false }, affectedMembers: 5 });
    expect(await limitOf(ids.dan)).toEqual({ amount: 10_000, mode: 'hard', source: { type: 'team_default', groupId: null, groupName: null } });
  });

  it('lets a group limit beat the team default even when lower', async () => {
    expect((await t.adminApi('PUT', `/group-limits/${ids.low}`, { amount: 2_000 })).statusCode).toBe(200);
    expect(await limitOf(ids.ann)).toEqual({ amount: 2_000, mode: 'hard', source: { type: 'group', groupId: ids.low, groupName: 'Interns' } });
    expect(await limitOf(ids.dan)).toMatchObject({ amount: 10_000 });
  });

  it('gives a member of several limited groups the highest of their limits', async () => {
    await t.adminApi('PUT', `/group-limits/${ids.high}`, { amount: 50_000 });
    expect(await limitOf(ids.bob)).toEqual({ amount: 50_000, mode: 'hard', source: { type: 'group', groupId: ids.high, groupName: 'Engineers' } });
  });

  it('lets an unlimited group beat every amount', async () => {
    await t.adminApi('PUT', `/group-limits/${ids.open}`, { unlimited: true });
    expect(await limitOf(ids.cat)).toEqual({ amount: null, mode: 'hard', source: { type: 'group', groupId: ids.open, groupName: 'Founders' } });
  });

  it('lets an override beat everything, and clearing it restores the group limit', async () => {
    await t.adminApi('PUT', `/overrides/${ids.cat}`, { amount: 100 });
    expect(await limitOf(ids.cat)).toEqual({ amount: 100, mode: 'hard', source: { type: 'override', groupId: null, groupName: null } });
    const cleared = await t.adminApi('DELETE', `/overrides/${ids.cat}`);
    expect(cleared.json()).toMatchObject({ override: null, affectedMembers: 1 });
    expect(await limitOf(ids.cat)).toMatchObject({ amount: null, source: { type: 'group' } });
  });

  it('refuses a suspended member, and does not know a removed one', async () => {
    await t.services.users.patch(t.teamId, ids.eve, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] });
    const decision = (await t.host('POST', '/authorize', { member: { id: ids.eve }, amount: 1, currency: 'USD' })).json();
    expect(decision).toMatchObject({ allowed: false, reason: 'member_suspended', remaining: 0, limit: { amount: 0, source: { type: 'suspended' } } });
    await t.services.users.delete(t.teamId, ids.eve);
    const gone = await t.host('POST', '/authorize', { member: { id: ids.eve }, amount: 1, currency: 'USD' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error).toMatchObject({ code: 'spend.member_not_found' });
  });

  it('refuses limits on a group of another team, and on unknown members', async () => {
    const other = await t.services.teams.create({ slug: `other-${dialect}` });
    const foreign = (await t.services.groups.create(other.id, { displayName: 'Theirs' })).group.id;
    const res = await t.adminApi('PUT', `/group-limits/${foreign}`, { amount: 5 });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'spend.group_not_found' });
    expect(res.json().error.message).toMatch(/this team/);
    expect((await t.adminApi('PUT', `/overrides/nobody`, { amount: 5 })).json().error.code).toBe('spend.member_not_found');
    expect((await t.adminApi('GET', '/group-limits')).json().items.map((i: { group: { id: string } }) => i.group.id)).not.toContain(foreign);
  });

  it('refuses malformed limits with a clear message', async () => {
    for (const body of [{ amount: -5 }, { amount: 1.5 }, { amount: '100' }, {}, { amount: 5, unlimited: true }, { amount: 5, extra: 1 }]) {
      const res = await t.adminApi('PUT', '/default', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toMatch(/^spend\.invalid_/);
    }
  });

  it('requires the admin role to change limits; members may read', async () => {
    const { signInAdmin } = await import('../helpers/admin-session.js');
    const reader = await signInAdmin({ app: t.app, services: t.services, teamId: t.teamId } as never, 'reader@example.com', 'member', t.teamId);
    expect((await reader.request('PUT', `/api/admin/teams/${t.teamId}/spend/default`, { amount: 1 })).statusCode).toBe(403);
    expect((await reader.request('GET', `/api/admin/teams/${t.teamId}/spend/policy`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/admin/teams/${t.teamId}/spend/policy` })).statusCode).toBe(401);
  });
});
