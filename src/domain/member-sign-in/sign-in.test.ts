import { describe, expect, it } from 'vitest';
import { createMemberSignInService } from './sign-in.js';
import type { MemberAccount, MemberSignInStore } from './store.js';

function storeWith(members: (MemberAccount & { emails: string[] })[]) {
  const revoked: string[] = [];
  const store: MemberSignInStore = {
    db: null,
    findByEmail: async (_tx, teamId, emailCi) =>
      members.filter((m) => m.teamId === teamId && (m.userName.toLowerCase() === emailCi || m.emails.includes(emailCi))).map((m) => ({ id: m.id, userNameCi: m.userName.toLowerCase(), active: m.active })),
    findMember: async (_tx, id) => members.find((m) => m.id === id),
    revokeAccount: async (_tx, id) => (revoked.push(id), 1),
  };
  return { store, revoked };
}

const m = (id: string, userName: string, emails: string[], active = true, teamId = 't1') => ({ id, teamId, userName, active, resource: {}, groups: [], emails });
const identity = (email: string) => ({ subject: 's', email, attributes: {} });

describe('member sign-in matching (docs/oidc.md)', () => {
  const { store, revoked } = storeWith([
    m('u1', 'Ann@Example.com', []),
    m('u2', 'bob', ['bob@example.com']),
    m('u3', 'ann-alt', ['ann@example.com']),
    m('u4', 'x1', ['shared@example.com']),
    m('u5', 'x2', ['shared@example.com']),
    m('u6', 'off@example.com', [], false),
  ]);
  const service = createMemberSignInService({ store });

  it('matches userName case-insensitively, and prefers it over another member\'s email', async () => {
    expect(await service.match('t1', identity('ANN@example.com'))).toMatchObject({ ok: true, member: { id: 'u1' } });
  });
  it('matches one of the member\'s emails', async () => {
    expect(await service.match('t1', identity('bob@example.com'))).toMatchObject({ ok: true, member: { id: 'u2' } });
  });
  it('refuses an email shared by several members, an unknown one, another team\'s, and a suspended member', async () => {
    expect(await service.match('t1', identity('shared@example.com'))).toMatchObject({ ok: false, reason: 'member.ambiguous' });
    expect(await service.match('t1', identity('nobody@example.com'))).toMatchObject({ ok: false, reason: 'member.not_provisioned' });
    expect(await service.match('t2', identity('bob@example.com'))).toMatchObject({ ok: false, reason: 'member.not_provisioned' });
    expect(await service.match('t1', identity('off@example.com'))).toMatchObject({ ok: false, reason: 'member.suspended' });
  });
  it('finds an account only while the member is active', async () => {
    expect(await service.account('u1')).toMatchObject({ id: 'u1' });
    expect(await service.account('u6')).toBeUndefined();
    expect(await service.account('gone')).toBeUndefined();
  });
  it('revokes on suspension and deletion, not on reactivation', async () => {
    const user = { id: 'u9', teamId: 't1', resource: {}, created: '', lastModified: '', version: 1 };
    for (const status of ['suspended', 'reactivated', 'deleted'] as const) await service.statusListener.statusChanged(null, { teamId: 't1', user, status, groupIds: [] });
    expect(revoked).toEqual(['u9', 'u9']);
  });
});
