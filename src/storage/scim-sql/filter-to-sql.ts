// RFC 7644 §3.4.2.2: a parsed filter compiled to one SQL condition over the
// `users` or `groups` table (the caller adds `team_id = ?`). The in-memory
// evaluate() in src/scim/filter is the definition; this selects exactly the
// resources it accepts. Every leaf is two-valued (SQL NULL never leaks into
// `not` or `ne`), every filter value is a bound parameter, and case-insensitive
// values are lower-cased here in JavaScript so *_ci columns can use their index.

import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AttrPath, CompareNode, Filter } from '../../scim/filter/ast.js';
import type { AttributeDef, ResourceSchema } from '../../scim/schema/types.js';
import { checkFilter } from '../../scim/filter/check-filter.js';
import { toInstant } from '../../scim/filter/evaluate.js';
import { formatAttrPath } from '../../scim/filter/lexer.js';
import { invalidFilter } from '../../scim/errors.js';
import type { SqlDialect } from '../sql-dialect.js';
import { resolveTarget, type Leaf, type Scope, type Target } from './filter-targets.js';

export interface FilterContext {
  resourceType: 'User' | 'Group';
  schema: ResourceSchema;
  dialect: SqlDialect;
  /**
   * Compile membership `value eq` as `id in (ids from the membership
   * index)` (filter-targets valueEq), for queries that should be driven from
   * the memberships; otherwise it is a probe per resource (list-page.ts
   * chooses).
   */
  membershipIn?: boolean;
}

/** What a path in a filter names: the definition that types its values, and how to reach them. */
interface Site {
  /** The attribute compared; undefined for a complex attribute without `value`. */
  def: AttributeDef | undefined;
  /** True when some value of the path satisfies `test`. */
  some(test: (leaf: Leaf) => RawBuilder<SqlBool>, valueIsString?: boolean): RawBuilder<SqlBool>;
  present(): RawBuilder<SqlBool>;
  /** `eq` on a membership `value`, driven from the membership index (filter-targets). */
  valueEq?(id: string): RawBuilder<SqlBool>;
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
  if (op === 'eq' && typeof value === 'string' && site.valueEq) return site.valueEq(def.caseExact ? value : value.toLowerCase());
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
    valueEq: def?.name === 'value' && ctx.membershipIn ? target.valueEq : undefined,
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
  // `groups[value eq "<id>"]` is `groups.value eq "<id>"`: same index-driven form.
  if (ctx.membershipIn && target.valueEq && inner.kind === 'Compare' && inner.op === 'eq' && typeof inner.value === 'string' && inner.path.schema === undefined && inner.path.sub === undefined) {
    const def = ctx.schema.resolveSub(parent, inner.path.attr);
    if (def?.name === 'value') return target.valueEq(def.caseExact ? inner.value : inner.value.toLowerCase());
  }
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
