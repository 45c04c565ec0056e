// The directory as spend management reads it: members by reference, pages
// of members, a group's user members, and the limited groups of members
// through the group_members reverse index (member_id, group_id) joined to
// spend_group_limits by primary key — O(the member's groups), never a scan
// of a group or of the team.

import type { GroupLimit, MemberLookup, Page, SpendMember } from '../../domain/spend/store.js';
import { type Executor, chunks } from '../executor.js';
import type { SqlDialect } from '../sql-dialect.js';
import { modeOf } from './policy-repository.js';

const MEMBER_COLUMNS = ['users.id as id', 'users.user_name as user_name', 'users.display_name as display_name', 'users.active as active'] as const;

type MemberRow = { id: string; user_name: string; display_name: string | null; active: number };

export const toMember = (r: MemberRow): SpendMember => ({ id: r.id, userName: r.user_name, displayName: r.display_name, active: Number(r.active) === 1 });

const amountOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function createSpendMembersRepository(dialect: SqlDialect) {
  return {
    async findMembers(db: Executor, teamId: string, lookup: MemberLookup): Promise<SpendMember[]> {
      let query = db.selectFrom('users').select(MEMBER_COLUMNS).where('users.team_id', '=', teamId);
      switch (lookup.by) {
        case 'id':
          query = query.where('users.id', '=', lookup.value);
          break;
        case 'userName':
          query = query.where('users.user_name_ci', '=', lookup.value.toLowerCase());
          break;
        case 'externalId':
          query = query.where('users.external_id', '=', lookup.value);
          break;
        case 'email':
          query = query.where('users.id', 'in', (sub) =>
            sub.selectFrom('user_emails').select('user_emails.user_id').where('user_emails.team_id', '=', teamId).where('user_emails.value_ci', '=', lookup.value.toLowerCase()),
          );
          break;
      }
      return (await query.limit(2).execute()).map(toMember);
    },

    async membersByIds(db: Executor, teamId: string, ids: string[]): Promise<SpendMember[]> {
      const out: SpendMember[] = [];
      for (const part of chunks([...new Set(ids)])) {
        out.push(...(await db.selectFrom('users').select(MEMBER_COLUMNS).where('users.team_id', '=', teamId).where('users.id', 'in', part).execute()).map(toMember));
      }
      return out;
    },

    async memberPage(db: Executor, teamId: string, offset: number, count: number, afterSeq?: number): Promise<Page<SpendMember> & { lastSeq?: number }> {
      const team = await db.selectFrom('teams').select('user_count').where('id', '=', teamId).executeTakeFirst();
      const total = Number(team?.user_count ?? 0);
      if (afterSeq === undefined) {
        const rows = count === 0 ? [] : await db.selectFrom('users').select(MEMBER_COLUMNS).where('users.team_id', '=', teamId).orderBy('users.seq').limit(count).offset(offset).execute();
        return { total, items: rows.map(toMember) };
      }
      // By cursor: from the position on the (team_id, seq) index, one more row to know whether a next page exists.
      if (count === 0) return { total, items: [] };
      const fetched = await db.selectFrom('users').select([...MEMBER_COLUMNS, 'users.seq as seq']).where('users.team_id', '=', teamId).where('users.seq', '>', afterSeq).orderBy('users.seq').limit(count + 1).execute();
      const rows = fetched.slice(0, count);
      return { total, items: rows.map(toMember), ...(fetched.length > count ? { lastSeq: Number(rows[rows.length - 1].seq) } : {}) };
    },

    findGroup: async (db: Executor, teamId: string, groupId: string) => {
      const row = await db.selectFrom('groups').select(['id', 'display_name']).where('team_id', '=', teamId).where('id', '=', groupId).executeTakeFirst();
      return row ? { id: row.id, name: row.display_name } : undefined;
    },

    async lockGroup(db: Executor, groupId: string): Promise<boolean> {
      const query = db.selectFrom('groups').select('id').where('id', '=', groupId);
      return (await dialect.lockRows(query, 'update').executeTakeFirst()) !== undefined;
    },

    async groupLimitsOf(db: Executor, teamId: string, userIds: string[]): Promise<Map<string, GroupLimit[]>> {
      const out = new Map<string, GroupLimit[]>();
      for (const part of chunks([...new Set(userIds)])) {
        const rows = await db
          .selectFrom('group_members')
          .innerJoin('spend_group_limits', 'spend_group_limits.group_id', 'group_members.group_id')
          .innerJoin('groups', 'groups.id', 'spend_group_limits.group_id')
          .select(['group_members.member_id as member_id', 'groups.id as group_id', 'groups.display_name as name', 'spend_group_limits.amount as amount', 'spend_group_limits.mode as mode'])
          .where('group_members.member_id', 'in', part)
          .where('group_members.team_id', '=', teamId)
          .execute();
        for (const r of rows) {
          const list = out.get(r.member_id) ?? [];
          list.push({ groupId: r.group_id, groupName: r.name, amount: amountOrNull(r.amount), mode: modeOf(r.mode) });
          out.set(r.member_id, list);
        }
      }
      return out;
    },

    async groupLimitsByIds(db: Executor, teamId: string, groupIds: string[]): Promise<GroupLimit[]> {
      const out: GroupLimit[] = [];
      for (const part of chunks([...new Set(groupIds)])) {
        const rows = await db
          .selectFrom('spend_group_limits')
          .innerJoin('groups', 'groups.id', 'spend_group_limits.group_id')
          .select(['groups.id as group_id', 'groups.display_name as name', 'spend_group_limits.amount as amount', 'spend_group_limits.mode as mode'])
          .where('spend_group_limits.team_id', '=', teamId)
          .where('spend_group_limits.group_id', 'in', part)
          .execute();
        out.push(...rows.map((r) => ({ groupId: r.group_id, groupName: r.name, amount: amountOrNull(r.amount), mode: modeOf(r.mode) })));
      }
      return out;
    },
  };
}
