// Input limits of every surface (SCIM, /api/v1, /api/admin), in one place and
// documented in docs/scim.md ("Limits"). RFC 7644 §3.12 leaves the bounds to
// the service provider; these keep hostile input out of the database:
// PostgreSQL rejects U+0000 in text and index rows over ~2.7 KB, lone UTF-16
// surrogates collide as U+FFFD once encoded, and unbounded strings or nesting
// cost every tenant time (`co` filters, recursive walks).

/** Deepest nesting of arrays and objects accepted in any JSON body. */
export const MAX_JSON_DEPTH = 32;
/** Longest value of an attribute that is indexed or compared case-insensitively. */
export const MAX_IDENTIFIER_LENGTH = 512;
/** Longest value of any other string, anywhere in a resource or body. */
export const MAX_STRING_LENGTH = 64 * 1024;
/** Most values of one multi-valued attribute (Group `members` excepted: the body size bounds it). */
export const MAX_MULTI_VALUES = 1000;
/** Largest stored resource, as JSON text without Group `members`. */
export const MAX_RESOURCE_BYTES = 256 * 1024;
/** Longest `filter` query parameter or .search `filter` (the parser also bounds depth and nodes). */
export const MAX_FILTER_LENGTH = 8192;
/** Longest operand of a filter comparison (`co`, `sw`, `ew` scan text). */
export const MAX_FILTER_OPERAND_LENGTH = MAX_IDENTIFIER_LENGTH;
/** Largest startIndex honoured; beyond it the page is empty anyway. */
export const MAX_START_INDEX = 2 ** 31 - 1;

/**
 * Attributes with an identifier limit, as `attr` or `attr.sub` (lower case),
 * whatever the resource type: they are stored in indexed columns (userName,
 * externalId, displayName, emails.value) or matched as ids (members.value).
 */
export const IDENTIFIER_ATTRIBUTES = new Set(['username', 'externalid', 'displayname', 'emails.value', 'members.value', 'members.display']);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not valid Unicode)';
  return undefined;
}

/** Where a problem was found (a JSON path such as `Operations[0].data.userName`) and what it is. */
export interface InputProblem {
  where: string;
  problem: string;
}

function child(where: string, key: string | number): string {
  if (typeof key === 'number') return `${where}[${key}]`;
  const safe = textProblem(key) ? JSON.stringify(key).slice(0, 40) : key.slice(0, 60);
  return where ? `${where}.${safe}` : safe;
}

/**
 * The first reason parsed JSON is hostile: nesting deeper than `maxDepth`, or
 * a key or string value that is not storable text. Iterative, so a deep value
 * cannot exhaust the stack; it stops at the first problem.
 */
export function findHostileJson(value: unknown, where = 'body', maxDepth = MAX_JSON_DEPTH): InputProblem | undefined {
  const stack: [unknown, string, number][] = [[value, where, 0]];
  while (stack.length > 0) {
    const [v, at, depth] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { where: at, problem };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { where: at, problem: `is nested deeper than ${maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], child(at, i), depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
      const problem = textProblem(key);
      if (problem) return { where: at, problem: `has a key that ${problem}` };
      stack.push([item, child(at, key), depth + 1]);
    }
  }
  return undefined;
}

/** Human text for an InputProblem, e.g. `body.userName contains the NUL character (U+0000)`. */
export const describeProblem = (p: InputProblem): string => `${p.where} ${p.problem}`;
