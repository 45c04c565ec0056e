// RFC 7644 §3.5.2: the PatchOp message. Checks the envelope and each
// operation's shape and parses paths; what an operation means for a resource
// is decided later by applyPatch against the schema.
//
// Tolerated because real clients send it (see /work/shared/idp/CHECKLIST.md):
// a missing `schemas`, `Operations` in any case, `op` in any case (Entra's
// "Replace"), keys of an operation in any case, `path: null` or `""` as no
// path.

import type { PatchPath } from '../filter/ast.js';
import { ScimError, invalidPath, invalidSyntax, invalidValue, noTarget } from '../errors.js';
import { parsePatchPath } from '../path.js';
import { getMember, isObject } from './json-values.js';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** More operations than this in one request are refused (400 invalidValue). */
export const MAX_PATCH_OPERATIONS = 1000;

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOpName;
  path?: PatchPath;
  /** Absent when the client sent no `value`; `null` when it sent null. */
  value?: unknown;
}

const OP_NAMES = new Set<string>(['add', 'replace', 'remove']);

export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw invalidSyntax('PATCH body must be a JSON object with "schemas" and "Operations"');
  checkSchemas(getMember(body, 'schemas'));
  const operations = getMember(body, 'Operations');
  if (operations === undefined) throw invalidSyntax(`PATCH body has no "Operations" (RFC 7644 §3.5.2)`);
  if (!Array.isArray(operations)) throw invalidSyntax('"Operations" must be an array of operations');
  if (operations.length === 0) throw invalidValue('"Operations" is empty: at least one operation is required');
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw invalidValue(`PATCH has ${operations.length} operations; at most ${MAX_PATCH_OPERATIONS} are accepted in one request`);
  }
  return operations.map((raw, i) => parseOperation(raw, i));
}

function checkSchemas(schemas: unknown): void {
  if (schemas === undefined || schemas === null) return;
  const list = typeof schemas === 'string' ? [schemas] : schemas;
  if (!Array.isArray(list)) throw invalidSyntax(`"schemas" must be an array containing "${PATCH_OP_SCHEMA}"`);
  if (list.length === 0) return;
  const found = list.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase());
  if (!found) {
    throw invalidSyntax(`"schemas" must contain "${PATCH_OP_SCHEMA}" (got ${JSON.stringify(list)})`);
  }
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isObject(raw)) throw invalidSyntax(`${where} must be an object with "op"`);
  const opRaw = getMember(raw, 'op');
  if (typeof opRaw !== 'string') throw invalidSyntax(`${where} has no "op" (one of add, replace, remove)`);
  const op = opRaw.toLowerCase();
  if (!OP_NAMES.has(op)) throw invalidSyntax(`${where}: unknown op "${opRaw}" (expected add, replace or remove)`);

  const path = parsePath(getMember(raw, 'path'), where);
  const hasValue = getMember(raw, 'value') !== undefined;
  const value = getMember(raw, 'value');
  const result: PatchOperation = { op: op as PatchOpName };
  if (path) result.path = path;
  if (hasValue) result.value = value;

  if (op === 'remove') {
    if (!path) throw noTarget(`${where}: "remove" requires a "path" (RFC 7644 §3.5.2.2)`);
    return result;
  }
  if (!hasValue) throw invalidValue(`${where}: "${op}" requires a "value"`);
  if (!path && !isObject(value)) {
    throw invalidValue(`${where}: "${op}" without a "path" needs a "value" object of attributes (RFC 7644 §3.5.2)`);
  }
  return result;
}

function parsePath(raw: unknown, where: string): PatchPath | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw invalidPath(`${where}: "path" must be a string`);
  if (raw.trim() === '') return undefined;
  try {
    return parsePatchPath(raw.trim());
  } catch (err) {
    // A malformed filter inside brackets makes the path malformed: RFC 7644
    // §3.5.2 answers a bad path with invalidPath, whatever part of it is bad.
    if (err instanceof ScimError) throw invalidPath(`${where}: invalid path "${raw}": ${err.message}`);
    throw err;
  }
}
