// RFC 7644 §3.5.2 on a whole extension object (path = the bare extension URN,
// RFC 7643 §3.3) and on attributes under an extension URN the server does not
// know. Unknown extensions are kept as sent so what an IdP wrote reads back
// (`urn:okta:custom:1.0:User:foo`); they are merged key by key, without a
// schema to say more.

import type { ResourceSchema } from '../schema/types.js';
import type { PatchOpName } from './parse-patch-request.js';
import type { PatchTarget } from './resolve-target.js';
import { invalidValue } from '../errors.js';
import { deleteMember, findKey, getMember, isObject, jsonEqual, setMember, type JsonObject } from './json-values.js';
import { objectMember } from './attribute-slot.js';
import { applyToAttribute } from './apply-to-attribute.js';
import { isReadOnly, resolveTarget } from './resolve-target.js';

type ExtensionTarget = Extract<PatchTarget, { kind: 'extension' }>;
type OpaqueTarget = Extract<PatchTarget, { kind: 'opaque' }>;

export function applyToExtension(doc: JsonObject, op: PatchOpName, target: ExtensionTarget, value: unknown, schema: ResourceSchema): void {
  if (op === 'add' && value === null) return;
  if (op === 'remove' || value === null) return deleteMember(doc, target.key);
  if (!isObject(value)) throw invalidValue(`"${target.key}" is an extension: its value must be an object of attributes`);
  for (const [name, v] of Object.entries(value)) {
    const dot = name.indexOf('.');
    const path = dot < 0 ? { attr: name } : { attr: name.slice(0, dot), sub: name.slice(dot + 1) };
    if (target.schema) {
      const qualified = { schema: target.schema.id, ...path };
      // As in a PUT body, attributes the extension does not define are dropped.
      if (!schema.resolve(qualified)) continue;
      const resolved = resolveTarget({ path: qualified }, schema, doc);
      if (resolved.kind !== 'attribute' || isReadOnly(resolved)) continue;
      applyToAttribute(doc, op, resolved, v, schema);
    } else {
      applyToOpaque(doc, op, { kind: 'opaque', container: target.key, ...path }, v);
    }
  }
}

export function applyToOpaque(doc: JsonObject, op: PatchOpName, target: OpaqueTarget, value: unknown): void {
  if (op === 'add' && value === null) return;
  if (op === 'remove' || value === null) {
    const container = getMember(doc, target.container);
    if (!isObject(container)) return;
    if (target.sub === undefined) deleteMember(container, target.attr);
    else {
      const inner = getMember(container, target.attr);
      if (isObject(inner)) {
        deleteMember(inner, target.sub);
        if (Object.keys(inner).length === 0) deleteMember(container, target.attr);
      }
    }
    if (Object.keys(container).length === 0) deleteMember(doc, target.container);
    return;
  }
  const container = objectMember(doc, target.container);
  const key = findKey(container, target.attr) ?? target.attr;
  if (target.sub !== undefined) {
    const inner = objectMember(container, key);
    setMember(inner, findKey(inner, target.sub) ?? target.sub, value);
    return;
  }
  const existing = container[key];
  if (op === 'add' && Array.isArray(existing) && Array.isArray(value)) {
    container[key] = [...existing, ...value.filter((v) => !existing.some((e) => jsonEqual(e, v)))];
  } else {
    container[key] = value;
  }
}
