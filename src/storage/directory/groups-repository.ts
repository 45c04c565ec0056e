// Groups as rows; their members live in group_members (see
// group-members-repository.ts) and never in the resource JSON.

import { sql } from 'kysely';
import type { StoredResource, ListQuery, ListResult } from '../../domain/directory/types.js';
import type { RowLock } from '../../domain/directory/store.js';
import type { ResourceSchema } from '../../scim/schema/types.js';
import type { GroupsTable } from '../db-types.js';
import { type Executor, chunks } from '../executor.js';
import { listPage, type ListTarget } from '../scim-sql/list-page.js';
import { bumpParents, lockParents } from './parent-groups.js';
import { createRankAnchors } from '../scim-sql/rank-anchors.js';
import { RESOURCE_COLUMNS, rowToStored } from './resource-rows.js';
import { withRowLock } from '../row-lock.js';
import type { SqlDialect } from '../sql-dialect.js';

type GroupColumns = Omit<GroupsTable, 'seq' | 'member_count'>;

function columnsOf(group: StoredResource): GroupColumns {
  const r = group.resource;
  const displayName = String(r.displayName);
  return {
    id: group.id,
    team_id: group.teamId,
    display_name: displayName,
    display_name_ci: displayName.toLowerCase(),
    external_id: typeof r.externalId === 'string' ? r.externalId : null,
    created_at: group.created,
    updated_at: group.lastModified,
    version: group.version,
    resource: JSON.stringify(r),
  };
}

export function createGroupsRepository(deps: { schema: ResourceSchema; dialect: SqlDialect }) {
  const listTarget: ListTarget = {
    table: 'groups',
    counter: 'group_count',
    anchors: createRankAnchors(deps.dialect, 'groups', 'group_count'),
    context: { resourceType: 'Group', schema: deps.schema, dialect: deps.dialect },
  };

  return {
    async insert(db: Executor, group: StoredResource): Promise<void> {
      await db.insertInto('groups').values({ ...columnsOf(group), member_count: 0 }).execute();
      await db.updateTable('teams').set({ group_count: sql`group_count + 1` }).where('id', '=', group.teamId).execute();
    },

    async update(db: Executor, group: StoredResource, expectedVersion: number): Promise<boolean> {
      const { id: _id, team_id: _team, created_at: _created, ...columns } = columnsOf(group);
      const result = await db
        .updateTable('groups')
        .set(columns)
        .where('id', '=', group.id)
        .where('team_id', '=', group.teamId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Bumps version and lastModified after a membership-only change. */
    async touch(db: Executor, teamId: string, id: string, lastModified: string): Promise<number | undefined> {
      const row = await db
        .updateTable('groups')
        .set({ version: sql`version + 1`, updated_at: lastModified })
        .where('id', '=', id)
        .where('team_id', '=', teamId)
        .returning('version')
        .executeTakeFirst();
      return row?.version;
    },

    async findById(db: Executor, teamId: string, id: string): Promise<StoredResource | undefined> {
      const row = await db.selectFrom('groups').select(RESOURCE_COLUMNS).where('id', '=', id).where('team_id', '=', teamId).executeTakeFirst();
      return row ? rowToStored(row) : undefined;
    },

    async findForWrite(db: Executor, teamId: string, id: string, lock: RowLock): Promise<StoredResource | undefined> {
      const query = db.selectFrom('groups').select(RESOURCE_COLUMNS).where('id', '=', id).where('team_id', '=', teamId);
      const row = await withRowLock(query, deps.dialect, lock).executeTakeFirst();
      return row ? rowToStored(row) : undefined;
    },

    lockParents: (db: Executor, teamId: string, memberId: string) => lockParents(db, deps.dialect, teamId, memberId),

    /** Ids of this team's groups among `ids` (to validate nested members). */
    async existingIds(db: Executor, teamId: string, ids: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (const part of chunks(ids)) {
        const rows = await db.selectFrom('groups').select('id').where('team_id', '=', teamId).where('id', 'in', part).execute();
        for (const r of rows) found.add(r.id);
      }
      return found;
    },

    /**
     * Deletes the group with its memberships in both directions; the groups
     * it was a member of get a new version. Returns those parents, or false
     * when absent (the caller rolls back). Call with the group and its
     * parents locked (findForWrite 'delete', then lockParents).
     */
    async delete(db: Executor, teamId: string, id: string, at: string): Promise<string[] | false> {
      const parents = await bumpParents(db, teamId, id, at);
      // The foreign keys would cascade these too, but unseen by bumpParents.
      await db.deleteFrom('group_members').where('member_id', '=', id).where('team_id', '=', teamId).execute();
      await db.deleteFrom('group_members').where('group_id', '=', id).execute();
      const result = await db.deleteFrom('groups').where('id', '=', id).where('team_id', '=', teamId).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await db.updateTable('teams').set({ group_count: sql`group_count - 1` }).where('id', '=', teamId).execute();
      return parents;
    },

    async memberCounts(db: Executor, teamId: string, groupIds: string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (const part of chunks(groupIds)) {
        const rows = await db.selectFrom('groups').select(['id', 'member_count']).where('team_id', '=', teamId).where('id', 'in', part).execute();
        for (const r of rows) out.set(r.id, Number(r.member_count));
      }
      return out;
    },

    list(db: Executor, teamId: string, query: ListQuery): Promise<ListResult> {
      return listPage(db, teamId, query, listTarget);
    },
  };
}

export type GroupsRepository = ReturnType<typeof createGroupsRepository>;
