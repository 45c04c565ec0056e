// RFC 7643 §2 (attribute types, §2.5 unassigned values), §3 (schemas and
// extensions), §7 (mutability) and RFC 7644 §3.3 / §3.5.1 (create, replace):
// turns what an IdP POSTs or PUTs, or what a PATCH produced, into the
// canonical stored form. Tolerant where real IdPs deviate (idp/CHECKLIST.md
// items 2, 4, 13–16), strict where the value is wrong.
//
// Decisions where the RFCs are silent:
// - Keys are matched case-insensitively and rewritten to canonical names.
//   Top-level keys that are paths (`name.givenName`, `urn:…:User:employeeNumber`)
//   are moved into place; a dotted sub-attribute overrides the same sub-attribute
//   of a whole object sent beside it.
// - `schemas` in the input is ignored; the output lists the core URN, the known
//   extensions present and the unknown URN blocks kept for round-tripping.
// - The SCIM 1.1 enterprise block (`urn:scim:schemas:extension:enterprise:1.0`,
//   OneLogin templates) is read as the 2.0 extension (`manager.managerId` →
//   `manager.value`); a 2.0 block sent beside it wins.
// - Numbers and booleans sent for string attributes become strings.
// - Of several `primary: true` values, the first keeps it; the flag is removed
//   from the others.
// - An immutable attribute omitted from a replace keeps its stored value.
// - Group `members` sent as [] or null comes out as [] (every other empty value
//   is dropped), so the caller can tell "no members" from "members not sent".

import { invalidSyntax, invalidValue, mutability } from './errors.js';
import { ENTERPRISE_USER_URN, ENTERPRISE_USER_URN_1_0 } from './schema/enterprise-user.js';
import { COMMON_ATTRIBUTES, findSubAttribute } from './schema/registry.js';
import type { AttributeDef, ResourceSchema, SchemaDef } from './schema/types.js';
import { checkResourceLimits } from './resource-limits.js';

export interface NormalizeOptions {
  mode: 'create' | 'replace';
  /** The stored resource a replace applies to; enables the immutability check. */
  existing?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

interface Bucket {
  values: Map<AttributeDef, unknown>;
  subs: Map<AttributeDef, Map<AttributeDef, unknown>>;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasValue = (value: unknown) =>
  value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** RFC 7643 §2.3.2, plus the "True"/"False" strings Entra ID sends (CHECKLIST item 2). */
export function coerceBoolean(value: unknown, attrName: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'true') return true;
    if (word === 'false') return false;
  }
  throw invalidValue(`${attrName} must be a boolean (true or false), not ${describe(value)}`);
}

const INTEGER = /^\s*[+-]?\d+\s*$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** RFC 7643 §2.3: one value of a simple (non-complex) attribute. */
function coerceScalar(attr: AttributeDef, value: unknown, name: string): unknown {
  switch (attr.type) {
    case 'boolean':
      return coerceBoolean(value, name);
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && INTEGER.test(value)) return Number(value);
      throw invalidValue(`${name} must be an integer, not ${describe(value)}`);
    case 'decimal':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      throw invalidValue(`${name} must be a number, not ${describe(value)}`);
    case 'dateTime':
      if (typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return value;
      throw invalidValue(`${name} must be a date-time such as "2011-05-13T04:42:34Z", not ${describe(value)}`);
    default:
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw invalidValue(`${name} must be a string, not ${describe(value)}`);
  }
}

function coerceComplex(attr: AttributeDef, value: Json, name: string): Json | undefined {
  const out: Json = {};
  let kept = 0;
  for (const key of Object.keys(value)) {
    const sub = findSubAttribute(attr, key);
    if (!sub || sub.mutability === 'readOnly' || sub.mutability === 'writeOnly') continue;
    const coerced = coerceAttribute(sub, value[key], `${name}.${sub.name}`);
    if (coerced === undefined) continue;
    out[sub.name] = coerced;
    kept++;
  }
  return kept > 0 ? out : undefined;
}

function coerceElement(attr: AttributeDef, item: unknown, name: string): Json | undefined {
  if (item === null || item === undefined) return undefined;
  if (isObject(item)) return coerceComplex(attr, item, name);
  // `emails: ["a@x"]`: a bare value stands for its `value` sub-attribute.
  if ((typeof item === 'string' || typeof item === 'number') && findSubAttribute(attr, 'value')) {
    return coerceComplex(attr, { value: item }, name);
  }
  throw invalidValue(`Each value of ${name} must be an object, not ${describe(item)}`);
}

/** RFC 7643 §2.4: `primary: true` appears no more than once; the first one keeps it. */
function keepFirstPrimary(elements: Json[]) {
  let seen = false;
  for (const element of elements) {
    if (element.primary !== true) continue;
    if (seen) delete element.primary;
    seen = true;
  }
}

/** A value in canonical form, or undefined for "no value" (null, [], {} — RFC 7643 §2.5). */
function coerceAttribute(attr: AttributeDef, value: unknown, name: string): unknown {
  if (!hasValue(value)) return undefined;
  if (attr.multiValued) {
    const out: unknown[] = [];
    // OneLogin sends `emails` as one object (CHECKLIST item 15).
    for (const item of Array.isArray(value) ? value : [value]) {
      const coerced =
        attr.type === 'complex' ? coerceElement(attr, item, name) : item === null ? undefined : coerceScalar(attr, item, name);
      if (coerced !== undefined) out.push(coerced);
    }
    if (attr.type === 'complex') keepFirstPrimary(out as Json[]);
    return out.length > 0 ? out : undefined;
  }
  if (attr.type === 'complex') {
    // Entra ID maps `manager` as the bare id: it stands for `{value: id}`, "" for no manager.
    if (typeof value === 'string' && findSubAttribute(attr, 'value')) return value.trim() === '' ? undefined : { value };
    if (!isObject(value)) throw invalidValue(`${name} must be an object, not ${describe(value)}`);
    return coerceComplex(attr, value, name);
  }
  return coerceScalar(attr, value, name);
}

const MEMBER_TYPES = new Map([
  ['user', 'User'],
  ['group', 'Group'],
]);

/** Group members as the caller stores them: `{ value, display?, type? }`, one per id. */
function normalizeMembers(members: Json[]): Json[] {
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const member of members) {
    const { value, display, type } = member;
    if (typeof value !== 'string' || value.trim() === '') {
      throw invalidValue(`Every member needs a value (the id of a User or Group); got ${describe(member)}`);
    }
    if (seen.has(value)) continue;
    seen.add(value);
    const ref: Json = { value };
    if (display !== undefined) ref.display = display;
    if (type !== undefined) {
      const canonical = MEMBER_TYPES.get(String(type).toLowerCase());
      if (!canonical) throw invalidValue(`members.type must be "User" or "Group", not ${describe(type)}`);
      ref.type = canonical;
    }
    out.push(ref);
  }
  return out;
}

/** SCIM 1.1 named the manager's id `managerId`. */
function fromScim1Enterprise(block: unknown): unknown {
  if (!isObject(block)) return block;
  const out: Json = { ...block };
  for (const key of Object.keys(out)) {
    const manager = out[key];
    if (key.toLowerCase() !== 'manager' || !isObject(manager)) continue;
    const converted: Json = {};
    for (const [sub, value] of Object.entries(manager)) {
      converted[sub.toLowerCase() === 'managerid' ? 'value' : sub] = value;
    }
    out[key] = converted;
  }
  return out;
}

function sameValue(a: unknown, b: unknown, caseExact: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return caseExact ? a === b : a.toLowerCase() === b.toLowerCase();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i], caseExact));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => sameValue(a[k], b[k], caseExact));
  }
  return a === b;
}

/** RFC 7644 §3.3 / §3.5.1: the canonical stored form of a User or Group sent by a client. */
export function normalizeResource(input: unknown, schema: ResourceSchema, options: NormalizeOptions): Json {
  if (!isObject(input)) throw invalidSyntax('The request body must be a JSON object describing the resource.');

  const buckets = new Map<SchemaDef, Bucket>();
  const unknownBlocks = new Map<string, Json>();
  const enterprise = schema.extensionByUrn(ENTERPRISE_USER_URN);
  const coreUrn = schema.core.id.toLowerCase();

  function place(urn: string | undefined, path: string, value: unknown, label: string) {
    const dot = path.indexOf('.');
    const attr = dot < 0 ? path : path.slice(0, dot);
    const sub = dot < 0 ? undefined : path.slice(dot + 1);
    const resolved = schema.resolve({ schema: urn, attr, sub });
    if (!resolved) return;
    const def = resolved.attr;
    // readOnly (id, meta, groups, schemas) and writeOnly (password) input is ignored (CHECKLIST item 14).
    if (def.mutability === 'readOnly' || def.mutability === 'writeOnly') return;
    let bucket = buckets.get(resolved.schema);
    if (!bucket) buckets.set(resolved.schema, (bucket = { values: new Map(), subs: new Map() }));
    if (!resolved.sub) {
      bucket.values.set(def, value);
      return;
    }
    if (resolved.sub.mutability === 'readOnly' || resolved.sub.mutability === 'writeOnly') return;
    if (def.multiValued) throw invalidValue(`${label} cannot be set on its own: ${def.name} is multi-valued`);
    let subs = bucket.subs.get(def);
    if (!subs) bucket.subs.set(def, (subs = new Map()));
    subs.set(resolved.sub, value);
  }

  function placeBlock(urn: string, block: unknown) {
    if (block === null || (Array.isArray(block) && block.length === 0)) return;
    if (!isObject(block)) throw invalidValue(`${urn} must be an object of attributes, not ${describe(block)}`);
    for (const key of Object.keys(block)) place(urn, key, block[key], `${urn}:${key}`);
  }

  // The 1.1 block goes first so that a 2.0 block sent beside it wins.
  const keys = Object.keys(input).sort(
    (a, b) => Number(b.toLowerCase() === ENTERPRISE_USER_URN_1_0) - Number(a.toLowerCase() === ENTERPRISE_USER_URN_1_0),
  );
  for (const key of keys) {
    const value = input[key];
    const lower = key.toLowerCase();
    if (lower === 'schemas') continue;
    const extension = schema.extensionByUrn(key);
    if (extension || lower === coreUrn) {
      placeBlock(extension ? extension.id : schema.core.id, value);
    } else if (lower === ENTERPRISE_USER_URN_1_0 && enterprise) {
      placeBlock(enterprise.id, fromScim1Enterprise(value));
    } else if (key.includes(':')) {
      const colon = key.lastIndexOf(':');
      const prefix = key.slice(0, colon);
      if (prefix.toLowerCase() === coreUrn || schema.extensionByUrn(prefix)) place(prefix, key.slice(colon + 1), value, key);
      else if (isObject(value)) unknownBlocks.set(key, structuredClone(value));
    } else {
      place(undefined, key, value, key);
    }
  }

  const out: Json = { schemas: [] };
  const schemas: string[] = [schema.core.id];

  function emit(target: Json, def: AttributeDef, bucket: Bucket, name: string) {
    const subs = bucket.subs.get(def);
    if (!bucket.values.has(def) && !subs) return;
    let value = coerceAttribute(def, bucket.values.get(def), name);
    if (subs) {
      const merged: Json = isObject(value) ? value : {};
      for (const [sub, raw] of subs) {
        const coerced = coerceAttribute(sub, raw, `${name}.${sub.name}`);
        if (coerced === undefined) delete merged[sub.name];
        else merged[sub.name] = coerced;
      }
      value = Object.keys(merged).length > 0 ? merged : undefined;
    }
    // An explicit empty list is kept: the caller reads it as "no members",
    // and an absent `members` as "membership not asserted".
    if (def.name === 'members' && schema.type.id === 'Group') value = normalizeMembers((value ?? []) as Json[]);
    if (value !== undefined) target[def.name] = value;
  }

  const core = buckets.get(schema.core);
  if (core) for (const def of [...COMMON_ATTRIBUTES, ...schema.core.attributes]) emit(out, def, core, def.name);
  for (const ext of schema.extensions) {
    const bucket = buckets.get(ext);
    if (!bucket) continue;
    const block: Json = {};
    for (const def of ext.attributes) emit(block, def, bucket, `${ext.id}:${def.name}`);
    if (Object.keys(block).length > 0) out[ext.id] = block;
  }

  checkRequired(schema, out);
  if (options.mode === 'replace' && options.existing) keepImmutables(schema, out, options.existing);

  for (const ext of schema.extensions) if (out[ext.id] !== undefined) schemas.push(ext.id);
  for (const [key, block] of unknownBlocks) {
    out[key] = block;
    schemas.push(key);
  }
  out.schemas = schemas;
  checkResourceLimits(out);
  return out;
}

/** RFC 7643 §2.2 `required`: userName (User), displayName (Group) must be non-empty. */
function checkRequired(schema: ResourceSchema, out: Json) {
  const scopes: [SchemaDef, Json | undefined][] = [[schema.core, out]];
  for (const ext of schema.extensions) scopes.push([ext, out[ext.id] as Json | undefined]);
  for (const [def, target] of scopes) {
    for (const attr of def.attributes) {
      if (!attr.required) continue;
      const value = target?.[attr.name];
      if (!hasValue(value) || (typeof value === 'string' && value.trim() === '')) {
        throw invalidValue(`${attr.name} is required and must not be empty`);
      }
    }
  }
}

/**
 * RFC 7643 §7 / RFC 7644 §3.5.1: an immutable attribute that already has a
 * value may be sent again unchanged, or omitted (it is kept), never changed.
 * Only whole attributes count: members.value is immutable per member, and a
 * member is replaced by removing and adding it.
 */
function keepImmutables(schema: ResourceSchema, out: Json, existing: Json) {
  checkImmutables(out, existing, [...COMMON_ATTRIBUTES, ...schema.core.attributes], '');
  for (const ext of schema.extensions) {
    const stored = existing[ext.id];
    if (!isObject(stored)) continue;
    const current = out[ext.id];
    const block: Json = isObject(current) ? current : {};
    checkImmutables(block, stored, ext.attributes, `${ext.id}:`);
    if (Object.keys(block).length > 0) out[ext.id] = block;
  }
}

function checkImmutables(target: Json, stored: Json, attrs: AttributeDef[], prefix: string) {
  for (const attr of attrs) {
    if (attr.mutability !== 'immutable' || !hasValue(stored[attr.name])) continue;
    const before = stored[attr.name];
    const after = target[attr.name];
    if (after === undefined) target[attr.name] = structuredClone(before);
    else if (!sameValue(before, after, attr.caseExact)) {
      throw mutability(`${prefix}${attr.name} is immutable: it cannot be changed once set`);
    }
  }
}
