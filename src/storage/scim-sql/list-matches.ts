// What a list's filter matches in a team, and how many (RFC 7644 §3.4.2
// totalResults): one definition for index pages (list-page.ts) and cursor
// pages (keyset-page.ts). An unfiltered total comes from the team's
// maintained counter, never COUNT(*).

import { sql, type SqlBool } from 'kysely';
import type { ListQuery } from '../../domain/directory/types.js';
import type { Executor } from '../executor.js';
import { compileFilter } from './filter-to-sql.js';
import { usersInGroup } from './membership-page.js';
import type { MembershipPlan } from './membership-plan.js';
import type { ListTarget } from './list-page.js';

/** The team's rows the filter matches; `driven`: read from the membership index (membership-page.ts drivePage). */
export function matching(db: Executor, teamId: string, query: ListQuery, target: ListTarget, driven: boolean) {
  // Both tables share these columns; kysely's types are pinned to one of them.
  const from = db.selectFrom(target.table as 'users');
  if (!query.filter) return from.where('team_id', '=', teamId);
  // Driven from the membership index: `team_id || ''` keeps SQLite from
  // choosing the (team_id, seq) index and walking the team instead.
  const team = driven ? from.where(sql<SqlBool>`(${sql.ref('team_id')} || '') = ${teamId}`) : from.where('team_id', '=', teamId);
  return team.where(compileFilter(query.filter, { ...target.context, membershipIn: driven }));
}

/** totalResults: the same at every depth of a list. */
export async function matchCount(db: Executor, teamId: string, query: ListQuery, target: ListTarget, plan: MembershipPlan | undefined): Promise<number> {
  if (plan?.exact && target.table === 'users') return usersInGroup(db, teamId, plan.id);
  // Counting reads every match: from the membership rows there are no more rows to read than matches.
  if (query.filter) return Number((await matching(db, teamId, query, target, plan !== undefined).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const team = await db.selectFrom('teams').select(target.counter).where('id', '=', teamId).executeTakeFirst();
  return Number(team?.[target.counter as 'user_count'] ?? 0);
}
