// RFC 7644 §3.5.2.1–3.5.2.3 applied to Group `members` without the member
// list. Memberships are rows and a group may have 100k members, so a PATCH on
// `members` becomes a change the storage layer applies, never a rewrite of an
// in-memory list.
//
// Read literally, §3.5.2.2 says `remove` on `members` without a filter
// removes every member. Entra ID, authentik and JumpCloud send exactly that
// with a `value` array naming the members to remove, so only a remove with
// neither filter nor value empties the group (CHECKLIST item 6).

import type { AttrPath, Filter } from '../filter/ast.js';
import type { AttributeDef, ResourceSchema } from '../schema/types.js';
import type { PatchOpName } from './parse-patch-request.js';
import { invalidPath, invalidValue, mutability } from '../errors.js';
import { getMember, isObject } from './json-values.js';

export interface MemberRef {
  value: string;
  display?: string;
  type?: 'User' | 'Group';
}

export type MemberChange =
  | { kind: 'add'; members: MemberRef[] }
  | { kind: 'remove'; ids: string[] }
  | { kind: 'removeWhere'; filter: Filter }
  | { kind: 'removeAll' }
  | { kind: 'replace'; members: MemberRef[] };

export interface MemberSelection {
  filter?: Filter;
  subAttr?: string;
}

/**
 * The change one operation on `members` asks for; undefined when it changes
 * nothing (adding an empty list, removing an empty list of members).
 * `value` is undefined when the operation carried none.
 */
export function memberChange(
  op: PatchOpName,
  selection: MemberSelection,
  value: unknown,
  members: AttributeDef,
  schema: ResourceSchema,
): MemberChange | undefined {
  if (selection.subAttr !== undefined) {
    if (!schema.resolveSub(members, selection.subAttr)) {
      throw invalidPath(`"members" has no sub-attribute "${selection.subAttr}"`);
    }
    // Member records are (value, type) rows: nothing of one can be edited in place.
    throw mutability(`"members[...].${selection.subAttr}" cannot be changed; add or remove the member instead`);
  }
  if (op === 'remove') return removal(selection.filter, value, members, schema);
  if (selection.filter) {
    throw mutability(`"${op}" cannot target selected members (members[...]); use "add" or "remove" on "members"`);
  }
  if (op === 'replace') return { kind: 'replace', members: value === null ? [] : memberRefs(value) };
  const refs = value === null ? [] : memberRefs(value);
  return refs.length === 0 ? undefined : { kind: 'add', members: refs };
}

function removal(filter: Filter | undefined, value: unknown, members: AttributeDef, schema: ResourceSchema): MemberChange | undefined {
  if (filter) {
    const ids = idsSelectedBy(filter);
    if (ids) return { kind: 'remove', ids: [...new Set(ids)] };
    return { kind: 'removeWhere', filter: canonicalFilter(filter, members, schema) };
  }
  if (value === undefined || value === null) return { kind: 'removeAll' };
  const ids = memberRefs(value).map((m) => m.value);
  return ids.length === 0 ? undefined : { kind: 'remove', ids };
}

/**
 * Member objects as IdPs send them: `{value, display}` (Okta), `{"$ref": null,
 * value}` (Entra), a bare id string, or one object instead of an array.
 * `$ref` and unknown keys are ignored; duplicates collapse to the first.
 */
export function memberRefs(value: unknown): MemberRef[] {
  const list = Array.isArray(value) ? value : [value];
  const seen = new Set<string>();
  const refs: MemberRef[] = [];
  list.forEach((item, i) => {
    const ref = memberRef(item, i);
    if (seen.has(ref.value)) return;
    seen.add(ref.value);
    refs.push(ref);
  });
  return refs;
}

function memberRef(item: unknown, i: number): MemberRef {
  if (typeof item === 'string' && item.trim() !== '') return { value: item };
  if (!isObject(item)) throw invalidValue(`members[${i}] must be an object with a "value"`);
  const value = getMember(item, 'value');
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidValue(`members[${i}].value must be a non-empty string (the member's id)`);
  }
  const ref: MemberRef = { value };
  const display = getMember(item, 'display');
  if (typeof display === 'string') ref.display = display;
  const type = getMember(item, 'type');
  if (type !== undefined && type !== null) {
    const t = typeof type === 'string' ? type.toLowerCase() : '';
    if (t !== 'user' && t !== 'group') throw invalidValue(`members[${i}].type must be "User" or "Group"`);
    ref.type = t === 'user' ? 'User' : 'Group';
  }
  return ref;
}

/** `value eq "a"` or `value eq "a" or value eq "b"`: the ids named; else undefined. */
function idsSelectedBy(filter: Filter): string[] | undefined {
  if (filter.kind === 'Or') {
    const left = idsSelectedBy(filter.left);
    const right = left && idsSelectedBy(filter.right);
    return left && right ? [...left, ...right] : undefined;
  }
  if (filter.kind !== 'Compare' || filter.op !== 'eq') return undefined;
  const { path } = filter;
  if (path.schema || path.sub || path.attr.toLowerCase() !== 'value') return undefined;
  return typeof filter.value === 'string' ? [filter.value] : undefined;
}

/** The filter with canonical sub-attribute names, refusing names members lacks. */
function canonicalFilter(filter: Filter, members: AttributeDef, schema: ResourceSchema): Filter {
  const path = (p: AttrPath): AttrPath => {
    const sub = p.sub === undefined && !p.schema ? schema.resolveSub(members, p.attr) : undefined;
    if (!sub) throw invalidPath(`"members[...]" cannot select by "${p.attr}${p.sub ? `.${p.sub}` : ''}"`);
    return { attr: sub.name };
  };
  switch (filter.kind) {
    case 'Compare':
      return { ...filter, path: path(filter.path) };
    case 'Present':
      return { ...filter, path: path(filter.path) };
    case 'And':
    case 'Or':
      return { ...filter, left: canonicalFilter(filter.left, members, schema), right: canonicalFilter(filter.right, members, schema) };
    case 'Not':
      return { ...filter, filter: canonicalFilter(filter.filter, members, schema) };
    case 'ValuePath':
      throw invalidPath('value paths cannot nest inside "members[...]"');
  }
}
