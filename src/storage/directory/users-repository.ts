// Users as rows: indexed columns for what SCIM filters and sorts on, an
// email side table, and the canonical resource as JSON for round trips.

import { sql } from 'kysely';
import type { StoredResource, GroupRef, ListQuery, ListResult, UserRef } from '../../domain/directory/types.js';
import { DomainError } from '../../domain/errors.js';
import type { RowLock } from '../../domain/directory/store.js';
import type { ResourceSchema } from '../../scim/schema/types.js';
import type { Filter } from '../../scim/filter/ast.js';
import type { UsersTable } from '../db-types.js';
import { type Executor, isUniqueViolation, chunks } from '../executor.js';
import { listPage, type ListTarget } from '../scim-sql/list-page.js';
import { usersInGroup } from './users-in-group.js';
import { createRankAnchors } from '../scim-sql/rank-anchors.js';
import { createGroupUserPages } from '../scim-sql/membership-page.js';
import { RESOURCE_COLUMNS, rowToStored, type ResourceRow } from './resource-rows.js';
import { preparedQuery, type PreparedQuery } from '../prepared-query.js';
import { lockClause } from '../row-lock.js';
import { bumpParents } from './parent-groups.js';
import { departmentOf } from './user-columns.js';
import type { SqlDialect } from '../sql-dialect.js';

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
    department_ci: departmentOf(r),
  };
}

type EmailRow = ReturnType<typeof emailRows>[number];

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

/** The userName of a plain `userName eq "x"` first-page lookup, else undefined. */
function userNameLookup(query: ListQuery): string | undefined {
  const f = query.filter;
  if (!f || f.kind !== 'Compare' || f.op !== 'eq' || typeof f.value !== 'string' || f.path.sub || query.startIndex !== 1 || query.cursor?.after) return undefined;
  if (f.path.attr.toLowerCase() !== 'username') return undefined;
  if (f.path.schema && f.path.schema.toLowerCase() !== 'urn:ietf:params:scim:schemas:core:2.0:user') return undefined;
  return f.value;
}

type UserWithGroupRow = ResourceRow & { group_id: string | null; group_display_name: string | null };

/** Rows of a user-with-groups read (ordered by user) as one entry per user. */
function foldGroups(rows: UserWithGroupRow[]): { user: StoredResource; groups: GroupRef[] }[] {
  const out: { user: StoredResource; groups: GroupRef[] }[] = [];
  for (const row of rows) {
    let last = out.at(-1);
    if (!last || last.user.id !== row.id) out.push((last = { user: rowToStored(row), groups: [] }));
    if (row.group_id !== null) last.groups.push({ id: row.group_id, displayName: row.group_display_name as string });
  }
  return out;
}

const takenError = (userName: unknown) =>
  new DomainError('user.user_name_taken', `userName "${String(userName)}" is already in use in this team`);

export function createUsersRepository(deps: { schema: ResourceSchema; dialect: SqlDialect }) {
  const listTarget: ListTarget = {
    table: 'users',
    counter: 'user_count',
    anchors: createRankAnchors(deps.dialect, 'users', 'user_count'),
    groupUsers: createGroupUserPages(),
    context: { resourceType: 'User', schema: deps.schema, dialect: deps.dialect },
  };

  // The SCIM hot path, hand-written (see prepared-query.ts).
  const { dialect } = deps;
  const columns = RESOURCE_COLUMNS.join(', ');
  const byIdText = (param: () => string) => `select ${columns} from users where id = ${param()} and team_id = ${param()}`;
  const byId = preparedQuery<ResourceRow>(dialect, 'user_by_id', byIdText);
  const byIdLocked: Record<RowLock, PreparedQuery<ResourceRow>> = {
    write: preparedQuery(dialect, 'user_by_id_to_write', (param) => byIdText(param) + lockClause(dialect, 'write')),
    delete: preparedQuery(dialect, 'user_by_id_to_delete', (param) => byIdText(param) + lockClause(dialect, 'delete')),
  };
  // A read of one user answers with its groups in the same statement (one
  // round trip instead of two): one row per group, the user's columns
  // repeated, or one row with null group columns when it is in none.
  const withGroups = (where: (param: () => string) => string) => (param: () => string) =>
    `select ${RESOURCE_COLUMNS.map((c) => `u.${c}`).join(', ')}, g.id as group_id, g.display_name as group_display_name
       from users u
       left join group_members gm on gm.member_id = u.id and gm.team_id = u.team_id
       left join groups g on g.id = gm.group_id
      where ${where(param)}
      order by u.id, g.display_name_ci`;
  const byIdWithGroups = preparedQuery<UserWithGroupRow>(dialect, 'user_by_id_with_groups', withGroups((param) => `u.id = ${param()} and u.team_id = ${param()}`));
  const byUserNameWithGroups = preparedQuery<UserWithGroupRow>(
    dialect,
    'user_by_user_name_with_groups',
    withGroups((param) => `u.team_id = ${param()} and u.user_name_ci = ${param()}`),
  );
  const groupsOfQueries = new Map<number, PreparedQuery<{ member_id: string; id: string; display_name: string }>>();
  const groupsOfQuery = (n: number) => {
    let query = groupsOfQueries.get(n);
    if (!query) {
      query = preparedQuery(
        dialect,
        `groups_of_${n}_users`,
        (param) => `select gm.member_id as member_id, g.id as id, g.display_name as display_name
           from group_members gm join groups g on g.id = gm.group_id
          where gm.team_id = ${param()} and gm.member_id in (${Array.from({ length: n }, param).join(', ')})
          order by g.display_name_ci`,
      );
      groupsOfQueries.set(n, query);
    }
    return query;
  };

  // Every create runs these (a POST, each create of a Bulk): hand-written too.
  const USER_COLUMNS = ['id', 'team_id', 'user_name', 'user_name_ci', 'external_id', 'display_name', 'active', 'created_at', 'updated_at', 'version', 'resource', 'department_ci'] as const;
  const EMAIL_COLUMNS = ['team_id', 'user_id', 'position', 'value', 'value_ci', 'type', 'primary'] as const;
  const insertUser = preparedQuery(dialect, 'user_insert', (param) => `insert into users (${USER_COLUMNS.join(', ')}) values (${USER_COLUMNS.map(() => param()).join(', ')})`);
  const insertEmail = preparedQuery(dialect, 'user_email_insert', (param) => `insert into user_emails (${EMAIL_COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${EMAIL_COLUMNS.map(() => param()).join(', ')})`);
  // For batched creates (batched-writes.ts): a taken userName answers no row
  // instead of an error, so the transaction goes on without a savepoint.
  const insertUserUnlessTaken = preparedQuery<{ id: string }>(
    dialect,
    'user_insert_unless_taken',
    (param) => `insert into users (${USER_COLUMNS.join(', ')}) values (${USER_COLUMNS.map(() => param()).join(', ')}) on conflict (team_id, user_name_ci) do nothing returning id`,
  );
  const addToCount = preparedQuery(dialect, 'team_user_count_add', (param) => `update teams set user_count = user_count + ${param()} where id = ${param()}`);

  /** The user's row alone; its emails go in with insertEmails (batched-writes.ts gathers them). */
  async function insertUserRow(db: Executor, user: StoredResource): Promise<void> {
    const row = columnsOf(user);
    try {
      await insertUser(db, USER_COLUMNS.map((c) => row[c]));
    } catch (error) {
      if (isUniqueViolation(error)) throw takenError(user.resource.userName);
      throw error;
    }
  }

  /** The user's row alone, or false (nothing written, no error) when a unique index already holds its userName. */
  async function insertUserRowUnlessTaken(db: Executor, user: StoredResource): Promise<boolean> {
    const row = columnsOf(user);
    return (await insertUserUnlessTaken(db, USER_COLUMNS.map((c) => row[c]))).length === 1;
  }

  /**
   * Users' rows in multi-row statements (one round trip per 500 users
   * instead of one per user); the ids of those inserted. A user whose
   * userName a unique index already holds (or an earlier row of `list`
   * took) is skipped, without an error.
   */
  async function insertUserRowsUnlessTaken(db: Executor, list: StoredResource[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (const part of chunks(list, 500)) {
      const written = await db.insertInto('users').values(part.map(columnsOf)).onConflict((oc) => oc.columns(['team_id', 'user_name_ci']).doNothing()).returning('id').execute();
      for (const { id } of written) inserted.add(id);
    }
    return inserted;
  }

  /** Email rows of users already inserted: one reused statement per row in-process, multi-row statements over a network. */
  async function insertEmails(db: Executor, rows: EmailRow[]): Promise<void> {
    if (rows.length === 1 || !dialect.roundTrips) {
      for (const email of rows) await insertEmail(db, EMAIL_COLUMNS.map((c) => email[c]));
      return;
    }
    for (const part of chunks(rows, 200)) await db.insertInto('user_emails').values(part).execute();
  }

  async function insertRow(db: Executor, user: StoredResource): Promise<void> {
    await insertUserRow(db, user);
    await insertEmails(db, emailRows(user));
  }

  async function count(db: Executor, teamId: string, added: number): Promise<void> {
    await addToCount(db, [added, teamId]);
  }

  return {
    async insert(db: Executor, user: StoredResource): Promise<void> {
      await insertRow(db, user);
      await count(db, user.teamId, 1);
    },

    /** The user's rows without the team's counter (batched-writes.ts adds many at once). */
    insertRow,
    insertUserRow,
    insertUserRowUnlessTaken,
    insertUserRowsUnlessTaken,
    /** What the unique index on userNames compares: the team and the folded userName. */
    userNameKey: (user: StoredResource) => `${user.teamId}\u0000${String(user.resource.userName).toLowerCase()}`,
    takenError,
    insertEmails,
    emailRows,
    count,

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
      const [row] = await byId(db, [id, teamId]);
      return row ? rowToStored(row) : undefined;
    },

    async findWithGroups(db: Executor, teamId: string, id: string): Promise<{ user: StoredResource; groups: GroupRef[] } | undefined> {
      const [found] = foldGroups(await byIdWithGroups(db, [id, teamId]));
      return found;
    },

    async findForWrite(db: Executor, teamId: string, id: string, lock: RowLock): Promise<StoredResource | undefined> {
      const [row] = await byIdLocked[lock](db, [id, teamId]);
      return row ? rowToStored(row) : undefined;
    },

    /**
     * Removes the user and every membership of theirs; the groups they were
     * in get a new version (their member list changed). False when absent:
     * the caller rolls back. Call with the user and its groups locked
     * (findForWrite 'delete', then groups.lockParents).
     */
    async delete(db: Executor, teamId: string, id: string, at: string): Promise<string[] | false> {
      const groupIds = await bumpParents(db, teamId, id, at);
      await db.deleteFrom('group_members').where('member_id', '=', id).where('team_id', '=', teamId).execute();
      await db.deleteFrom('user_emails').where('user_id', '=', id).execute();
      const result = await db.deleteFrom('users').where('id', '=', id).where('team_id', '=', teamId).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await db.updateTable('teams').set({ user_count: sql`user_count - 1` }).where('id', '=', teamId).execute();
      return groupIds;
    },

    async list(db: Executor, teamId: string, query: ListQuery): Promise<ListResult> {
      // Every IdP looks users up by userName before it writes; userName is
      // unique per team, so the answer is this one indexed row or nothing.
      const userName = userNameLookup(query);
      if (userName !== undefined && query.count > 0) {
        const found = foldGroups(await byUserNameWithGroups(db, [teamId, userName.toLowerCase()]));
        return { total: found.length, rows: found.map((f) => f.user), groups: new Map(found.map((f) => [f.user.id, f.groups])) };
      }
      return listPage(db, teamId, query, listTarget);
    },

    /** The list narrowed to a group's direct members, read from the membership index (users-in-group.ts). */
    async listInGroup(db: Executor, teamId: string, groupId: string, query: ListQuery): Promise<ListResult> {
      if (query.cursor) {
        // By cursor, as the list filtered on the group (`groups.value eq`),
        // which reads from the membership index too (keyset-page.ts).
        const inGroup: Filter = { kind: 'Compare', path: { attr: 'groups', sub: 'value' }, op: 'eq', value: groupId };
        return listPage(db, teamId, { ...query, filter: query.filter ? { kind: 'And', left: inGroup, right: query.filter } : inGroup }, listTarget);
      }
      return usersInGroup(db, teamId, groupId, query, listTarget.context);
    },

    /** The groups each user is a direct member of (RFC 7643 §4.1.2 `groups`). */
    async groupsOf(db: Executor, teamId: string, userIds: string[]): Promise<Map<string, GroupRef[]>> {
      const out = new Map<string, GroupRef[]>();
      for (const ids of chunks(userIds)) {
        for (const row of await groupsOfQuery(ids.length)(db, [teamId, ...ids])) {
          const list = out.get(row.member_id) ?? [];
          list.push({ id: row.id, displayName: row.display_name });
          out.set(row.member_id, list);
        }
      }
      return out;
    },

    /**
     * Manager references to users of the team: by id, then the rest by
     * externalId, then the rest by userName; each step one indexed query per
     * chunk, and only for what the previous steps left unmatched.
     */
    async resolveRefs(db: Executor, teamId: string, refs: string[]): Promise<Map<string, UserRef>> {
      const out = new Map<string, UserRef>();
      const steps = [
        { column: 'id', fold: false },
        { column: 'external_id', fold: false },
        { column: 'user_name_ci', fold: true },
      ] as const;
      for (const { column, fold } of steps) {
        const open = [...new Set(refs)].filter((ref) => !out.has(ref));
        for (const part of chunks(open)) {
          const keys = fold ? part.map((ref) => ref.toLowerCase()) : part;
          const rows = await db
            .selectFrom('users')
            .select(['id', 'external_id', 'user_name', 'user_name_ci', 'display_name'])
            .where('team_id', '=', teamId)
            .where(column, 'in', keys)
            .execute();
          for (const ref of part) {
            const key = fold ? ref.toLowerCase() : ref;
            // externalId is not unique: a reference that names several users resolves to none.
            const matches = rows.filter((r) => r[column] === key);
            if (matches.length === 1) out.set(ref, { id: matches[0].id, displayName: matches[0].display_name, userName: matches[0].user_name });
          }
        }
      }
      return out;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
