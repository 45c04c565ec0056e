// RFC 7644 §3.5.2: applies PATCH operations, in order, to a copy of a stored
// resource (canonical SCIM JSON: core attributes at the top level, extension
// attributes under their URN key). Values are not type-checked here: the
// caller runs normalizeResource on the result, which converts Entra's
// "True"/"False" and validates types.
//
// Without a path, `value` is an object whose keys are attribute names or
// paths (`name.givenName`, `urn:…:enterprise:2.0:User:employeeNumber`,
// `emails[type eq "work"].value`: Entra with aadOptscim062020, CHECKLIST
// item 4); each key is applied as its own operation. Keys that cannot be
// written are skipped there, never refused: `id`, `schemas`, `meta` (Okta
// sends `{id, displayName}`, authentik the whole group), other readOnly
// attributes and names the schema does not define, as in a PUT body. An
// explicit path to a readOnly attribute is refused (mutability).
//
// With `externalMembers` (Groups, whose memberships are rows), operations on
// `members` are not applied to the resource: they become MemberChanges the
// storage layer runs, so no operation needs the member list.

import type { PatchPath } from '../filter/ast.js';
import type { ResourceSchema } from '../schema/types.js';
import type { PatchOpName, PatchOperation } from './parse-patch-request.js';
import type { PatchTarget } from './resolve-target.js';
import { ScimError, invalidPath, invalidValue } from '../errors.js';
import { parsePatchPath } from '../path.js';
import { isObject, jsonEqual, type JsonObject } from './json-values.js';
import { memberChange, type MemberChange } from './member-changes.js';
import { applyToAttribute } from './apply-to-attribute.js';
import { applyToExtension, applyToOpaque } from './apply-to-extension.js';
import { assertWritable, isForeignUrn, isReadOnly, resolveTarget } from './resolve-target.js';

export interface ApplyPatchOptions {
  /** Group members are stored as rows: turn operations on `members` into changes. */
  externalMembers?: boolean;
}

export interface ApplyPatchResult {
  resource: Record<string, unknown>;
  /** Membership changes, in the order the operations asked for them. */
  memberChanges: MemberChange[];
  /** False when nothing would change: the caller may skip the write and keep the version. */
  changed: boolean;
}

const IGNORED_WITHOUT_PATH = new Set(['id', 'schemas', 'meta']);

export function applyPatch(
  resource: Record<string, unknown>,
  ops: PatchOperation[],
  schema: ResourceSchema,
  options: ApplyPatchOptions = {},
): ApplyPatchResult {
  const run = new PatchRun(structuredClone(resource), schema, options.externalMembers ?? false);
  for (const op of ops) {
    if (op.path) run.withPath(op.op, op.path, op.value);
    else run.withoutPath(op.op, op.value);
  }
  const changed = run.memberChanges.length > 0 || !jsonEqual(run.doc, resource);
  return { resource: run.doc, memberChanges: run.memberChanges, changed };
}

class PatchRun {
  readonly memberChanges: MemberChange[] = [];

  constructor(
    readonly doc: JsonObject,
    private readonly schema: ResourceSchema,
    private readonly externalMembers: boolean,
  ) {}

  withPath(op: PatchOpName, path: PatchPath, value: unknown): void {
    const target = resolveTarget(path, this.schema, this.doc);
    if (this.isMembers(target)) {
      this.memberChange(op, target, { filter: path.filter, subAttr: path.subAttr ?? path.path.sub }, value);
      return;
    }
    assertWritable(target, path);
    this.apply(op, target, value);
  }

  withoutPath(op: PatchOpName, value: unknown): void {
    if (!isObject(value)) throw invalidValue(`"${op}" without a "path" needs a "value" object of attributes`);
    for (const [key, v] of Object.entries(value)) {
      if (IGNORED_WITHOUT_PATH.has(key.toLowerCase())) continue;
      if (key.toLowerCase() === this.schema.core.id.toLowerCase() && isObject(v)) {
        // SCIM 1.1-style clients nest core attributes under the core URN.
        this.withoutPath(op, v);
        continue;
      }
      const target = this.keyTarget(key, v);
      if (!target || isReadOnly(target)) continue;
      if (this.isMembers(target)) this.memberChange(op, target, {}, v);
      else this.apply(op, target, v);
    }
  }

  /** What a key of a path-less value designates; undefined to skip it. */
  private keyTarget(key: string, value: unknown): PatchTarget | undefined {
    const known = this.schema.extensionByUrn(key);
    if (known) return { kind: 'extension', key: known.id, schema: known };
    let path: PatchPath;
    try {
      path = parsePatchPath(key);
    } catch (err) {
      if (!(err instanceof ScimError)) throw err;
      if (key.includes(':') && isObject(value)) return { kind: 'extension', key };
      throw invalidPath(`"${key}" in a PATCH value is not an attribute name or path: ${err.message}`);
    }
    const bare = !path.path.sub && !path.filter && !path.subAttr;
    const defined = this.schema.resolve(path.path) !== undefined;
    if (!defined && key.includes(':') && bare && isObject(value)) return { kind: 'extension', key };
    if (!defined && !(path.path.schema && isForeignUrn(path.path.schema, this.schema))) return undefined;
    return resolveTarget(path, this.schema, this.doc);
  }

  private isMembers(target: PatchTarget): target is Extract<PatchTarget, { kind: 'attribute' }> {
    return this.externalMembers && target.kind === 'attribute' && target.container === undefined && target.attr.name === 'members';
  }

  private memberChange(op: PatchOpName, target: Extract<PatchTarget, { kind: 'attribute' }>, selection: { filter?: PatchPath['filter']; subAttr?: string }, value: unknown): void {
    const change = memberChange(op, selection, value, target.attr, this.schema);
    if (change) this.memberChanges.push(change);
  }

  private apply(op: PatchOpName, target: PatchTarget, value: unknown): void {
    switch (target.kind) {
      case 'attribute':
        return applyToAttribute(this.doc, op, target, value, this.schema);
      case 'extension':
        return applyToExtension(this.doc, op, target, value, this.schema);
      case 'opaque':
        return applyToOpaque(this.doc, op, target, value);
    }
  }
}
