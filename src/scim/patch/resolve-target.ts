// RFC 7644 §3.5.2: what a PATCH path designates in a resource. Names resolve
// case-insensitively against the schema (RFC 7643 §2.1) and are written back
// with their canonical spelling.
//
// Two kinds of URN paths fall outside the schema:
// - a bare extension URN (`urn:…:enterprise:2.0:User`) designates the whole
//   extension object; the path parser returns it split at its last colon
//   ({schema:'urn:…:2.0', attr:'User'}), so it is recognised here;
// - a path under a URN the server does not know (`urn:okta:custom:1.0:User:foo`)
//   is stored under that URN key as sent, so it round-trips.

import type { Filter, PatchPath } from '../filter/ast.js';
import type { AttributeDef, ResourceSchema, SchemaDef } from '../schema/types.js';
import { invalidPath, mutability } from '../errors.js';
import { findKey, getMember, isObject, type JsonObject } from './json-values.js';

export type PatchTarget =
  /** A whole extension object; `schema` is unset for an extension the server does not know. */
  | { kind: 'extension'; key: string; schema?: SchemaDef }
  | {
      kind: 'attribute';
      /** The extension URN key holding the attribute; undefined for core attributes. */
      container?: string;
      /** The schema the attribute belongs to (for evaluating value filters). */
      urn: string;
      attr: AttributeDef;
      /** `name.givenName`: the sub-attribute named after a dot. */
      sub?: AttributeDef;
      filter?: Filter;
      /** `emails[type eq "work"].value`: the sub-attribute after a value filter. */
      subAttr?: AttributeDef;
    }
  /** An attribute under an extension URN the server does not know. */
  | { kind: 'opaque'; container: string; attr: string; sub?: string };

export function formatPatchPath(p: PatchPath): string {
  const base = `${p.path.schema ? `${p.path.schema}:` : ''}${p.path.attr}${p.path.sub ? `.${p.path.sub}` : ''}`;
  return `${base}${p.filter ? '[…]' : ''}${p.subAttr ? `.${p.subAttr}` : ''}`;
}

/** Resolves `p`; throws invalidPath when it names nothing a client may address. */
export function resolveTarget(p: PatchPath, schema: ResourceSchema, doc: JsonObject): PatchTarget {
  const { path } = p;
  if (path.schema && !path.sub && !p.filter && !p.subAttr) {
    const whole = wholeExtension(`${path.schema}:${path.attr}`, schema, doc);
    if (whole) return whole;
  }
  const resolved = schema.resolve(path);
  if (!resolved) {
    if (path.schema && isForeignUrn(path.schema, schema)) {
      if (p.filter || p.subAttr) throw invalidPath(`"${formatPatchPath(p)}": value filters need an attribute the server knows`);
      const container = findKey(doc, path.schema) ?? path.schema;
      return { kind: 'opaque', container, attr: path.attr, ...(path.sub ? { sub: path.sub } : {}) };
    }
    throw invalidPath(`"${formatPatchPath(p)}" is not an attribute of ${schema.type.name}`);
  }
  const { attr, sub } = resolved;
  if (p.filter && (sub || attr.type !== 'complex' || !attr.multiValued)) {
    throw invalidPath(`"${formatPatchPath(p)}": a value filter needs a multi-valued complex attribute`);
  }
  if (p.filter) checkValueFilter(p.filter, attr, schema);
  let subAttr: AttributeDef | undefined;
  if (p.subAttr !== undefined) {
    subAttr = schema.resolveSub(attr, p.subAttr);
    if (!subAttr) throw invalidPath(`"${attr.name}" has no sub-attribute "${p.subAttr}"`);
  }
  return {
    kind: 'attribute',
    urn: resolved.schema.id,
    attr,
    ...(resolved.extension ? { container: resolved.schema.id } : {}),
    ...(sub ? { sub } : {}),
    ...(p.filter ? { filter: p.filter } : {}),
    ...(subAttr ? { subAttr } : {}),
  };
}

/** The filter of `attr[...]` may only name sub-attributes of `attr`. */
function checkValueFilter(filter: Filter, attr: AttributeDef, schema: ResourceSchema): void {
  switch (filter.kind) {
    case 'And':
    case 'Or':
      checkValueFilter(filter.left, attr, schema);
      return checkValueFilter(filter.right, attr, schema);
    case 'Not':
      return checkValueFilter(filter.filter, attr, schema);
    case 'ValuePath':
      throw invalidPath(`value filters cannot nest inside "${attr.name}[...]"`);
    case 'Compare':
    case 'Present': {
      const { schema: urn, attr: name, sub } = filter.path;
      if (urn || sub || !schema.resolveSub(attr, name)) {
        throw invalidPath(`"${attr.name}[...]" cannot select by "${name}${sub ? `.${sub}` : ''}": not a sub-attribute of "${attr.name}"`);
      }
    }
  }
}

/**
 * A bare URN naming a whole extension: a known extension, or one the resource
 * already carries (as a URN key or in `schemas`), or one whose last segment
 * is the resource type. Anything else is read as `urn:…:attr`, an attribute
 * under the URN before the last colon.
 */
export function wholeExtension(urn: string, schema: ResourceSchema, doc: JsonObject): PatchTarget | undefined {
  const known = schema.extensionByUrn(urn);
  if (known) return { kind: 'extension', key: known.id, schema: known };
  if (urn.toLowerCase() === schema.core.id.toLowerCase()) {
    throw invalidPath(`"${urn}" is the core schema; patch the whole resource with no path`);
  }
  const key = findKey(doc, urn);
  if (key !== undefined && isObject(doc[key])) return { kind: 'extension', key };
  const listed = getMember(doc, 'schemas');
  if (Array.isArray(listed) && listed.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase())) {
    return { kind: 'extension', key: urn };
  }
  // Extension URNs conventionally end with the resource type
  // (`urn:okta:custom:1.0:User`); no attribute is named after one.
  const last = urn.slice(urn.lastIndexOf(':') + 1);
  if (last.toLowerCase() === schema.type.name.toLowerCase() && isForeignUrn(urn.slice(0, urn.lastIndexOf(':')), schema)) {
    return { kind: 'extension', key: urn };
  }
  return undefined;
}

/** A URN that is neither the core schema nor one of its extensions. */
export function isForeignUrn(urn: string, schema: ResourceSchema): boolean {
  return /^urn:/i.test(urn) && urn.toLowerCase() !== schema.core.id.toLowerCase() && !schema.extensionByUrn(urn);
}

/** RFC 7643 §7: a client may not write a readOnly attribute (`id`, `meta`, `groups`). */
export function isReadOnly(target: PatchTarget): boolean {
  if (target.kind !== 'attribute') return false;
  return [target.attr, target.sub, target.subAttr].some((d) => d?.mutability === 'readOnly');
}

export function assertWritable(target: PatchTarget, p: PatchPath): void {
  if (isReadOnly(target)) throw mutability(`"${formatPatchPath(p)}" is readOnly and cannot be modified`);
}
