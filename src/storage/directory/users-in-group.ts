// The users list narrowed to one group's direct members, for the dashboard's
// group filter. It starts from the membership index (group_members by
// group_id): the cost grows with the group, never with the team. Filter and
// sort compile as for the whole list (filter-to-sql, sort-to-sql).

import { sql } from 'kysely';
import type { ListQuery, ListResult } from '../../domain/directory/types.js';
import type { Executor } from '../executor.js';
import { compileFilter, type FilterContext } from '../scim-sql/filter-to-sql.js';
import { RESOURCE_COLUMNS, rowToStored } from './resource-rows.js';
import { compileSortKey } from '../scim-sql/sort-to-sql.js';

export async function usersInGroup(db: Executor, teamId: string, groupId: string, query: ListQuery, ctx: FilterContext): Promise<ListResult> {
  const members = db.selectFrom('group_members').select('member_user_id').where('group_id', '=', groupId).where('team_id', '=', teamId).where('member_user_id', 'is not', null);
  // The team check is written so no index can serve it where the planner has
  // no statistics (SQLite): it would walk the team's users (users_team_seq)
  // and probe the member list, the scan this list exists to avoid.
  // PostgreSQL chooses by its statistics and gets the plain column.
  const team = ctx.dialect.unindexed(sql`users.team_id`);
  let base = db.selectFrom('users').where('id', 'in', members).where(team, '=', teamId);
  if (query.filter) base = base.where(compileFilter(query.filter, ctx));
  const total = Number((await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  if (query.count <= 0) return { total, rows: [] };
  const desc = query.sortOrder === 'descending';
  let page = base.select(RESOURCE_COLUMNS);
  if (query.sortBy) page = page.orderBy(sql`${compileSortKey(query.sortBy, ctx)} ${desc ? sql`desc` : sql`asc`}`);
  const rows = await page
    .orderBy('seq', desc ? 'desc' : 'asc')
    .offset(query.startIndex - 1)
    .limit(query.count)
    .execute();
  return { total, rows: rows.map(rowToStored) };
}
