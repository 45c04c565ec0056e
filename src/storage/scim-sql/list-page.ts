// RFC 7644 §3.4.2: one page of a filtered, sorted list plus totalResults.
// The page comes first: when it is the first page and not full, it IS the
// whole result, so the usual IdP lookup (`userName eq "x"`) costs one query.
// An unfiltered total comes from the team's maintained counter, never COUNT(*).

import { sql } from 'kysely';
import type { ListQuery, ListResult } from '../../domain/directory/types.js';
import { RESOURCE_COLUMNS, rowToStored } from '../directory/resource-rows.js';
import type { ResourceSchema } from '../../scim/schema/types.js';
import type { Executor } from '../executor.js';
import { compileSortKey } from './sort-to-sql.js';
import type { SqlDialect } from '../sql-dialect.js';
import { ANCHOR_SPACING, type RankAnchors } from './rank-anchors.js';
import { membershipPlan } from './membership-plan.js';
import { drivePage, type GroupUserPages } from './membership-page.js';
import { matchCount, matching } from './list-matches.js';
import { keysetPage } from './keyset-page.js';

export interface ListTarget {
  table: 'users' | 'groups';
  counter: 'user_count' | 'group_count';
  context: { resourceType: 'User' | 'Group'; schema: ResourceSchema; dialect: SqlDialect };
  anchors: RankAnchors;
  /** Users only: the pages of `groups.value eq` alone (membership-page.ts). */
  groupUsers?: GroupUserPages;
}

export async function listPage(db: Executor, teamId: string, query: ListQuery, target: ListTarget): Promise<ListResult> {
  if (query.cursor) return keysetPage(db, teamId, query, target);
  const plan = query.filter ? membershipPlan(query.filter, target.context) : undefined;
  if (plan?.exact && target.groupUsers && !query.sortBy && query.count > 0) {
    const page = await target.groupUsers(db, teamId, plan.id, query);
    if (page) return page;
  }
  const base = matching(db, teamId, query, target, plan !== undefined && (await drivePage(db, teamId, plan, query, target)));
  const total = () => matchCount(db, teamId, query, target, plan);
  if (query.count <= 0) return { total: await total(), rows: [] };

  if (!query.filter && !query.sortBy && query.startIndex > 1) return anchoredPage(db, teamId, query, target);

  let page = base.select(RESOURCE_COLUMNS);
  if (query.sortBy) {
    const direction = query.sortOrder === 'descending' ? sql`desc` : sql`asc`;
    page = page
      .orderBy(sql`${compileSortKey(query.sortBy, target.context)} ${direction}`)
      .orderBy('seq', query.sortOrder === 'descending' ? 'desc' : 'asc')
      .offset(query.startIndex - 1);
  } else if (query.startIndex > 1) {
    // Deep pages of a filtered list: skip on the index alone, then read only
    // the rows of the page.
    const anchor = base.select('seq').orderBy('seq').limit(1).offset(query.startIndex - 1);
    page = page.where('seq', '>=', anchor).orderBy('seq');
  } else {
    page = page.orderBy('seq');
  }
  const rows = await page.limit(query.count).execute();
  const complete = query.startIndex === 1 && rows.length < query.count;
  return { total: complete ? rows.length : await total(), rows: rows.map(rowToStored) };
}

/** An unfiltered page in the default order, from the nearest rank anchor (rank-anchors.ts). */
async function anchoredPage(db: Executor, teamId: string, query: ListQuery, target: ListTarget): Promise<ListResult> {
  const snapshot = await target.anchors.snapshot(db, teamId);
  const rank = query.startIndex - 1;
  const k = Math.floor(rank / ANCHOR_SPACING);
  const anchorSeq = rank < snapshot.count ? await target.anchors.anchor(db, teamId, k, snapshot) : undefined;
  if (anchorSeq === undefined) return { total: snapshot.count, rows: [] };
  const rows = await db
    .selectFrom(target.table as 'users')
    .select(RESOURCE_COLUMNS)
    .where('team_id', '=', teamId)
    .where('seq', '>=', anchorSeq)
    .orderBy('seq')
    .limit(query.count)
    .offset(rank - k * ANCHOR_SPACING)
    .execute();
  return { total: snapshot.count, rows: rows.map(rowToStored) };
}
