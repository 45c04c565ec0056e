// Where each SCIM attribute is stored, for the filter and sort compilers
// (filter-to-sql.ts, sort-to-sql.ts): indexed columns, the email and
// membership side tables, and the resource JSON.

import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AttributeDef, ResolvedPath } from '../../scim/schema/types.js';
import type { JsonRef, SqlDialect } from '../sql-dialect.js';
import type { FilterContext } from './filter-to-sql.js';
import { ENTERPRISE_USER_URN } from '../../scim/schema/enterprise-user.js';

// Where each attribute is stored (see db-types and the repositories): indexed
// columns, the email and membership side tables, and the resource JSON.

/** Where one value lives. */
export type Leaf =
  | { kind: 'json'; ref: JsonRef }
  /** `folded` is the same value lower-cased (a *_ci column), when stored. */
  | { kind: 'column'; expr: RawBuilder<unknown>; nullable: boolean; folded?: RawBuilder<unknown> }
  /** Always present, but not something storage can compare (e.g. URLs built per request). */
  | { kind: 'opaque'; why: string };

/** One element of a multi-valued attribute, or the object of a complex one: sub-attribute → value. */
export interface Scope {
  leaf(def: AttributeDef): Leaf;
}

export type Target =
  | { kind: 'leaf'; leaf: Leaf }
  | {
      kind: 'values';
      /** True when some element satisfies `test`; `valueIsString` lets a side table of string values answer. */
      some(test: (scope: Scope) => RawBuilder<SqlBool>, valueIsString?: boolean): RawBuilder<SqlBool>;
      /** `pr` on the attribute itself. */
      present(): RawBuilder<SqlBool>;
      /** RFC 7644 §3.4.2.3: `key` of the primary element, else the first; absent when there is no such order. */
      first?(key: (scope: Scope) => RawBuilder<unknown>): RawBuilder<unknown>;
      /**
       * `value eq <id>` answered from the membership index: the resources
       * named by the rows of that id, so the cost follows those rows, not
       * the team (a bare `exists` probe walks every resource of the team).
       */
      valueEq?(id: string): RawBuilder<SqlBool>;
    };

const col = (ref: string, nullable = false, folded?: string): Leaf => ({
  kind: 'column',
  expr: sql.ref(ref),
  nullable,
  folded: folded === undefined ? undefined : sql.ref(folded),
});

const COLUMNS: Record<FilterContext['resourceType'], Record<string, Leaf>> = {
  User: {
    id: col('users.id'),
    externalId: col('users.external_id', true),
    userName: col('users.user_name', false, 'users.user_name_ci'),
    displayName: col('users.display_name', true),
    // The domain always stores `active` as a boolean, so the 0/1 column is exact.
    active: col('users.active'),
  },
  Group: {
    id: col('groups.id'),
    externalId: col('groups.external_id', true),
    displayName: col('groups.display_name', false, 'groups.display_name_ci'),
  },
};

export function resolveTarget(resolved: ResolvedPath, ctx: FilterContext): Target {
  const { attr } = resolved;
  const { dialect: d, resourceType } = ctx;
  const table = resourceType === 'User' ? 'users' : 'groups';
  const root = d.json(sql.ref(`${table}.resource`));
  if (!resolved.extension) {
    const column = COLUMNS[resourceType][attr.name];
    if (column) return { kind: 'leaf', leaf: column };
    if (attr.name === 'meta') return metaTarget(resourceType, table);
    if (resourceType === 'User' && attr.name === 'emails') return emailsTarget(attr, root, d);
    if (resourceType === 'User' && attr.name === 'groups') return groupsOfUser();
    if (resourceType === 'Group' && attr.name === 'members') return membersOfGroup();
  }
  const container = resolved.extension ? d.jsonChild(root, resolved.schema.id) : root;
  // The Enterprise User department is also kept lower-cased in an indexed
  // column (migration 0013): case-insensitive comparisons read that.
  if (resourceType === 'User' && resolved.schema.id === ENTERPRISE_USER_URN && attr.name === 'department') {
    return { kind: 'leaf', leaf: { kind: 'column', expr: d.jsonString(d.jsonChild(container, attr.name)), nullable: true, folded: sql.ref('users.department_ci') } };
  }
  return jsonTarget(attr, d.jsonChild(container, attr.name), d);
}

function single(scope: Scope, present: RawBuilder<SqlBool>, guard?: RawBuilder<SqlBool>): Target {
  return {
    kind: 'values',
    some: (test) => (guard ? sql<SqlBool>`(${guard} and ${test(scope)})` : test(scope)),
    present: () => present,
    first: (key) => key(scope),
  };
}

/** meta as rendered: every member always present; `location` depends on the request's base URL. */
function metaTarget(resourceType: string, table: string): Target {
  const members: Record<string, Leaf> = {
    resourceType: { kind: 'column', expr: sql`cast(${resourceType} as text)`, nullable: false },
    created: col(`${table}.created_at`),
    lastModified: col(`${table}.updated_at`),
    version: { kind: 'column', expr: sql`('W/"' || cast(${sql.ref(`${table}.version`)} as text) || '"')`, nullable: false },
    location: { kind: 'opaque', why: 'meta.location depends on the URL the server is reached at' },
  };
  return single({ leaf: (def) => members[def.name] ?? { kind: 'opaque', why: 'not stored' } }, sql<SqlBool>`(1 = 1)`);
}

function jsonTarget(attr: AttributeDef, ref: JsonRef, d: SqlDialect): Target {
  if (!attr.multiValued && attr.type !== 'complex') return { kind: 'leaf', leaf: { kind: 'json', ref } };
  if (!attr.multiValued) {
    const scope: Scope = { leaf: (def) => ({ kind: 'json', ref: d.jsonChild(ref, def.name) }) };
    return single(scope, d.jsonNonEmpty(ref), d.jsonIsObject(ref));
  }
  const { from, element, position } = d.jsonElements(ref, 'elem');
  const complex = attr.type === 'complex';
  // A simple multi-valued attribute (`schemas`) compares its elements themselves.
  const scope: Scope = {
    leaf: (def) => ({ kind: 'json', ref: def === attr ? element : d.jsonChild(element, def.name) }),
  };
  const primary = complex ? sql`coalesce(${d.jsonBoolean(d.jsonChild(element, 'primary'))}, 0) desc, ` : sql``;
  return {
    kind: 'values',
    some: (test) =>
      complex
        ? sql<SqlBool>`exists (select 1 from ${from} where ${d.jsonIsObject(element)} and ${test(scope)})`
        : sql<SqlBool>`exists (select 1 from ${from} where ${test(scope)})`,
    present: () => d.jsonNonEmpty(ref),
    first: (key) => sql`(select ${key(scope)} from ${from} order by ${primary}${position} limit 1)`,
  };
}

/**
 * `user_emails` holds one row per element whose `value` is a string, with
 * `type` when it is a string. A test that needs a string value can only hold
 * for those elements, so it runs on the rows (and their value_ci index);
 * any other test walks the JSON array, which also sees elements without value.
 */
function emailsTarget(attr: AttributeDef, root: JsonRef, d: SqlDialect): Target {
  const json = jsonTarget(attr, d.jsonChild(root, 'emails'), d) as Extract<Target, { kind: 'values' }>;
  const rows: Scope = {
    leaf(def) {
      if (def.name === 'value') return col('ue.value', false, 'ue.value_ci');
      if (def.name === 'type') return col('ue.type', true);
      return { kind: 'json', ref: d.jsonChild(root, 'emails', sql.ref<number>('ue.position'), def.name) };
    },
  };
  const fromRows = sql`from user_emails as ue where ue.user_id = users.id and ue.team_id = users.team_id`;
  return {
    kind: 'values',
    some: (test, valueIsString) =>
      valueIsString ? sql<SqlBool>`exists (select 1 ${fromRows} and ${test(rows)})` : json.some(test),
    present: json.present,
    // The primary or first element may have no string value, so no row: read the JSON.
    first: json.first,
  };
}

// Membership rows: ids are server-generated lower-case UUIDs, so an id column
// is its own lower-cased form for the case-insensitive `value` sub-attributes.
const ref$ = { kind: 'opaque', why: '$ref depends on the URL the server is reached at' } as const;

/** RFC 7643 §4.1.2 `groups`: the user's direct memberships, rendered with type "direct". */
function groupsOfUser(): Target {
  const members: Record<string, Leaf> = {
    value: col('gm.group_id', false, 'gm.group_id'),
    display: {
      kind: 'column',
      expr: sql`(select g.display_name from groups as g where g.id = gm.group_id)`,
      folded: sql`(select g.display_name_ci from groups as g where g.id = gm.group_id)`,
      nullable: true,
    },
    type: { kind: 'column', expr: sql`'direct'`, nullable: false },
    $ref: ref$,
  };
  // Members are always of the group's team (group-members-repository), so
  // the team condition the caller puts on `users` is enough.
  const valueEq = (id: string) => sql<SqlBool>`(users.id in (select gm.member_id from group_members as gm where gm.group_id = ${id}))`;
  return { ...memberships(sql`from group_members as gm where gm.member_id = users.id and gm.team_id = users.team_id`, members), valueEq };
}

/** RFC 7643 §4.2 `members`, with `display` as group-members-repository renders it: as the IdP sent it, else the member's name. */
function membersOfGroup(): Target {
  const members: Record<string, Leaf> = {
    value: col('gm.member_id', false, 'gm.member_id'),
    type: col('gm.member_type'),
    display: {
      kind: 'column',
      expr: sql`coalesce(
        gm.display,
        (select coalesce(u.display_name, u.user_name) from users as u where u.id = gm.member_id),
        (select g.display_name from groups as g where g.id = gm.member_id))`,
      nullable: true,
    },
    $ref: ref$,
  };
  const valueEq = (id: string) => sql<SqlBool>`(groups.id in (select gm.group_id from group_members as gm where gm.member_id = ${id}))`;
  return { ...memberships(sql`from group_members as gm where gm.group_id = groups.id`, members), valueEq };
}

function memberships(fromRows: RawBuilder<unknown>, members: Record<string, Leaf>): Extract<Target, { kind: 'values' }> {
  const scope: Scope = { leaf: (def) => members[def.name] ?? { kind: 'opaque', why: 'not stored' } };
  return {
    kind: 'values',
    some: (test) => sql<SqlBool>`exists (select 1 ${fromRows} and ${test(scope)})`,
    present: () => sql<SqlBool>`exists (select 1 ${fromRows})`,
  };
}
