// Spend follows SCIM: the next authorization after a PATCH that removes a
// member from a group sees the new limit, and spend.limit_changed tells why —
// membership changes of a limited group, its deletion, a member's
// suspension, reactivation and deletion — in the SCIM change's transaction.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, patchBody, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';

describe.each(DIALECTS)('spend and the directory (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;
  let apiKey: string;
  let ann: string;
  let bob: string;
  let engineers: string;
  let interns: string;

  const host = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1/teams/${t.teamId}/spend${path}`,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });
  const limitChanges = async () =>
    (await t.services.store.events.listAfter(t.services.store.db, t.teamId, 0, 10_000)).filter((e) => e.type === 'spend.limit_changed').map((e) => e.data as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await signInAdmin(t, 'it@example.com', 'admin');
    apiKey = (await t.services.apiKeys.create({ teamId: t.teamId })).secret;
    ann = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'ann' })).json().id;
    bob = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'bob' })).json().id;
    engineers = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineers', members: [{ value: ann }, { value: bob }] })).json().id;
    interns = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Interns', members: [{ value: ann }] })).json().id;
    await admin.request('PUT', `/api/admin/teams/${t.teamId}/spend/default`, { amount: 5_000 });
    await admin.request('PUT', `/api/admin/teams/${t.teamId}/spend/group-limits/${engineers}`, { amount: 20_000 });
    await admin.request('PUT', `/api/admin/teams/${t.teamId}/spend/group-limits/${interns}`, { amount: 1_000 });
  });
  afterAll(async () => t.close());

  it('writes one limit_changed per affected member for an admin change, with who made it', async () => {
    const changes = await limitChanges();
    const engineersSet = changes.filter((c) => c.reason === 'group_limit_changed' && c.groupId === engineers);
    expect(engineersSet.map((c) => c.member.userName).sort()).toEqual(['ann', 'bob']);
    expect(engineersSet[0]).toMatchObject({ previous: { amount: 5_000, source: { type: 'team_default' } }, current: { amount: 20_000, source: { type: 'group', groupId: engineers } }, changedBy: { kind: 'admin', email: 'it@example.com' } });
    // Ann keeps Engineers' higher limit: the Interns limit changes nothing for her.
    expect(changes.filter((c) => c.groupId === interns)).toEqual([]);
  });

  it('sees a SCIM removal at the next authorization, and says why', async () => {
    const before = (await host('POST', '/authorize', { member: { userName: 'ann' }, amount: 1_500, currency: 'USD' })).json();
    expect(before).toMatchObject({ allowed: true, limit: { amount: 20_000, source: { groupName: 'Engineers' } } });
    expect((await t.scim('PATCH', `/Groups/${engineers}`, patchBody({ op: 'remove', path: `members[value eq "${ann}"]` }))).statusCode).toBeLessThan(300);
    const after = (await host('POST', '/authorize', { member: { userName: 'ann' }, amount: 1_500, currency: 'USD' })).json();
    expect(after).toMatchObject({ allowed: false, reason: 'limit_exceeded', limit: { amount: 1_000, source: { type: 'group', groupId: interns } } });
    const last = (await limitChanges()).at(-1);
    expect(last).toMatchObject({ reason: 'member_removed_from_group', groupId: engineers, member: { id: ann }, previous: { amount: 20_000 }, current: { amount: 1_000 }, changedBy: { kind: 'directory' } });
  });

  it('reports additions and lists members in several limited groups with the winner', async () => {
    await t.scim('PATCH', `/Groups/${engineers}`, patchBody({ op: 'add', path: 'members', value: [{ value: ann }] }));
    expect((await limitChanges()).at(-1)).toMatchObject({ reason: 'member_added_to_group', current: { amount: 20_000 } });
    const view = (await host('GET', '/multi-group-members')).json();
    expect(view.totalResults).toBe(1);
    expect(view.items[0]).toMatchObject({
      member: { id: ann },
      winningGroup: { id: engineers, name: 'Engineers', amount: 20_000 },
      limit: { amount: 20_000, source: { groupId: engineers } },
      limitedGroups: [{ name: 'Engineers' }, { name: 'Interns' }],
    });
    expect((await admin.request('GET', `/api/admin/teams/${t.teamId}/spend/multi-group-members`)).json().totalResults).toBe(1);
  });

  it('reports suspension and reactivation through SCIM', async () => {
    await t.scim('PATCH', `/Users/${bob}`, patchBody({ op: 'Replace', path: 'active', value: 'False' }));
    expect((await limitChanges()).at(-1)).toMatchObject({ reason: 'member_suspended', previous: { amount: 20_000 }, current: { amount: 0, source: { type: 'suspended' } } });
    expect((await host('POST', '/authorize', { member: { id: bob }, amount: 1, currency: 'USD' })).json()).toMatchObject({ allowed: false, reason: 'member_suspended' });
    await t.scim('PATCH', `/Users/${bob}`, patchBody({ op: 'replace', path: 'active', value: true }));
    expect((await limitChanges()).at(-1)).toMatchObject({ reason: 'member_reactivated', current: { amount: 20_000 } });
  });

  it('reports the members of a deleted limited group, and audits it', async () => {
    const count = (await limitChanges()).length;
    expect((await t.scim('DELETE', `/Groups/${engineers}`)).statusCode).toBe(204);
    const changes = (await limitChanges()).slice(count);
    expect(changes.map((c) => [c.member.userName, c.reason, c.current.amount]).sort()).toEqual([
      ['ann', 'group_deleted', 1_000],
      ['bob', 'group_deleted', 5_000],
    ]);
    expect((await host('GET', '/multi-group-members')).json().totalResults).toBe(0);
    const audit = (await admin.request('GET', `/api/admin/teams/${t.teamId}/spend/audit`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'group_limit.cleared', actor: { kind: 'directory' }, target: { type: 'group', id: engineers, name: 'Engineers' }, old: { amount: 20_000 }, new: null, affectedMembers: 2 });
  });

  it('reports a deleted member and forgets their override', async () => {
    await admin.request('PUT', `/api/admin/teams/${t.teamId}/spend/overrides/${bob}`, { amount: 42 });
    expect((await t.scim('DELETE', `/Users/${bob}`)).statusCode).toBe(204);
    expect((await limitChanges()).at(-1)).toMatchObject({ reason: 'member_deleted', member: { id: bob }, previous: { amount: 42, source: { type: 'override' } }, current: { amount: 0, source: { type: 'removed' } } });
    expect((await admin.request('GET', `/api/admin/teams/${t.teamId}/spend/overrides`)).json().totalResults).toBe(0);
    expect((await host('GET', `/members/${bob}`)).statusCode).toBe(404);
  });
});
