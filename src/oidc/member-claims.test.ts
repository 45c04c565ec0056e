import { describe, expect, it } from 'vitest';
import { memberClaims, memberEmail } from './member-claims.js';
import type { MemberAccount } from '../domain/member-sign-in/store.js';

const member = (resource: Record<string, unknown>, userName = 'jdoe'): MemberAccount => ({ id: 'u1', teamId: 't1', userName, active: true, resource, groups: [{ id: 'g1', displayName: 'Sales' }] });

describe('member claims (OIDC Core §5.1 from the SCIM resource, RFC 7643 §4.1)', () => {
  it('takes the primary email, else the first, else a userName that is an address', () => {
    expect(memberEmail(member({ emails: [{ value: 'a@x.com' }, { value: 'b@x.com', primary: true }] }))).toBe('b@x.com');
    expect(memberEmail(member({ emails: [{ value: 'a@x.com' }] }))).toBe('a@x.com');
    expect(memberEmail(member({}, 'c@x.com'))).toBe('c@x.com');
    expect(memberEmail(member({}, 'jdoe'))).toBeUndefined();
  });

  it('names the member from displayName, else name.formatted, else given and family names', () => {
    expect(memberClaims(member({ displayName: 'J. Doe', name: { givenName: 'Jane', familyName: 'Doe' } }))).toMatchObject({ name: 'J. Doe', given_name: 'Jane', family_name: 'Doe' });
    expect(memberClaims(member({ name: { formatted: 'Ms Jane Doe' } })).name).toBe('Ms Jane Doe');
    expect(memberClaims(member({ name: { givenName: 'Jane', familyName: 'Doe' } })).name).toBe('Jane Doe');
  });

  it('always carries sub, team, username and groups; no email claims without an address', () => {
    const claims = memberClaims(member({}));
    expect(claims).toEqual({ sub: 'u1', team_id: 't1', preferred_username: 'jdoe', groups: ['Sales'], group_ids: ['g1'] });
  });
});
