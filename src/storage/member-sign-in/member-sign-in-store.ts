// The directory as the OpenID Provider reads it: members by email or
// userName (case-insensitive, on the indexed *_ci columns), a member by id
// with its directory groups, and the revocation of everything the provider
// stored for an account (sessions, grants, codes, tokens).

import type { MemberSignInStore } from '../../domain/member-sign-in/store.js';
import type { Storage } from '../database.js';
import type { Executor } from '../executor.js';

/** Enough to tell one match from several. */
const CANDIDATE_LIMIT = 5;

export function createMemberSignInStore(storage: Storage): MemberSignInStore<Executor> {
  return {
    db: storage.db,
    async findByEmail(db, teamId, emailCi) {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'user_name_ci', 'active'])
        .where('team_id', '=', teamId)
        .where((eb) =>
          eb.or([
            eb('user_name_ci', '=', emailCi),
            eb('id', 'in', eb.selectFrom('user_emails').select('user_id').where('team_id', '=', teamId).where('value_ci', '=', emailCi)),
          ]),
        )
        .orderBy('seq')
        .limit(CANDIDATE_LIMIT)
        .execute();
      return rows.map((r) => ({ id: r.id, userNameCi: r.user_name_ci, active: r.active === 1 }));
    },

    async findMember(db, userId) {
      const row = await db.selectFrom('users').select(['id', 'team_id', 'user_name', 'active', 'resource']).where('id', '=', userId).executeTakeFirst();
      if (!row) return undefined;
      const groups = await db
        .selectFrom('group_members')
        .innerJoin('groups', 'groups.id', 'group_members.group_id')
        .select(['groups.id as id', 'groups.display_name as displayName'])
        .where('group_members.team_id', '=', row.team_id)
        .where('group_members.member_id', '=', userId)
        .orderBy('groups.display_name_ci')
        .execute();
      return { id: row.id, teamId: row.team_id, userName: row.user_name, active: row.active === 1, resource: JSON.parse(row.resource) as Record<string, unknown>, groups };
    },

    async revokeAccount(db, accountId) {
      const r = await db.deleteFrom('oidc_payloads').where('account_id', '=', accountId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
