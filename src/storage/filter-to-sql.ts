// RFC 7644 §3.4.2.2: a parsed filter compiled to one SQL condition over the
// `users` or `groups` table (the caller adds `team_id = ?`). The in-memory
// evaluate() in src/scim/filter is the definition; this selects exactly the
// resources it accepts. Every leaf is two-valued (SQL NULL never leaks into
// `not` or `ne`), every filter value is a bound parameter, and case-insensitive
// values are lower-cased here in JavaScript so *_ci columns can use their index.

import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AttrPath, CompareNode, Filter } from '../scim/filter/ast.js';
import type { AttributeDef, ResolvedPath, ResourceSchema } from '../scim/schema/types.js';
import { checkFilter } from '../scim/filter/check-filter.js';
import { toInstant } from '../scim/filter/evaluate.js';
import { formatAttrPath } from '../scim/filter/lexer.js';
import { invalidFilter } from '../scim/errors.js';
import type { JsonRef, SqlDialect } from './sql-dialect.js';

export interface FilterContext {
  resourceType: 'User' | 'Group';
  schema: ResourceSchema;
  dialect: SqlDialect;
}

/** What a path in a filter names: the definition that types its values, and how to reach them. */
interface Site {
  /** The attribute compared; undefined for a complex attribute without `value`. */
  def: AttributeDef | undefined;
  /** True when some value of the path satisfies `test`. */
  some(test: (leaf: Leaf) => RawBuilder<SqlBool>, valueIsString?: boolean): RawBuilder<SqlBool>;
  present(): RawBuilder<SqlBool>;
}

type Resolver = (path: AttrPath) => Site;

export function compileFilter(filter: Filter, ctx: FilterContext): RawBuilder<SqlBool> {
  checkFilter(filter, ctx.schema);
  const top: Resolver = (path) => {
    const resolved = ctx.schema.resolve(path);
    if (!resolved) throw invalidFilter(`"${formatAttrPath(path)}" is not an attribute of ${ctx.resourceType} resources`);
    return topSite(resolveTarget(resolved, ctx), resolved.attr, resolved.sub, ctx);
  };
  return compile(filter, top, ctx);
}

function compile(filter: Filter, resolve: Resolver, ctx: FilterContext): RawBuilder<SqlBool> {
  switch (filter.kind) {
    case 'And':
      return sql<SqlBool>`(${compile(filter.left, resolve, ctx)} and ${compile(filter.right, resolve, ctx)})`;
    case 'Or':
      return sql<SqlBool>`(${compile(filter.left, resolve, ctx)} or ${compile(filter.right, resolve, ctx)})`;
    case 'Not':
      return not(compile(filter.filter, resolve, ctx));
    case 'Present':
      return resolve(filter.path).present();
    case 'Compare':
      return compare(filter, resolve(filter.path), ctx);
    case 'ValuePath':
      return valuePath(filter.path, filter.filter, ctx);
  }
}

const not = (condition: RawBuilder<SqlBool>) => sql<SqlBool>`(not ${condition})`;

function compare(node: CompareNode, site: Site, ctx: FilterContext): RawBuilder<SqlBool> {
  const { op, value } = node;
  if (op === 'ne') return not(compare({ ...node, op: 'eq' }, site, ctx));
  if (value === null) return op === 'eq' ? not(site.present()) : ctx.dialect.false;
  const def = site.def;
  if (!def) return ctx.dialect.false;
  const test = leafTest(def, op, value, ctx.dialect, formatAttrPath(node.path));
  if (!test) return ctx.dialect.false;
  return site.some(test, typeof value === 'string');
}

/**
 * The test one value must pass, or undefined when no value of this attribute
 * can (a number compared with a string attribute, co on a dateTime, ...).
 */
function leafTest(
  def: AttributeDef,
  op: Exclude<CompareNode['op'], 'ne'>,
  expected: string | number | boolean,
  dialect: SqlDialect,
  text: string,
): ((leaf: Leaf) => RawBuilder<SqlBool>) | undefined {
  const ordering = op === 'gt' || op === 'ge' || op === 'lt' || op === 'le';
  const symbol = ({ eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const)[op as 'eq'];
  switch (def.type) {
    case 'string':
    case 'reference':
    case 'binary': {
      if (typeof expected !== 'string') return undefined;
      const e = def.caseExact ? expected : expected.toLowerCase();
      return (leaf) => {
        const x = textOf(leaf, def, dialect, text);
        if ((op === 'co' || op === 'sw' || op === 'ew') && e === '') return guard(x, leaf, dialect.true);
        const test =
          op === 'co' ? dialect.contains(x, e)
          : op === 'sw' ? dialect.startsWith(x, e)
          : op === 'ew' ? dialect.endsWith(x, e)
          : op === 'eq' ? sql<SqlBool>`(${x} = ${e})`
          : dialect.compareText(x, symbol as '<', e);
        return guard(x, leaf, test);
      };
    }
    case 'boolean': {
      if (op !== 'eq' || typeof expected !== 'boolean') return undefined;
      return (leaf) => {
        const x = leaf.kind === 'json' ? dialect.jsonBoolean(leaf.ref) : column(leaf, text).expr;
        return guard(x, leaf, sql<SqlBool>`(${x} = ${expected ? 1 : 0})`);
      };
    }
    case 'integer':
    case 'decimal': {
      if (typeof expected !== 'number' || !(ordering || op === 'eq')) return undefined;
      return (leaf) => {
        const x = leaf.kind === 'json' ? dialect.jsonNumber(leaf.ref) : column(leaf, text).expr;
        return guard(x, leaf, sql<SqlBool>`(${x} ${sql.raw(symbol)} ${expected})`);
      };
    }
    case 'dateTime': {
      if (typeof expected !== 'string' || !(ordering || op === 'eq')) return undefined;
      const instant = toInstant(expected);
      if (instant === undefined) throw invalidFilter(`"${text}" is a dateTime: ${JSON.stringify(expected)} is not one`);
      // Stored instants are toISOString() text, so the same form compares as text.
      const iso = new Date(instant).toISOString();
      return (leaf) => {
        if (leaf.kind === 'json') {
          throw invalidFilter(`filtering on the dateTime "${text}" is not supported by this server`);
        }
        const x = column(leaf, text).expr;
        return guard(x, leaf, op === 'eq' ? sql<SqlBool>`(${x} = ${iso})` : dialect.compareText(x, symbol as '<', iso));
      };
    }
    case 'complex':
      return undefined;
  }
}

function column(leaf: Leaf, text: string): Extract<Leaf, { kind: 'column' }> {
  if (leaf.kind === 'opaque') throw invalidFilter(`filtering on "${text}" is not supported by this server (${leaf.why})`);
  if (leaf.kind !== 'column') throw new Error('a JSON leaf reached a column comparison');
  return leaf;
}

/** The string to compare, already lower-cased when the attribute is case-insensitive. */
function textOf(leaf: Leaf, def: AttributeDef, dialect: SqlDialect, text: string): RawBuilder<unknown> {
  if (leaf.kind === 'json') {
    const value = dialect.jsonString(leaf.ref);
    return def.caseExact ? value : dialect.lower(value);
  }
  const c = column(leaf, text);
  if (def.caseExact) return c.expr;
  return c.folded ?? dialect.lower(c.expr);
}

/** Two-valued: a NULL value fails the test instead of making it NULL. */
function guard(x: RawBuilder<unknown>, leaf: Leaf, test: RawBuilder<SqlBool>): RawBuilder<SqlBool> {
  const nullable = leaf.kind === 'json' || (leaf.kind === 'column' && leaf.nullable);
  return nullable ? sql<SqlBool>`(${x} is not null and ${test})` : test;
}

/** RFC 7644 §3.4.2.2 `pr`: a value that is not null, "", [] nor an empty object. */
function nonEmpty(leaf: Leaf, def: AttributeDef, dialect: SqlDialect): RawBuilder<SqlBool> {
  if (leaf.kind === 'opaque') return dialect.true;
  if (leaf.kind === 'json') return dialect.jsonNonEmpty(leaf.ref);
  const textual = def.type !== 'boolean' && def.type !== 'integer' && def.type !== 'decimal';
  if (textual) return guard(leaf.expr, leaf, sql<SqlBool>`(${leaf.expr} <> '')`);
  return leaf.nullable ? sql<SqlBool>`(${leaf.expr} is not null)` : dialect.true;
}

function topSite(target: Target, attr: AttributeDef, sub: AttributeDef | undefined, ctx: FilterContext): Site {
  const { dialect, schema } = ctx;
  if (target.kind === 'leaf') {
    return { def: attr, some: (test) => test(target.leaf), present: () => nonEmpty(target.leaf, attr, dialect) };
  }
  // RFC 7644 §3.4.2.2: a complex attribute named without sub-attribute is compared through `value`.
  const def = sub ?? (attr.type === 'complex' ? schema.resolveSub(attr, 'value') : attr);
  const some: Site['some'] = (test, valueIsString) =>
    target.some((scope) => (def ? test(scope.leaf(def)) : dialect.false), valueIsString && def?.name === 'value');
  return {
    def,
    some,
    present: () => (sub ? some((leaf) => nonEmpty(leaf, sub, dialect)) : target.present()),
  };
}

function valuePath(path: AttrPath, inner: Filter, ctx: FilterContext): RawBuilder<SqlBool> {
  const resolved = ctx.schema.resolve(path);
  if (!resolved || resolved.sub || resolved.attr.type !== 'complex') {
    throw invalidFilter(`"${formatAttrPath(path)}" cannot take a value filter "[...]"`);
  }
  const parent = resolved.attr;
  const target = resolveTarget(resolved, ctx);
  if (target.kind === 'leaf') throw invalidFilter(`"${formatAttrPath(path)}" cannot take a value filter "[...]"`);
  return target.some((scope) => compile(inner, elementResolver(parent, scope, ctx), ctx), requiresStringValue(inner));
}

function elementResolver(parent: AttributeDef, scope: Scope, ctx: FilterContext): Resolver {
  return (path) => {
    const def = path.schema === undefined && path.sub === undefined ? ctx.schema.resolveSub(parent, path.attr) : undefined;
    if (!def) throw invalidFilter(`"${formatAttrPath(path)}" is not a sub-attribute of "${parent.name}"`);
    const leaf = scope.leaf(def);
    return { def, some: (test) => test(leaf), present: () => nonEmpty(leaf, def, ctx.dialect) };
  };
}

/**
 * True when the filter can only hold for an element whose `value` is a
 * string: then the rows of a side table that indexes string values hold
 * every candidate element (see filter-targets: emails).
 */
function requiresStringValue(filter: Filter): boolean {
  switch (filter.kind) {
    case 'Compare':
      return filter.path.attr.toLowerCase() === 'value' && filter.op !== 'ne' && filter.value !== null;
    case 'And':
      return requiresStringValue(filter.left) || requiresStringValue(filter.right);
    case 'Or':
      return requiresStringValue(filter.left) && requiresStringValue(filter.right);
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------
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
  return memberships(sql`from group_members as gm where gm.member_id = users.id and gm.team_id = users.team_id`, members);
}

/** RFC 7643 §4.2 `members`, with `display` taken from the member as group-members-repository renders it. */
function membersOfGroup(): Target {
  const members: Record<string, Leaf> = {
    value: col('gm.member_id', false, 'gm.member_id'),
    type: col('gm.member_type'),
    display: {
      kind: 'column',
      expr: sql`coalesce(
        (select coalesce(u.display_name, u.user_name) from users as u where u.id = gm.member_id),
        (select g.display_name from groups as g where g.id = gm.member_id))`,
      nullable: true,
    },
    $ref: ref$,
  };
  return memberships(sql`from group_members as gm where gm.group_id = groups.id`, members);
}

function memberships(fromRows: RawBuilder<unknown>, members: Record<string, Leaf>): Target {
  const scope: Scope = { leaf: (def) => members[def.name] ?? { kind: 'opaque', why: 'not stored' } };
  return {
    kind: 'values',
    some: (test) => sql<SqlBool>`exists (select 1 ${fromRows} and ${test(scope)})`,
    present: () => sql<SqlBool>`exists (select 1 ${fromRows})`,
  };
}
