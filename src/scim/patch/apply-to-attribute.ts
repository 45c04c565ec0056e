// RFC 7644 §3.5.2.1 (add), §3.5.2.2 (remove) and §3.5.2.3 (replace) on one
// attribute the schema knows, in a working copy of the resource.
//
// Choices where the RFC is loose:
// - `replace` of a singular complex attribute merges its sub-attributes, as
//   §3.5.2.3 says ("Sub-attributes that are not specified ... are left
//   unchanged"); `replace` of a multi-valued attribute replaces the list.
// - `null` as a value means unassigned (RFC 7643 §2.5): replace with null
//   removes, add with null changes nothing.
// - `remove` with a `value` on a multi-valued attribute removes only the
//   listed values (matched by their `value` sub-attribute when they have
//   one), the form Entra ID uses for members (CHECKLIST item 6).
// - `add`/`replace` through a value filter that matches nothing creates the
//   element the filter describes when it is made of equalities (Entra's
//   `emails[type eq "work"].value`); otherwise noTarget (§3.5.2.3).
// - `remove` through a filter that matches nothing succeeds (idempotent).
// - A string for a singular complex attribute with a `value` sub-attribute
//   is that value: Entra ID maps `manager` as the manager's bare id.

import type { Filter } from '../filter/ast.js';
import type { AttributeDef, ResourceSchema } from '../schema/types.js';
import type { PatchOpName } from './parse-patch-request.js';
import type { PatchTarget } from './resolve-target.js';
import { invalidValue, noTarget } from '../errors.js';
import { deleteMember, getMember, isObject, isUnassigned, jsonEqual, setMember, type JsonObject } from './json-values.js';
import { asList, assertMutable, assertRemovable, attributeSlot, canonicalElement, keepOnePrimary, sameValue, type AttributeSlot } from './attribute-slot.js';
import { elementFromFilter, selectElements } from './value-selection.js';

type AttributeTarget = Extract<PatchTarget, { kind: 'attribute' }>;

interface Step {
  op: PatchOpName;
  target: AttributeTarget;
  /** undefined: the operation carried no value (remove only). */
  value: unknown;
  slot: AttributeSlot;
  schema: ResourceSchema;
}

export function applyToAttribute(doc: JsonObject, op: PatchOpName, target: AttributeTarget, value: unknown, schema: ResourceSchema): void {
  // Entra ID sends "Add" for every change, so null clears its bare-id manager.
  if (op === 'add' && value === null && !takesBareId(target, schema)) return;
  const step: Step = { op, target, value, schema, slot: attributeSlot(doc, target.attr.name, target.container) };
  if (target.filter) return applyFiltered(step, target.filter);
  if (target.sub) return target.attr.multiValued ? applyToEverySub(step, target.sub) : applySub(step, target.sub);
  if (op === 'remove' || value === null) return removeAttribute(step);
  if (target.attr.multiValued) return op === 'add' ? addValues(step) : replaceValues(step);
  if (target.attr.type === 'complex') return mergeComplex(step);
  assertMutable(target.attr, step.slot.read(), value, target.attr.name);
  step.slot.write(value);
}

function removeAttribute({ op, target: { attr }, value, slot, schema }: Step): void {
  const existing = slot.read();
  if (isUnassigned(existing)) return;
  if (op === 'remove' && !isUnassigned(value) && attr.multiValued) {
    const listed = Array.isArray(value) ? value : [value];
    const kept = asList(existing).filter((e) => !listed.some((v) => isListed(e, v, attr, schema)));
    if (kept.length > 0) return slot.write(kept);
  } else {
    assertRemovable(attr, attr.name);
  }
  slot.clear();
}

function isListed(element: unknown, listed: unknown, attr: AttributeDef, schema: ResourceSchema): boolean {
  if (isObject(element) && isObject(listed) && getMember(listed, 'value') !== undefined) {
    const a = getMember(element, 'value');
    const b = getMember(listed, 'value');
    const caseExact = schema.resolveSub(attr, 'value')?.caseExact ?? true;
    if (typeof a === 'string' && typeof b === 'string' && !caseExact) return a.toLowerCase() === b.toLowerCase();
    return jsonEqual(a, b);
  }
  return jsonEqual(element, listed);
}

function incoming({ target: { attr }, value, schema }: Step): unknown[] {
  const values = Array.isArray(value) ? value : [value];
  return attr.type === 'complex' ? values.map((v) => (isObject(v) ? canonicalElement(v, attr, schema) : v)) : values;
}

function addValues(step: Step): void {
  const { target: { attr }, slot, schema } = step;
  const list = [...asList(slot.read())];
  const added: unknown[] = [];
  for (const v of incoming(step)) {
    if (![...list, ...added].some((e) => sameValue(e, v, attr, schema))) added.push(v);
  }
  if (added.length === 0) return;
  assertMutable(attr, list, [...list, ...added], attr.name);
  list.push(...added);
  keepOnePrimary(list, added);
  slot.write(list);
}

function replaceValues(step: Step): void {
  const { target: { attr }, slot } = step;
  const values = incoming(step);
  assertMutable(attr, slot.read(), values, attr.name);
  if (values.length === 0) slot.clear();
  else slot.write(values);
}

function mergeComplex({ target: { attr }, value, slot, schema }: Step): void {
  if (typeof value === 'string' && schema.resolveSub(attr, 'value')) return writeBareId(attr, value, slot);
  if (!isObject(value)) throw invalidValue(`"${attr.name}" is complex: its value must be an object of sub-attributes`);
  const before = slot.read();
  const obj: JsonObject = isObject(before) ? { ...before } : {};
  for (const [k, v] of Object.entries(value)) {
    const sub = schema.resolveSub(attr, k);
    const name = sub?.name ?? k;
    if (sub) assertMutable(sub, getMember(obj, name), v, `${attr.name}.${name}`);
    if (v === null) deleteMember(obj, name);
    else setMember(obj, name, v);
  }
  assertMutable(attr, before, obj, attr.name);
  if (Object.keys(obj).length === 0) slot.clear();
  else slot.write(obj);
}

/** `manager`: a singular complex attribute that a bare id can stand for. */
function takesBareId({ attr, sub, filter }: AttributeTarget, schema: ResourceSchema): boolean {
  return !sub && !filter && !attr.multiValued && attr.type === 'complex' && schema.resolveSub(attr, 'value') !== undefined;
}

/**
 * Entra ID sends `manager` as the manager's id alone. It names a different
 * manager, so it replaces the whole value (a stale `$ref` or `displayName`
 * would describe the previous one); "" removes it.
 */
function writeBareId(attr: AttributeDef, id: string, slot: AttributeSlot): void {
  const next = id.trim() === '' ? undefined : { value: id };
  assertMutable(attr, slot.read(), next, attr.name);
  if (next) slot.write(next);
  else slot.clear();
}

/** `name.givenName`: a sub-attribute of a singular complex attribute. */
function applySub({ op, target: { attr }, value, slot }: Step, sub: AttributeDef): void {
  const label = `${attr.name}.${sub.name}`;
  const current = slot.read();
  const obj = isObject(current) ? current : undefined;
  if (op === 'remove' || value === null) {
    if (!obj || isUnassigned(getMember(obj, sub.name))) return;
    assertRemovable(sub, label);
    deleteMember(obj, sub.name);
    if (Object.keys(obj).length === 0) slot.clear();
    return;
  }
  assertMutable(sub, obj && getMember(obj, sub.name), value, label);
  if (!obj) slot.write({});
  setMember(slot.read() as JsonObject, sub.name, value);
}

/** `emails.value` without a filter: that sub-attribute of every value. */
function applyToEverySub({ op, target: { attr }, value, slot }: Step, sub: AttributeDef): void {
  const label = `${attr.name}.${sub.name}`;
  const list = [...asList(slot.read())];
  if (op === 'remove' || value === null) {
    for (const e of list) {
      if (!isObject(e) || isUnassigned(getMember(e, sub.name))) continue;
      assertRemovable(sub, label);
      deleteMember(e, sub.name);
    }
    return writeList(slot, list);
  }
  if (list.length === 0) return slot.write([{ [sub.name]: value }]);
  for (const e of list) {
    if (!isObject(e)) continue;
    assertMutable(sub, getMember(e, sub.name), value, label);
    setMember(e, sub.name, value);
  }
  slot.write(list);
}

/** `emails[type eq "work"]` and `emails[type eq "work"].value`. */
function applyFiltered({ op, target, value, slot, schema }: Step, filter: Filter): void {
  const { attr, subAttr } = target;
  const list = [...asList(slot.read())];
  const selected = selectElements(list, { urn: target.urn, inExtension: target.container !== undefined, attr, filter }, schema);
  const label = `${attr.name}[…]${subAttr ? `.${subAttr.name}` : ''}`;

  if (op === 'remove' || value === null) {
    if (selected.length === 0) return;
    if (!subAttr) return writeList(slot, list.filter((_, i) => !selected.includes(i)));
    for (const i of selected) {
      const e = list[i] as JsonObject;
      if (isUnassigned(getMember(e, subAttr.name))) continue;
      assertRemovable(subAttr, label);
      deleteMember(e, subAttr.name);
    }
    return writeList(slot, list);
  }

  if (selected.length === 0) {
    const seed = elementFromFilter(filter, attr, schema);
    if (!seed) throw noTarget(`no value of "${attr.name}" matches the filter of "${label}"`);
    const created = subAttr ? { ...seed, [subAttr.name]: value } : { ...seed, ...objectValue(value, attr, schema, label) };
    list.push(created);
    keepOnePrimary(list, [created]);
    return slot.write(list);
  }

  const written: unknown[] = [];
  for (const i of selected) {
    const before = list[i] as JsonObject;
    let after: JsonObject;
    if (subAttr) {
      assertMutable(subAttr, getMember(before, subAttr.name), value, label);
      after = before;
      setMember(after, subAttr.name, value);
    } else {
      const patch = objectValue(value, attr, schema, label);
      after = op === 'replace' ? patch : { ...before };
      if (op === 'add') for (const [k, v] of Object.entries(patch)) setMember(after, k, v);
      for (const sub of attr.subAttributes ?? []) {
        assertMutable(sub, getMember(before, sub.name), getMember(after, sub.name), `${attr.name}.${sub.name}`);
      }
    }
    list[i] = after;
    written.push(after);
  }
  keepOnePrimary(list, written);
  slot.write(list);
}

function objectValue(value: unknown, attr: AttributeDef, schema: ResourceSchema, label: string): JsonObject {
  if (!isObject(value)) throw invalidValue(`"${label}" selects values of "${attr.name}": the value must be an object`);
  return canonicalElement(value, attr, schema);
}

/** Writes back a list, dropping values left empty; an empty list unassigns. */
function writeList(slot: AttributeSlot, list: unknown[]): void {
  const kept = list.filter((e) => !(isObject(e) && Object.keys(e).length === 0));
  if (kept.length === 0) slot.clear();
  else slot.write(kept);
}
