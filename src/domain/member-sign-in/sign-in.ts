// Who may sign in to the host product through Rollcall's OpenID Provider
// (docs/oidc.md): the identity the team's IdP vouched for is matched to a
// member the IdP provisioned over SCIM, and only an active member gets
// through. The same rule runs again on every token refresh and userinfo
// call (`account`), and a suspension or deletion revokes the member's
// provider sessions, grants and tokens in the transaction that makes it
// (`statusListener`), so deprovisioning locks the member out at once.
//
// Matching rule: the IdP's email, compared case-insensitively, equals the
// member's userName or one of the member's emails. A userName match wins
// over an email match; two members matched by email alone are ambiguous and
// refused rather than guessed.

import type { SignInIdentity } from '../sso/types.js';
import type { MemberStatusListener } from '../directory/users.js';
import type { MemberAccount, MemberSignInStore } from './store.js';

export const MEMBER_REFUSALS = {
  'member.not_provisioned': 'You signed in with your identity provider, but you are not a member of this team in Rollcall. Ask your IT admin to assign you to the app in the identity provider.',
  'member.suspended': 'Your account in this team is suspended. Ask your IT admin to reactivate it in the identity provider.',
  'member.ambiguous': 'Your email address matches several members of this team, so Rollcall cannot tell which one you are. Ask your IT admin to give each member a distinct email.',
  'member.wrong_team': 'This sign-in was completed for another team than the one the application asked for. Start again from the application.',
} as const;

export type MemberRefusal = keyof typeof MEMBER_REFUSALS;

export type MemberMatch = { ok: true; member: MemberAccount } | { ok: false; reason: MemberRefusal; message: string };

const refuse = (reason: MemberRefusal): MemberMatch => ({ ok: false, reason, message: MEMBER_REFUSALS[reason] });

export function createMemberSignInService(deps: { store: MemberSignInStore }) {
  const { store } = deps;

  return {
    /** The active member of `teamId` this IdP identity is, or why not. */
    async match(teamId: string, identity: SignInIdentity): Promise<MemberMatch> {
      const email = identity.email.trim().toLowerCase();
      const candidates = await store.findByEmail(store.db, teamId, email);
      const byUserName = candidates.filter((c) => c.userNameCi === email);
      const chosen = byUserName.length === 1 ? byUserName : candidates;
      if (chosen.length === 0) return refuse('member.not_provisioned');
      if (chosen.length > 1) return refuse('member.ambiguous');
      const member = await store.findMember(store.db, chosen[0].id);
      if (!member || member.teamId !== teamId) return refuse('member.not_provisioned');
      if (!member.active) return refuse('member.suspended');
      return { ok: true, member };
    },

    /** The member behind a provider account id, only while it exists and is active. */
    async account(accountId: string): Promise<MemberAccount | undefined> {
      const member = await store.findMember(store.db, accountId);
      return member?.active ? member : undefined;
    },

    /** Told by the user service, inside the suspending or deleting transaction. */
    statusListener: {
      async statusChanged(tx, change) {
        if (change.status === 'reactivated') return;
        await store.revokeAccount(tx, change.user.id);
      },
    } satisfies MemberStatusListener,
  };
}

export type MemberSignInService = ReturnType<typeof createMemberSignInService>;

/** One listener slot, two listeners: each is told, in order, in the same transaction. */
export function tellBoth(first: MemberStatusListener, second: MemberStatusListener): MemberStatusListener {
  return {
    async statusChanged(tx, change) {
      await first.statusChanged(tx, change);
      await second.statusChanged(tx, change);
    },
  };
}
