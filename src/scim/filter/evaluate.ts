// RFC 7644 §3.4.2.2: filter semantics, evaluated in memory against a SCIM
// resource as returned to clients. This is the oracle the SQL compiler is
// tested against, so every rule below is the definition, not a sketch:
//
// - strings compare case-insensitively (toLowerCase) unless caseExact;
//   gt/ge/lt/le on strings are lexicographic by UTF-16 code unit;
// - dateTime compares as instants (toInstant), integer/decimal numerically,
//   boolean with eq/ne only; a value of the wrong JSON type never matches;
// - a multi-valued attribute matches when ANY value matches; a complex
//   attribute named without sub-attribute compares its `value` sub-attribute;
// - `pr` means a non-empty value (not null, "", [], nor an object without a
//   non-empty member); `eq null` means "not pr", and `ne` is NOT(eq), so it
//   matches when the attribute is absent; other operators on an absent
//   attribute are false; `not` is plain two-valued negation.

import type { AttrPath, CompareOp, Filter, FilterValue } from './ast.js';
import type { AttributeDef, ResourceSchema } from '../schema/types.js';

/** Where a path's value was found and what it is. */
interface Target {
  attr: AttributeDef;
  sub?: AttributeDef;
  raw: unknown;
}

/** Resolves paths either at the resource's top level or inside one element of a value path. */
type Scope = (path: AttrPath) => Target | undefined;

export function evaluate(filter: Filter, resource: Record<string, unknown>, schema: ResourceSchema): boolean {
  const scope: Scope = (path) => {
    const resolved = schema.resolve(path);
    if (!resolved) return undefined;
    const container = resolved.extension ? field(resource, resolved.schema.id) : resource;
    return { attr: resolved.attr, sub: resolved.sub, raw: field(container, resolved.attr.name) };
  };
  return matches(filter, scope, schema);
}

function matches(filter: Filter, scope: Scope, schema: ResourceSchema): boolean {
  switch (filter.kind) {
    case 'And':
      return matches(filter.left, scope, schema) && matches(filter.right, scope, schema);
    case 'Or':
      return matches(filter.left, scope, schema) || matches(filter.right, scope, schema);
    case 'Not':
      return !matches(filter.filter, scope, schema);
    case 'Present': {
      const target = scope(filter.path);
      return target !== undefined && isPresent(target);
    }
    case 'Compare': {
      const target = scope(filter.path);
      if (filter.op === 'ne') return !equals(target, filter.value, schema);
      if (filter.op === 'eq') return equals(target, filter.value, schema);
      if (!target || filter.value === null) return false;
      return anyLeaf(target, schema, (leaf, def) => compareLeaf(filter.op, leaf, filter.value, def));
    }
    case 'ValuePath':
      return matchesValuePath(filter.path, filter.filter, scope, schema);
  }
}

function matchesValuePath(path: AttrPath, inner: Filter, scope: Scope, schema: ResourceSchema): boolean {
  const target = scope(path);
  if (!target || target.sub || target.attr.type !== 'complex') return false;
  const parent = target.attr;
  return values(target.raw).some((element) => {
    if (!isObject(element)) return false;
    const elementScope: Scope = (p) => {
      if (p.schema !== undefined || p.sub !== undefined) return undefined;
      const attr = schema.resolveSub(parent, p.attr);
      return attr ? { attr, raw: field(element, attr.name) } : undefined;
    };
    return matches(inner, elementScope, schema);
  });
}

function equals(target: Target | undefined, value: FilterValue, schema: ResourceSchema): boolean {
  if (value === null) return !(target && isPresent(target));
  if (!target) return false;
  return anyLeaf(target, schema, (leaf, def) => compareLeaf('eq', leaf, value, def));
}

function isPresent(target: Target): boolean {
  if (!target.sub) return isNonEmpty(target.raw);
  const sub = target.sub;
  return values(target.raw).some((element) => isObject(element) && isNonEmpty(field(element, sub.name)));
}

/** True when some value the path names satisfies `test`, with the definition that types it. */
function anyLeaf(
  target: Target,
  schema: ResourceSchema,
  test: (leaf: unknown, def: AttributeDef) => boolean,
): boolean {
  let def: AttributeDef | undefined = target.sub ?? target.attr;
  let leaves = values(target.raw);
  if (target.sub || target.attr.type === 'complex') {
    // RFC 7644 §3.4.2.2: a complex attribute without sub-attribute filters on `value`.
    def = target.sub ?? schema.resolveSub(target.attr, 'value');
    if (!def) return false;
    const name = def.name;
    leaves = leaves.flatMap((element) => (isObject(element) ? values(field(element, name)) : []));
  }
  const leafDef = def;
  return leaves.some((leaf) => leaf !== null && leaf !== undefined && test(leaf, leafDef));
}

function compareLeaf(op: CompareOp, actual: unknown, expected: FilterValue, def: AttributeDef): boolean {
  switch (def.type) {
    case 'string':
    case 'reference':
    case 'binary': {
      if (typeof actual !== 'string' || typeof expected !== 'string') return false;
      const a = def.caseExact ? actual : actual.toLowerCase();
      const e = def.caseExact ? expected : expected.toLowerCase();
      if (op === 'co') return a.includes(e);
      if (op === 'sw') return a.startsWith(e);
      if (op === 'ew') return a.endsWith(e);
      return order(op, a < e ? -1 : a > e ? 1 : 0);
    }
    case 'boolean':
      return op === 'eq' && typeof expected === 'boolean' && actual === expected;
    case 'integer':
    case 'decimal':
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      return order(op, actual - expected);
    case 'dateTime': {
      const a = typeof actual === 'string' ? toInstant(actual) : undefined;
      const e = typeof expected === 'string' ? toInstant(expected) : undefined;
      if (a === undefined || e === undefined) return false;
      return order(op, a - e);
    }
    case 'complex':
      return false;
  }
}

/** eq/gt/ge/lt/le from a three-way comparison; substring operators are not orderings. */
function order(op: CompareOp, sign: number): boolean {
  switch (op) {
    case 'eq':
      return sign === 0;
    case 'gt':
      return sign > 0;
    case 'ge':
      return sign >= 0;
    case 'lt':
      return sign < 0;
    case 'le':
      return sign <= 0;
    default:
      return false;
  }
}

// RFC 7643 §2.3.5: xsd:dateTime. Seconds and zone may be omitted (a date
// alone is midnight); no zone means UTC, so the result never depends on the
// server's local time zone. Fractions beyond milliseconds are truncated.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** Milliseconds since the epoch for an RFC 7643 dateTime string, or undefined when it is not one. */
export function toInstant(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const millis = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const offset = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  const daysInMonth = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (daysInMonth === undefined || day < 1 || day > daysInMonth) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || Math.abs(offset) > 14 * 60 || Number(m[11] ?? 0) > 59) {
    return undefined;
  }
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year);
  return date.getTime() - offset * 60_000;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isNonEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.some(isNonEmpty);
  if (isObject(value)) return Object.values(value).some(isNonEmpty);
  return true;
}

function values(raw: unknown): unknown[] {
  if (raw === undefined || raw === null) return [];
  return Array.isArray(raw) ? raw : [raw];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Case-insensitive member lookup: resources are stored canonically, but clients' JSON may not be. */
function field(container: unknown, name: string): unknown {
  if (!isObject(container)) return undefined;
  if (Object.hasOwn(container, name)) return container[name];
  const lower = name.toLowerCase();
  const key = Object.keys(container).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : container[key];
}
