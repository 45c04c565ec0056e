// RFC 7644 §3.9 (`attributes` / `excludedAttributes`) and RFC 7643 §7
// (`returned`): which attributes of a resource a response carries.
//
// - `always` attributes (id, schemas) are in every response; `never` (password)
//   in none; `request` only when `attributes` names them; `default` unless
//   `attributes` is given without naming them, or `excludedAttributes` names them.
// - The two parameters are alternatives (§3.9); when both arrive, `attributes`
//   wins and `excludedAttributes` is ignored.
// - Names are case-insensitive and may be URN-qualified; a bare extension URN
//   stands for the whole extension object. Unknown names are ignored.
// - Blocks under URNs the server does not know (round-tripped from the IdP)
//   behave as `default` and can be named by their URN.
// - A value path (`emails[type eq "work"]`, Microsoft's validator) names the
//   attribute with only the values its filter selects; in
//   `excludedAttributes` it leaves out those values (or, with a
//   sub-attribute, that sub-attribute of those values). An attribute also
//   named without a filter is returned whole.
//
// The result is a new top-level object. Values that need no filtering are
// shared with the input rather than copied: this runs on every response, and
// neither side is mutated here.

import type { AttrPath } from './filter/ast.js';
import type { AttrSelector } from './path.js';
import { COMMON_ATTRIBUTES, findSubAttribute } from './schema/registry.js';
import { selectElements } from './patch/value-selection.js';
import type { AttributeDef, ResourceSchema, SchemaDef } from './schema/types.js';

export interface ProjectionQuery {
  attributes?: AttrSelector[];
  excludedAttributes?: AttrSelector[];
}

type Mode = 'default' | 'include' | 'exclude';
/** `true`: the whole attribute was named; a set: only these sub-attributes were. */
type Selection = true | Set<AttributeDef>;

/** One value path of the query: the values it selects, and (exclude only) the sub-attribute it names. */
interface ValueRule {
  matches: (element: unknown) => boolean;
  sub?: AttributeDef;
}

interface Plan {
  mode: Mode;
  attrs: Map<AttributeDef, Selection>;
  /** Attributes named through value paths only. */
  valueRules: Map<AttributeDef, ValueRule[]>;
  wholeExtensions: Set<SchemaDef>;
  /** Lower-cased bare URNs that match no known extension. */
  otherUrns: Set<string>;
}

type Entry =
  | { kind: 'attr'; attr: AttributeDef }
  | { kind: 'ext'; schema: SchemaDef; attrs: Map<string, AttributeDef> };

interface SchemaIndex {
  top: Map<string, Entry>;
  plans: Map<string, Plan>;
  /** A list response projects every resource with the same query object (treated as immutable). */
  byQuery: WeakMap<ProjectionQuery, Plan>;
}

const MAX_CACHED_PLANS = 256;
const DEFAULT_PLAN: Plan = { mode: 'default', attrs: new Map(), valueRules: new Map(), wholeExtensions: new Set(), otherUrns: new Set() };
const indexes = new WeakMap<ResourceSchema, SchemaIndex>();
const hiddenSubs = new WeakMap<AttributeDef, boolean>();

/** Both spellings go in: stored resources use canonical names, so the exact lookup almost always hits. */
function byName<T>(map: Map<string, T>, name: string, value: T) {
  if (!map.has(name)) map.set(name, value);
  const lower = name.toLowerCase();
  if (!map.has(lower)) map.set(lower, value);
}

function lookup<T>(map: Map<string, T>, key: string): T | undefined {
  return map.get(key) ?? map.get(key.toLowerCase());
}

function indexFor(schema: ResourceSchema): SchemaIndex {
  let index = indexes.get(schema);
  if (!index) {
    const top = new Map<string, Entry>();
    for (const attr of [...schema.core.attributes, ...COMMON_ATTRIBUTES]) byName(top, attr.name, { kind: 'attr', attr });
    for (const ext of schema.extensions) {
      const attrs = new Map<string, AttributeDef>();
      for (const attr of ext.attributes) byName(attrs, attr.name, attr);
      byName(top, ext.id, { kind: 'ext', schema: ext, attrs });
    }
    index = { top, plans: new Map(), byQuery: new WeakMap() };
    indexes.set(schema, index);
  }
  return index;
}

function bareUrn(path: AttrPath): string | undefined {
  if (path.sub !== undefined) return undefined;
  if (path.schema !== undefined) return `${path.schema}:${path.attr}`;
  return path.attr.includes(':') ? path.attr : undefined;
}

function buildPlan(schema: ResourceSchema, mode: Mode, paths: AttrSelector[]): Plan {
  const plan: Plan = { mode, attrs: new Map(), valueRules: new Map(), wholeExtensions: new Set(), otherUrns: new Set() };
  const unfiltered = new Set<AttributeDef>();
  for (const path of paths) {
    const urn = bareUrn(path);
    const ext = urn === undefined ? undefined : schema.extensionByUrn(urn);
    if (ext) {
      plan.wholeExtensions.add(ext);
      continue;
    }
    const resolved = schema.resolve(path);
    if (!resolved) {
      if (urn !== undefined) plan.otherUrns.add(urn.toLowerCase());
      continue;
    }
    if (path.filter && resolved.attr.multiValued && resolved.attr.type === 'complex') {
      const target = { urn: resolved.schema.id, inExtension: resolved.extension, attr: resolved.attr, filter: path.filter };
      const rule: ValueRule = { matches: (element) => selectElements([element], target, schema).length > 0 };
      if (mode === 'exclude' && resolved.sub) rule.sub = resolved.sub;
      plan.valueRules.set(resolved.attr, [...(plan.valueRules.get(resolved.attr) ?? []), rule]);
      if (mode === 'exclude') continue;
    } else if (mode === 'include') {
      unfiltered.add(resolved.attr);
    }
    const previous = plan.attrs.get(resolved.attr);
    if (!resolved.sub) plan.attrs.set(resolved.attr, true);
    else if (previous !== true) plan.attrs.set(resolved.attr, (previous ?? new Set()).add(resolved.sub));
  }
  for (const attr of unfiltered) plan.valueRules.delete(attr);
  return plan;
}

function planFor(schema: ResourceSchema, index: SchemaIndex, query: ProjectionQuery): Plan {
  const include = query.attributes?.length ? query.attributes : undefined;
  const paths = include ?? (query.excludedAttributes?.length ? query.excludedAttributes : undefined);
  if (!paths) return DEFAULT_PLAN;
  const known = index.byQuery.get(query);
  if (known) return known;
  let key = include ? 'a' : 'x';
  for (const p of paths) key += `\u0001${p.schema ?? ''}\u0002${p.attr}\u0002${p.sub ?? ''}${p.filter ? `\u0002${JSON.stringify(p.filter)}` : ''}`;
  let plan = index.plans.get(key);
  if (!plan) {
    // Query strings come from clients: bound the cache instead of letting it grow.
    if (index.plans.size >= MAX_CACHED_PLANS) index.plans.clear();
    plan = buildPlan(schema, include ? 'include' : 'exclude', paths);
    index.plans.set(key, plan);
  }
  index.byQuery.set(query, plan);
  return plan;
}

function hasHiddenSubs(attr: AttributeDef): boolean {
  let hidden = hiddenSubs.get(attr);
  if (hidden === undefined) {
    hidden = (attr.subAttributes ?? []).some((sub) => sub.returned === 'never' || sub.returned === 'request');
    hiddenSubs.set(attr, hidden);
  }
  return hidden;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a sub-attribute is shown, given how its parent was selected. */
function showSub(sub: AttributeDef | undefined, mode: Mode, named: Set<AttributeDef> | undefined): boolean {
  if (!sub) return mode !== 'include' || named === undefined;
  if (sub.returned === 'never') return false;
  if (sub.returned === 'always') return true;
  if (named && mode === 'include') return named.has(sub);
  if (named && named.has(sub)) return false;
  return sub.returned !== 'request';
}

function filterElement(attr: AttributeDef, element: unknown, mode: Mode, named: Set<AttributeDef> | undefined) {
  if (!isObject(element)) return element;
  const out: Record<string, unknown> = {};
  let kept = 0;
  for (const key of Object.keys(element)) {
    const sub = findSubAttribute(attr, key);
    if (element[key] === undefined || !showSub(sub, mode, named)) continue;
    out[sub ? sub.name : key] = element[key];
    kept++;
  }
  return kept > 0 ? out : undefined;
}

/** The attribute's value with only the sub-attributes this response shows; undefined when nothing is left. */
function filterValue(attr: AttributeDef, value: unknown, mode: Mode, named: Set<AttributeDef> | undefined): unknown {
  if (!attr.subAttributes || (named === undefined && !hasHiddenSubs(attr))) return value;
  if (!Array.isArray(value)) return filterElement(attr, value, mode, named);
  const out: unknown[] = [];
  for (const element of value) {
    const kept = filterElement(attr, element, mode, named);
    if (kept !== undefined) out.push(kept);
  }
  return out.length > 0 ? out : undefined;
}

/** The values a query's value paths leave of a multi-valued attribute; undefined when none. */
function applyValueRules(value: unknown, rules: ValueRule[], mode: Mode): unknown {
  if (!Array.isArray(value)) return value;
  const out: unknown[] = [];
  for (const element of value) {
    const matching = rules.filter((rule) => rule.matches(element));
    if (mode === 'include') {
      if (matching.length > 0) out.push(element);
      continue;
    }
    if (matching.some((rule) => !rule.sub)) continue;
    if (matching.length === 0 || !isObject(element)) {
      out.push(element);
      continue;
    }
    const kept = { ...element };
    for (const rule of matching) for (const key of Object.keys(kept)) if (key.toLowerCase() === rule.sub?.name.toLowerCase()) delete kept[key];
    if (Object.keys(kept).length > 0) out.push(kept);
  }
  return out.length > 0 ? out : undefined;
}

function projectAttr(attr: AttributeDef, value: unknown, plan: Plan, mode: Mode): unknown {
  if (attr.returned === 'never') return undefined;
  if (attr.returned === 'always') return filterValue(attr, value, 'default', undefined);
  const rules = mode === 'default' ? undefined : plan.valueRules.get(attr);
  if (rules) {
    value = applyValueRules(value, rules, mode);
    if (value === undefined) return undefined;
  }
  const selection = mode === 'default' ? undefined : plan.attrs.get(attr);
  const named = selection === true ? undefined : selection;
  if (mode === 'include') return selection === undefined ? undefined : filterValue(attr, value, mode, named);
  if (attr.returned === 'request' || selection === true) return undefined;
  return filterValue(attr, value, mode, named);
}

function projectExtension(entry: Extract<Entry, { kind: 'ext' }>, value: unknown, plan: Plan) {
  if (!isObject(value)) return undefined;
  let mode = plan.mode;
  if (plan.wholeExtensions.has(entry.schema)) {
    if (mode === 'exclude') return undefined;
    mode = 'default';
  }
  const out: Record<string, unknown> = {};
  let kept = 0;
  for (const key of Object.keys(value)) {
    const attr = lookup(entry.attrs, key);
    const projected = attr ? projectAttr(attr, value[key], plan, mode) : mode === 'include' ? undefined : value[key];
    if (projected === undefined) continue;
    out[attr ? attr.name : key] = projected;
    kept++;
  }
  return kept > 0 ? out : undefined;
}

/** RFC 7644 §3.9: the representation of `resource` that a response carries. */
export function project(
  resource: Record<string, unknown>,
  query: ProjectionQuery,
  schema: ResourceSchema,
): Record<string, unknown> {
  const index = indexFor(schema);
  const plan = planFor(schema, index, query);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(resource)) {
    const value = resource[key];
    if (value === undefined) continue;
    const entry = lookup(index.top, key);
    if (entry?.kind === 'attr') {
      const projected = projectAttr(entry.attr, value, plan, plan.mode);
      if (projected !== undefined) out[entry.attr.name] = projected;
    } else if (entry) {
      const projected = projectExtension(entry, value, plan);
      if (projected !== undefined) out[entry.schema.id] = projected;
    } else if (key.includes(':')) {
      const named = plan.otherUrns.has(key.toLowerCase());
      if (plan.mode === 'default' || (plan.mode === 'include') === named) out[key] = value;
    }
  }
  return out;
}

/**
 * Whether project() would return the values of this top-level attribute
 * exactly as given (same elements, same keys): the streamed GET of a large
 * group then writes each member's JSON directly instead of building and
 * projecting an object per member.
 */
export function projectsWhole(schema: ResourceSchema, query: ProjectionQuery, name: string): boolean {
  const index = indexFor(schema);
  const entry = lookup(index.top, name);
  if (entry?.kind !== 'attr') return false;
  const { attr } = entry;
  if (attr.returned === 'never' || hasHiddenSubs(attr)) return false;
  if (attr.returned === 'always') return true;
  const plan = planFor(schema, index, query);
  if (plan.mode === 'default') return attr.returned !== 'request';
  if (plan.valueRules.has(attr)) return false;
  const selection = plan.attrs.get(attr);
  if (plan.mode === 'include') return selection === true;
  return selection === undefined && attr.returned !== 'request';
}
