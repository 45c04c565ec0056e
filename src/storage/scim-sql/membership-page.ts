// RFC 7644 §3.4.2: lists filtered on one membership id (membership-plan.ts).
// A page in the default order can come two ways: walk the team in `seq`
// order, probing each resource's membership, until the page is full; or read
// the id's membership rows and sort them. Walking costs about
// rows-needed × team / group probes, reading costs the group's size; the
// cheaper one is taken from the maintained counters, so a page never walks a
// 1M-user team for a 10-member group nor sorts a 1M-member group.

import { sql } from 'kysely';
import type { ListQuery } from '../../domain/directory/types.js';
import type { Executor } from '../executor.js';
import type { MembershipPlan } from './membership-plan.js';
import type { ListTarget } from './list-page.js';

/** True when the page should be read from the membership rows. */
export async function drivePage(db: Executor, teamId: string, plan: MembershipPlan, query: ListQuery, target: ListTarget): Promise<boolean> {
  // A member's groups are at most the team's groups: always the smaller side.
  if (target.table === 'groups') return true;
  // A sort reads every match anyway.
  if (query.sortBy || query.count <= 0) return true;
  const group = await db.selectFrom('groups').select('member_count').where('id', '=', plan.id).where('team_id', '=', teamId).executeTakeFirst();
  if (!group) return true;
  const team = await db.selectFrom('teams').select('user_count').where('id', '=', teamId).executeTakeFirst();
  const members = Number(group.member_count);
  const needed = query.startIndex - 1 + query.count;
  return members * members <= needed * Number(team?.user_count ?? 0);
}

/**
 * Users in a group (`groups.value eq` alone) from its maintained member
 * count, less the members that are groups: a probe per group of the team,
 * never a read of the members.
 */
export async function usersInGroup(db: Executor, teamId: string, groupId: string): Promise<number> {
  const group = await db.selectFrom('groups').select('member_count').where('id', '=', groupId).where('team_id', '=', teamId).executeTakeFirst();
  if (!group) return 0;
  const nested = await db
    .selectFrom('groups as g')
    .select(sql<number>`count(*)`.as('n'))
    .where('g.team_id', '=', teamId)
    .where(({ exists, selectFrom }) => exists(selectFrom('group_members as gm').select(sql`1`.as('one')).where('gm.group_id', '=', groupId).whereRef('gm.member_id', '=', 'g.id')))
    .executeTakeFirstOrThrow();
  return Number(group.member_count) - Number(nested.n);
}
