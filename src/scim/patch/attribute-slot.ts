// Where one attribute lives in a resource (RFC 7643 §3: core attributes at
// the top level, extension attributes under their schema URN key), and the
// comparisons PATCH makes between values of that attribute.

import type { AttributeDef, ResourceSchema } from '../schema/types.js';
import { mutability } from '../errors.js';
import { deleteMember, findKey, getMember, isObject, isTrue, isUnassigned, jsonEqual, setMember, type JsonObject } from './json-values.js';

export interface AttributeSlot {
  read(): unknown;
  write(value: unknown): void;
  /** Unassigns the attribute; an extension object left empty goes too. */
  clear(): void;
}

export function attributeSlot(doc: JsonObject, name: string, container?: string): AttributeSlot {
  const holder = (): JsonObject | undefined => {
    if (container === undefined) return doc;
    const value = getMember(doc, container);
    return isObject(value) ? value : undefined;
  };
  return {
    read: () => {
      const h = holder();
      return h ? getMember(h, name) : undefined;
    },
    write: (value) => setMember(container === undefined ? doc : objectMember(doc, container), name, value),
    clear: () => {
      const h = holder();
      if (!h) return;
      deleteMember(h, name);
      if (container !== undefined && Object.keys(h).length === 0) deleteMember(doc, container);
    },
  };
}

/** The object at `obj[key]` (any case), created or re-keyed canonically. */
export function objectMember(obj: JsonObject, key: string): JsonObject {
  const found = findKey(obj, key);
  const current = found === undefined ? undefined : obj[found];
  const value = isObject(current) ? current : {};
  setMember(obj, key, value);
  return value;
}

/** A multi-valued attribute's values; a lone stored value counts as one. */
export function asList(value: unknown): unknown[] {
  if (isUnassigned(value)) return [];
  return Array.isArray(value) ? value : [value];
}

/** Copy of a complex value with sub-attribute names spelled canonically. */
export function canonicalElement(value: JsonObject, attr: AttributeDef, schema: ResourceSchema): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) out[schema.resolveSub(attr, k)?.name ?? k] = v;
  return out;
}

/**
 * Whether `candidate` is already among an attribute's values (RFC 7644
 * §3.5.2.1: adding a value already present changes nothing). References
 * (`members`, `groups`: attributes with a `$ref`) are the same value when
 * their `value` is, whatever `display` says; other values compare whole.
 */
export function sameValue(a: unknown, b: unknown, attr: AttributeDef, schema: ResourceSchema): boolean {
  if (isObject(a) && isObject(b) && schema.resolveSub(attr, '$ref')) {
    const va = getMember(a, 'value');
    const vb = getMember(b, 'value');
    if (typeof va === 'string' && typeof vb === 'string') return va === vb;
  }
  return jsonEqual(a, b);
}

/**
 * RFC 7644 §3.5.2: a PATCH that sets a value's `primary` to true sets it to
 * false on every other value of the attribute.
 */
export function keepOnePrimary(list: unknown[], written: unknown[]): void {
  if (!written.some((e) => isObject(e) && isTrue(getMember(e, 'primary')))) return;
  for (const e of list) {
    if (!written.includes(e) && isObject(e) && isTrue(getMember(e, 'primary'))) setMember(e, 'primary', false);
  }
}

/** RFC 7643 §7: an immutable attribute that has a value keeps it. */
export function assertMutable(def: AttributeDef, before: unknown, after: unknown, label: string): void {
  if (def.mutability === 'immutable' && !isUnassigned(before) && !jsonEqual(before, after)) {
    throw mutability(`"${label}" is immutable and already has a value`);
  }
}

/** RFC 7644 §3.5.2.2: unassigning a required attribute fails with mutability. */
export function assertRemovable(def: AttributeDef, label: string): void {
  if (def.required) throw mutability(`"${label}" is required and cannot be removed`);
  if (def.mutability === 'immutable') throw mutability(`"${label}" is immutable and cannot be removed`);
}
