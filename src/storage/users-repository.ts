// Users as rows: indexed columns for what SCIM filters and sorts on, an
// email side table, and the canonical resource as JSON for round trips.

import { sql } from 'kysely';
import type { StoredResource, GroupRef, ListQuery, ListResult } from '../domain/directory-types.js';
import { DomainError } from '../domain/errors.js';
import type { ResourceSchema } from '../scim/schema/types.js';
import type { UsersTable } from './db-types.js';
import { type Executor, isUniqueViolation, chunks } from './executor.js';
import { listPage, type ListTarget } from './list-page.js';
import { RESOURCE_COLUMNS, rowToStored } from './resource-rows.js';
import type { SqlDialect } from './sql-dialect.js';

type UserRow = Omit<UsersTable, 'seq'> & { seq?: number };

interface EmailValue {
  value?: unknown;
  type?: unknown;
  primary?: unknown;
}

function columnsOf(user: StoredResource): Omit<UserRow, 'seq'> {
  const r = user.resource;
  const userName = String(r.userName);
  return {
    id: user.id,
    team_id: user.teamId,
    user_name: userName,
    user_name_ci: userName.toLowerCase(),
    external_id: typeof r.externalId === 'string' ? r.externalId : null,
    display_name: typeof r.displayName === 'string' ? r.displayName : null,
    active: r.active === false ? 0 : 1,
    created_at: user.created,
    updated_at: user.lastModified,
    version: user.version,
    resource: JSON.stringify(r),
  };
}

function emailRows(user: StoredResource) {
  const emails = Array.isArray(user.resource.emails) ? (user.resource.emails as EmailValue[]) : [];
  return emails
    .map((e, position) => ({ e, position }))
    .filter(({ e }) => typeof e?.value === 'string')
    .map(({ e, position }) => ({
      team_id: user.teamId,
      user_id: user.id,
      position,
      value: e.value as string,
      value_ci: (e.value as string).toLowerCase(),
      type: typeof e.type === 'string' ? e.type : null,
      primary: e.primary === true ? 1 : 0,
    }));
}

const takenError = (userName: unknown) =>
  new DomainError('user.user_name_taken', `userName "${String(userName)}" is already in use in this team`);

export function createUsersRepository(deps: { schema: ResourceSchema; dialect: SqlDialect }) {
  const listTarget: ListTarget = {
    table: 'users',
    counter: 'user_count',
    context: { resourceType: 'User', schema: deps.schema, dialect: deps.dialect },
  };

  return {
    async insert(db: Executor, user: StoredResource): Promise<void> {
      try {
        await db.insertInto('users').values(columnsOf(user)).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw takenError(user.resource.userName);
        throw error;
      }
      const emails = emailRows(user);
      if (emails.length > 0) await db.insertInto('user_emails').values(emails).execute();
      await db.updateTable('teams').set({ user_count: sql`user_count + 1` }).where('id', '=', user.teamId).execute();
    },

    /** Writes a new version; false when `expectedVersion` no longer matches. */
    async update(db: Executor, user: StoredResource, expectedVersion: number): Promise<boolean> {
      const { id: _id, team_id: _team, created_at: _created, ...columns } = columnsOf(user);
      let result;
      try {
        result = await db
          .updateTable('users')
          .set(columns)
          .where('id', '=', user.id)
          .where('team_id', '=', user.teamId)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
      } catch (error) {
        if (isUniqueViolation(error)) throw takenError(user.resource.userName);
        throw error;
      }
      if (Number(result.numUpdatedRows) === 0) return false;
      await db.deleteFrom('user_emails').where('user_id', '=', user.id).execute();
      const emails = emailRows(user);
      if (emails.length > 0) await db.insertInto('user_emails').values(emails).execute();
      return true;
    },

    async findById(db: Executor, teamId: string, id: string): Promise<StoredResource | undefined> {
      const row = await db
        .selectFrom('users')
        .select(RESOURCE_COLUMNS)
        .where('id', '=', id)
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      return row ? rowToStored(row) : undefined;
    },

    /** Removes the user and every membership of theirs; false when absent. */
    async delete(db: Executor, teamId: string, id: string): Promise<string[] | false> {
      const result = await db.deleteFrom('users').where('id', '=', id).where('team_id', '=', teamId).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await db.deleteFrom('user_emails').where('user_id', '=', id).execute();
      const memberships = await db
        .deleteFrom('group_members')
        .where('member_id', '=', id)
        .where('team_id', '=', teamId)
        .returning('group_id')
        .execute();
      const groupIds = memberships.map((m) => m.group_id);
      for (const group of chunks(groupIds)) {
        await db.updateTable('groups').set({ member_count: sql`member_count - 1` }).where('id', 'in', group).execute();
      }
      await db.updateTable('teams').set({ user_count: sql`user_count - 1` }).where('id', '=', teamId).execute();
      return groupIds;
    },

    list(db: Executor, teamId: string, query: ListQuery): Promise<ListResult> {
      return listPage(db, teamId, query, listTarget);
    },

    /** The groups each user is a direct member of (RFC 7643 §4.1.2 `groups`). */
    async groupsOf(db: Executor, teamId: string, userIds: string[]): Promise<Map<string, GroupRef[]>> {
      const out = new Map<string, GroupRef[]>();
      for (const ids of chunks(userIds)) {
        const rows = await db
          .selectFrom('group_members')
          .innerJoin('groups', 'groups.id', 'group_members.group_id')
          .select(['group_members.member_id as member_id', 'groups.id as id', 'groups.display_name as display_name'])
          .where('group_members.member_id', 'in', ids)
          .where('group_members.team_id', '=', teamId)
          .orderBy('groups.display_name_ci')
          .execute();
        for (const row of rows) {
          const list = out.get(row.member_id) ?? [];
          list.push({ id: row.id, displayName: row.display_name });
          out.set(row.member_id, list);
        }
      }
      return out;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
