// Memberships as rows, indexed both ways. Every operation touches only the
// members it names: adding or removing one member of a 100k-member group
// costs the same as for a group of ten.

import { sql } from 'kysely';
import type { MemberRow } from '../../domain/directory/types.js';
import type { MemberCursor } from '../../domain/directory/store.js';
import { DomainError } from '../../domain/errors.js';
import type { Filter } from '../../scim/filter/ast.js';
import type { MemberRef } from '../../scim/patch/member-changes.js';
import { type Executor, chunks, isForeignKeyViolation } from '../executor.js';
import { compileMemberFilter } from '../scim-sql/member-filter-to-sql.js';
import { membersAdminPage } from './group-members-admin-page.js';
import type { SqlDialect } from '../sql-dialect.js';

/** Members per statement: one JSON parameter each (SqlDialect jsonRecords), so no bound-parameter limit applies. */
const SET_CHUNK = 1000;

interface Found {
  id: string;
  team_id: string;
  seq: number;
}

interface Resolved {
  type: 'User' | 'Group';
  seq: number;
}

export interface MembershipDelta {
  added: string[];
  removed: string[];
}

function membersQuery(db: Executor) {
  return db
    .selectFrom('group_members as gm')
    .leftJoin('users as u', 'u.id', 'gm.member_id')
    .leftJoin('groups as g', 'g.id', 'gm.member_id')
    .select(['gm.group_id as group_id', 'gm.member_id as member_id', 'gm.member_type as member_type', 'u.display_name as user_display', 'u.user_name as user_name', 'g.display_name as group_display'])
    .select('gm.display as sent_display');
}

function toMemberRow(row: { member_id: string; member_type: string; sent_display: string | null; user_display: string | null; user_name: string | null; group_display: string | null }): MemberRow {
  return {
    id: row.member_id,
    type: row.member_type === 'Group' ? 'Group' : 'User',
    // The display the IdP sent for this membership, else the member's own name.
    display: row.sent_display ?? row.user_display ?? row.user_name ?? row.group_display ?? null,
  };
}

function notFound(ids: string[]): DomainError {
  const shown = ids.slice(0, 5).map((id) => `"${id}"`).join(', ');
  return new DomainError('group.member_not_found', `no user or group with id ${shown}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''} in this team`);
}

export function createGroupMembersRepository(dialect: SqlDialect) {
  /** Resolves each ref to an existing user or group of the team (with its seq, for member_seq), or fails. */
  async function resolveTypes(db: Executor, teamId: string, groupId: string, refs: MemberRef[]): Promise<Map<string, Resolved>> {
    const ids = [...new Set(refs.map((r) => r.value))];
    const types = new Map<string, Resolved>();
    // By primary key alone, the team checked here: with `team_id = ?` beside
    // `id in (…)`, SQLite plans the (team_id, seq) index for two or more ids
    // and walks the whole team once per batch.
    for (const part of chunks(ids, SET_CHUNK)) {
      const users = await sql<Found>`select id, team_id, seq from users where id in (select r.id from ${idRecords(part)})`.execute(db);
      for (const u of users.rows) if (u.team_id === teamId) types.set(u.id, { type: 'User', seq: Number(u.seq) });
      const missing = part.filter((id) => !types.has(id));
      if (missing.length > 0) {
        const groups = await sql<Found>`select id, team_id, seq from groups where id in (select r.id from ${idRecords(missing)})`.execute(db);
        for (const g of groups.rows) if (g.team_id === teamId) types.set(g.id, { type: 'Group', seq: Number(g.seq) });
      }
    }
    if (types.has(groupId)) throw new DomainError('group.member_is_self', 'a group cannot be a member of itself');
    const unknown = ids.filter((id) => !types.has(id));
    if (unknown.length > 0) throw notFound(unknown);
    return types;
  }

  const idRecords = (ids: string[]) => dialect.jsonRecords(JSON.stringify(ids.map((id) => ({ id }))), 'r', { id: 'text' });

  async function adjustCount(db: Executor, groupId: string, delta: number): Promise<void> {
    if (delta !== 0) await db.updateTable('groups').set({ member_count: sql`member_count + ${delta}` }).where('id', '=', groupId).execute();
  }

  /** Adds the members; returns those really added, in the order named. One statement per SET_CHUNK members. */
  async function add(db: Executor, teamId: string, groupId: string, refs: MemberRef[], at: string, resolved?: Map<string, Resolved>): Promise<string[]> {
    if (refs.length === 0) return [];
    const types = resolved ?? (await resolveTypes(db, teamId, groupId, refs));
    const sent = new Map<string, string>();
    for (const ref of refs) if (typeof ref.display === 'string' && !sent.has(ref.value)) sent.set(ref.value, ref.display);
    const added: string[] = [];
    // Members already there (or added at this moment by another instance)
    // are skipped by the primary key; only rows really inserted count.
    for (const part of chunks([...new Set(refs.map((r) => r.value))], SET_CHUNK)) {
      const rows = JSON.stringify(part.map((id) => ({ id, ...(types.get(id) as Resolved), display: sent.get(id) ?? null })));
      const records = dialect.jsonRecords(rows, 'r', { id: 'text', type: 'text', seq: 'integer', display: 'text' });
      let inserted;
      try {
        // `where true`: SQLite reads INSERT … SELECT … ON CONFLICT unambiguously only with a WHERE.
        inserted = await sql<{ member_id: string }>`
          insert into group_members (team_id, group_id, member_id, member_type, added_at, member_user_id, member_group_id, display, member_seq)
          select ${teamId}, ${groupId}, r.id, r.type, ${at}, case when r.type = 'User' then r.id end, case when r.type = 'Group' then r.id end, r.display, r.seq
          from ${records} where true
          on conflict (group_id, member_id) do nothing
          returning member_id`.execute(db);
      } catch (error) {
        // A member deleted since resolveTypes saw it (another request's
        // transaction committed in between): the foreign key refuses the row.
        if (isForeignKeyViolation(error)) {
          throw part.length === 1 ? notFound(part) : new DomainError('group.member_not_found', 'a member named in this request was deleted while it ran');
        }
        throw error;
      }
      const got = new Set(inserted.rows.map((r) => r.member_id));
      for (const id of part) if (got.has(id)) added.push(id);
    }
    await adjustCount(db, groupId, added.length);
    return added;
  }

  /**
   * Members already in the group take the display the IdP sends now. Only
   * the named members are read and only rows whose display differs are
   * written; returns how many were.
   */
  async function relabel(db: Executor, groupId: string, refs: MemberRef[]): Promise<number> {
    const sent = new Map<string, string>();
    for (const ref of refs) if (typeof ref.display === 'string' && !sent.has(ref.value)) sent.set(ref.value, ref.display);
    let changed = 0;
    for (const part of chunks([...sent.keys()])) {
      const rows = await db.selectFrom('group_members').select(['member_id', 'display']).where('group_id', '=', groupId).where('member_id', 'in', part).execute();
      for (const row of rows) {
        const display = sent.get(row.member_id) as string;
        if (row.display === display) continue;
        await db.updateTable('group_members').set({ display }).where('group_id', '=', groupId).where('member_id', '=', row.member_id).execute();
        changed++;
      }
    }
    return changed;
  }

  /** Removes the members; returns those really removed, in the order named. One statement per SET_CHUNK members. */
  async function remove(db: Executor, groupId: string, ids: string[]): Promise<string[]> {
    const removed: string[] = [];
    for (const part of chunks([...new Set(ids)], SET_CHUNK)) {
      const rows = await sql<{ member_id: string }>`
        delete from group_members where group_id = ${groupId} and member_id in (select r.id from ${idRecords(part)})
        returning member_id`.execute(db);
      const gone = new Set(rows.rows.map((r) => r.member_id));
      for (const id of part) if (gone.has(id)) removed.push(id);
    }
    await adjustCount(db, groupId, -removed.length);
    return removed;
  }

  async function removeWhere(db: Executor, groupId: string, filter: Filter | null): Promise<string[]> {
    let query = db.deleteFrom('group_members').where('group_id', '=', groupId);
    if (filter) query = query.where(compileMemberFilter(filter));
    const rows = await query.returning('member_id').execute();
    await adjustCount(db, groupId, -rows.length);
    return rows.map((r) => r.member_id);
  }

  return {
    add,
    relabel,
    remove,
    removeWhere,
    adminPage: membersAdminPage,

    /** Replaces the whole list: removes who is not named, adds who is new. */
    async replace(db: Executor, teamId: string, groupId: string, refs: MemberRef[], at: string): Promise<MembershipDelta> {
      const wanted = new Set(refs.map((r) => r.value));
      // Resolved once, before anything is removed, so an unknown member changes nothing.
      const types = refs.length > 0 ? await resolveTypes(db, teamId, groupId, refs) : undefined;
      const current = await db.selectFrom('group_members').select('member_id').where('group_id', '=', groupId).execute();
      const stale = current.map((r) => r.member_id).filter((id) => !wanted.has(id));
      const removed = await remove(db, groupId, stale);
      const added = await add(db, teamId, groupId, refs, at, types);
      return { added, removed };
    },

    /** Members of each group with a display name taken from the member. */
    async membersOf(db: Executor, groupIds: string[]): Promise<Map<string, MemberRow[]>> {
      const out = new Map<string, MemberRow[]>();
      for (const part of chunks(groupIds)) {
        const rows = await membersQuery(db).where('gm.group_id', 'in', part).orderBy('gm.group_id').orderBy('gm.added_at').orderBy('gm.member_seq').orderBy('gm.member_id').execute();
        for (const row of rows) {
          const list = out.get(row.group_id) ?? [];
          list.push(toMemberRow(row));
          out.set(row.group_id, list);
        }
      }
      return out;
    },

    /** Keyset batches over the (group_id, added_at, member_seq, member_id) index (0019): each costs its own rows, however deep, and reads users in table order. */
    async batch(db: Executor, groupId: string, after: MemberCursor | undefined, limit: number): Promise<{ rows: MemberRow[]; last: MemberCursor | undefined }> {
      // Only columns of the group_members_group_added index are read (member_id
      // is the user's or group's id by the table's CHECK, 0008), and each
      // member is reached by its seq (the rowid of users and groups on
      // SQLite): one lookup per member besides the index scan.
      let query = db
        .selectFrom('group_members as gm')
        .leftJoin('users as u', (join) => join.on('gm.member_type', '=', 'User').onRef('u.seq', '=', 'gm.member_seq').onRef('u.id', '=', 'gm.member_id'))
        .leftJoin('groups as g', (join) => join.on('gm.member_type', '=', 'Group').onRef('g.seq', '=', 'gm.member_seq').onRef('g.id', '=', 'gm.member_id'))
        // Rows shaped as MemberRow by the database (toMemberRow's choice of
        // display as one coalesce; member_type is 'User' or 'Group' by the
        // CHECK of 0008): a million-member stream allocates no second object
        // per member, and reads one display string instead of four.
        .select(['gm.member_id as id', 'gm.member_type as type', 'gm.added_at as added_at', 'gm.member_seq as member_seq'])
        .select(sql<string | null>`coalesce(gm.display, u.display_name, u.user_name, g.display_name)`.as('display'))
        .where('gm.group_id', '=', groupId);
      if (after) query = query.where((eb) => eb(eb.refTuple('gm.added_at', 'gm.member_seq', 'gm.member_id'), '>', eb.tuple(after.addedAt, after.seq as number, after.id)));
      const rows = (await query.orderBy('gm.added_at').orderBy('gm.member_seq').orderBy('gm.member_id').limit(limit).execute()) as (MemberRow & { added_at: string; member_seq: number | string })[];
      const tail = rows.at(-1);
      return { rows, last: tail && { addedAt: tail.added_at, seq: tail.member_seq, id: tail.id } };
    },

    /** One page of one group's members: cost grows with the page, not the group. */
    async page(db: Executor, groupId: string, offset: number, limit: number): Promise<MemberRow[]> {
      const rows = await membersQuery(db).where('gm.group_id', '=', groupId).orderBy('gm.added_at').orderBy('gm.member_seq').orderBy('gm.member_id').limit(limit).offset(offset).execute();
      return rows.map(toMemberRow);
    },
  };
}

export type GroupMembersRepository = ReturnType<typeof createGroupMembersRepository>;
