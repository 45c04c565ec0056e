// The size limits of ./limits.ts applied to a canonical User or Group (the
// output of normalize.ts, for create, replace and PATCH alike). RFC 7644
// §3.12: a value the service provider will not store is `invalidValue`.

import { invalidValue } from './errors.js';
import {
  IDENTIFIER_ATTRIBUTES,
  MAX_IDENTIFIER_LENGTH,
  MAX_JSON_DEPTH,
  MAX_MULTI_VALUES,
  MAX_RESOURCE_BYTES,
  MAX_STRING_LENGTH,
  textProblem,
} from './limits.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `name` is the attribute's own path inside its schema (`userName`,
 * `emails.value`), lower case, which picks the identifier limit; `label` is
 * what the error shows.
 */
function check(value: unknown, name: string, label: string, depth: number): void {
  if (depth > MAX_JSON_DEPTH) throw invalidValue(`${label} is nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (typeof value === 'string') {
    const max = IDENTIFIER_ATTRIBUTES.has(name) ? MAX_IDENTIFIER_LENGTH : MAX_STRING_LENGTH;
    if (value.length > max) throw invalidValue(`${label} is longer than ${max} characters (${value.length})`);
    const problem = textProblem(value);
    if (problem) throw invalidValue(`${label} ${problem}`);
    return;
  }
  if (Array.isArray(value)) {
    if (name !== 'members' && value.length > MAX_MULTI_VALUES) {
      throw invalidValue(`${label} has ${value.length} values; at most ${MAX_MULTI_VALUES} are accepted`);
    }
    value.forEach((item, i) => check(item, name, `${label}[${i}]`, depth + 1));
    return;
  }
  if (isObject(value)) {
    // Sub-attributes are named from the top-level attribute: `emails.value`.
    const top = name.split('.')[0];
    for (const [key, item] of Object.entries(value)) {
      const sub = top ? `${top}.${key.toLowerCase()}` : key.toLowerCase();
      check(item, sub, `${label}.${key}`, depth + 1);
    }
  }
}

/** Throws invalidValue when a canonical resource exceeds a limit of ./limits.ts. */
export function checkResourceLimits(resource: Json): void {
  for (const [key, value] of Object.entries(resource)) {
    // Extension blocks (`urn:…`) hold attributes named from their own schema.
    if (key.includes(':') && isObject(value)) {
      for (const [attr, item] of Object.entries(value)) check(item, attr.toLowerCase(), `${key}:${attr}`, 2);
    } else check(value, key.toLowerCase(), key, 1);
  }
  const { members: _members, ...rest } = resource;
  const bytes = Buffer.byteLength(JSON.stringify(rest));
  if (bytes > MAX_RESOURCE_BYTES) throw invalidValue(`the resource is ${bytes} bytes as JSON; at most ${MAX_RESOURCE_BYTES} are accepted`);
}
