// RFC 7644 §3.10 (attribute notation), §3.5.2 (PATCH "path") and §3.4.2.5
// (`attributes` / `excludedAttributes`): attribute paths as written by
// clients, parsed but not resolved. Resolution against the schema registry
// (case-insensitive, extension URNs) is the caller's job.
//
// A bare schema URN (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`)
// is syntactically indistinguishable from `schema:attr`, so it comes back split
// at its last colon ({ schema: 'urn:…:2.0', attr: 'User' }). Callers that
// accept bare extension URNs (PATCH paths, attribute lists) recognise one by
// checking `${schema}:${attr}` against the known extension URNs first.

import type { AttrPath, Filter, PatchPath } from './filter/ast.js';
import { isAttrName, splitAttrPath, tokenize } from './filter/lexer.js';
import { parseValueFilter } from './filter/parse-filter.js';
import { ScimError, invalidPath } from './errors.js';

const ATTR_PATH_SHAPE = 'expected [schema URN ":"] attribute ["." sub-attribute], names starting with a letter';

/** `userName`, `name.givenName`, `urn:…:User:employeeNumber`, `urn:…:User:manager.value`. */
export function parseAttrPath(text: string): AttrPath {
  const path = splitAttrPath(text);
  if (!path) throw invalidPath(`"${text}" is not a valid attribute path: ${ATTR_PATH_SHAPE}`);
  return path;
}

/**
 * RFC 7644 §3.5.2: PATH = attrPath / valuePath [subAttr].
 * Throws invalidPath for a malformed path and invalidFilter for a malformed
 * filter inside the brackets (whose paths are relative to the element).
 */
export function parsePatchPath(text: string): PatchPath {
  const trimmed = text.trim();
  if (trimmed === '') throw invalidPath('PATCH path is empty');
  const open = trimmed.indexOf('[');
  if (open < 0) return { path: parseAttrPath(trimmed) };

  const path = parseAttrPath(trimmed.slice(0, open));
  if (path.sub !== undefined) {
    throw invalidPath(`"${trimmed}": a value filter must follow an attribute, not a sub-attribute`);
  }
  const close = tokenize(trimmed).find((t) => t.kind === ']');
  if (!close) throw invalidPath(`"${trimmed}": missing "]" after the value filter`);
  const closeAt = close.pos;
  const filter = parseValueFilter(trimmed.slice(open + 1, closeAt), open + 1);

  const rest = trimmed.slice(closeAt + 1);
  if (rest === '') return { path, filter };
  const subAttr = rest.slice(1);
  if (!rest.startsWith('.') || !isAttrName(subAttr)) {
    throw invalidPath(`"${trimmed}": expected nothing or "." and a sub-attribute name after "]"`);
  }
  return { path, filter, subAttr };
}

/**
 * One entry of `attributes` / `excludedAttributes`: an attribute path, or a
 * value path (`emails[type eq "work"]`, `emails[type eq "work"].value`,
 * which Microsoft's SCIM validator sends) whose filter selects the values
 * the entry is about. A value path's sub-attribute is `sub`.
 */
export interface AttrSelector extends AttrPath {
  filter?: Filter;
}

/**
 * RFC 7644 §3.4.2.5: the comma-separated `attributes` / `excludedAttributes`
 * parameter. Whitespace around names and empty entries are ignored; commas
 * inside a value filter (`[value eq "a,b"]`) do not separate entries.
 */
export function parseAttributeList(text: string): AttrSelector[] {
  return splitEntries(text)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(parseSelector);
}

function parseSelector(text: string): AttrSelector {
  if (!text.includes('[')) return parseAttrPath(text);
  let parsed: PatchPath;
  try {
    parsed = parsePatchPath(text);
  } catch (err) {
    if (err instanceof ScimError) throw invalidPath(`"${text}" is not a valid attribute or value path: ${err.message}`);
    throw err;
  }
  const { path, filter, subAttr } = parsed;
  return { ...path, ...(subAttr !== undefined ? { sub: subAttr } : {}), ...(filter ? { filter } : {}) };
}

/** Splits at commas outside brackets and quoted strings. */
function splitEntries(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
