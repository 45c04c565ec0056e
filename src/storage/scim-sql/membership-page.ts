// RFC 7644 §3.4.2: lists filtered on one membership id (membership-plan.ts).
// A page in the default order can come two ways: walk the team in `seq`
// order, probing each resource's membership, until the page is full; or read
// the id's membership rows and sort them. Walking costs about
// rows-needed × team / group probes, reading costs the group's size; the
// cheaper one is taken from the maintained counters, so a page never walks a
// 1M-user team for a 10-member group nor sorts a 1M-member group.
// `groups.value eq` alone, in the default order, needs neither: it is a range
// of the membership index (createGroupUserPages below).

import { sql } from 'kysely';
import type { ListQuery, ListResult } from '../../domain/directory/types.js';
import { RESOURCE_COLUMNS, rowToStored } from '../directory/resource-rows.js';
import { ANCHOR_SPACING } from './rank-anchors.js';
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
 * count, less its members that are groups: a range of the (group_id,
 * member_type, member_seq) index holding only the nested groups, never a
 * read of the user members. (A probe per group of the team, its previous
 * form, let PostgreSQL pick a plan that hit the statement timeout after a
 * bulk load of 230,000 memberships, before autovacuum had analysed them.)
 */
export async function usersInGroup(db: Executor, teamId: string, groupId: string): Promise<number> {
  const group = await db.selectFrom('groups').select('member_count').where('id', '=', groupId).where('team_id', '=', teamId).executeTakeFirst();
  if (!group) return 0;
  const nested = await db
    .selectFrom('group_members as gm')
    .select(sql<number>`count(*)`.as('n'))
    .where('gm.group_id', '=', groupId)
    .where('gm.member_type', '=', 'Group')
    .executeTakeFirstOrThrow();
  return Number(group.member_count) - Number(nested.n);
}

/**
 * A group's users (`groups.value eq "<id>"` alone) in the default order:
 * each membership row carries its user's seq (member_seq, migration 0016),
 * so a page is a range of the (group_id, member_type, member_seq) index,
 * joined to users by primary key. A deep page starts from the nearest rank
 * anchor (the member_seq of every ANCHOR_SPACING-th user, remembered per
 * group and version: every membership change gives the group a new version),
 * as rank-anchors.ts does for a whole team. Undefined when the group is not
 * the team's.
 */
export function createGroupUserPages(spacing = ANCHOR_SPACING) {
  const cache = new Map<string, { version: number; seqs: Map<number, number> }>();

  const users = (db: Executor, groupId: string) =>
    db.selectFrom('group_members as gm').where('gm.group_id', '=', groupId).where('gm.member_type', '=', 'User');

  async function seqAt(db: Executor, groupId: string, from: number | undefined, offset: number): Promise<number | undefined> {
    let query = users(db, groupId).select('gm.member_seq');
    if (from !== undefined) query = query.where('gm.member_seq', '>=', from);
    const row = await query.orderBy('gm.member_seq').limit(1).offset(offset).executeTakeFirst();
    return row?.member_seq == null ? undefined : Number(row.member_seq);
  }

  async function anchor(db: Executor, groupId: string, version: number, k: number): Promise<number | undefined> {
    let entry = cache.get(groupId);
    if (!entry || entry.version !== version) {
      entry = { version, seqs: new Map() };
      if (cache.size >= MAX_GROUPS) cache.delete(cache.keys().next().value as string);
    }
    cache.delete(groupId);
    cache.set(groupId, entry);
    const known = entry.seqs.get(k);
    if (known !== undefined) return known;
    let base: number | undefined;
    for (let j = k - 1; j >= 0 && base === undefined; j--) if (entry.seqs.has(j)) base = j;
    const seq = base === undefined ? await seqAt(db, groupId, undefined, k * spacing) : await seqAt(db, groupId, entry.seqs.get(base), (k - base) * spacing);
    if (seq !== undefined) entry.seqs.set(k, seq);
    return seq;
  }

  return async function page(db: Executor, teamId: string, groupId: string, query: ListQuery): Promise<ListResult | undefined> {
    const group = await db.selectFrom('groups').select('version').where('id', '=', groupId).where('team_id', '=', teamId).executeTakeFirst();
    if (!group) return undefined;
    const rank = query.startIndex - 1;
    const k = Math.floor(rank / spacing);
    const from = k === 0 ? undefined : await anchor(db, groupId, Number(group.version), k);
    const rows = k > 0 && from === undefined
      ? []
      : await (from === undefined ? users(db, groupId) : users(db, groupId).where('gm.member_seq', '>=', from))
          .innerJoin('users as u', 'u.id', 'gm.member_user_id')
          .select(PAGE_COLUMNS)
          .orderBy('gm.member_seq')
          .limit(query.count)
          .offset(rank - k * spacing)
          .execute();
    const complete = query.startIndex === 1 && rows.length < query.count;
    return { total: complete ? rows.length : await usersInGroup(db, teamId, groupId), rows: rows.map(rowToStored) };
  };
}

export type GroupUserPages = ReturnType<typeof createGroupUserPages>;

const MAX_GROUPS = 1000;
const PAGE_COLUMNS = RESOURCE_COLUMNS.map((c) => `u.${c}` as const);
