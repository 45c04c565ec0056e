// Hostile request generator for the fuzz test (fuzz.test.ts): a seeded PRNG
// (mulberry32, so a failure replays from its seed), valid request templates
// for the SCIM, host and admin surfaces, and mutations that turn them hostile
// (NUL, lone surrogates, huge strings, deep nesting, wrong types, huge and
// negative numbers, unicode oddities, malformed JSON, wrong content types,
// bad paths, filters, PATCH operations, ids and query parameters).

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

export interface FuzzRequest {
  surface: 'scim' | 'host' | 'admin';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** JSON text (possibly malformed) or undefined for no body. */
  payload?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

const HUGE = (n: number) => 'x'.repeat(n);

/** Strings that break naive storage or comparison. */
export const HOSTILE_STRINGS: readonly string[] = [
  'a\u0000b',
  '\u0000',
  'x\ud800',
  '\udfffy',
  '\ud83d',
  HUGE(300),
  HUGE(1025),
  HUGE(12 * 1024),
  HUGE(70 * 1024),
  '',
  ' ',
  '\u202eevil\u202c',
  'a\u200bb\ufeff',
  'e\u0301\u0301\u0301',
  '\uffff\ufffe',
  '😀'.repeat(600),
  '"; drop table users; --',
  "' or 1=1 --",
  '%00',
  '../../etc/passwd',
  '\\u0000',
  'null',
  '1e308',
];

/** Values of the wrong type for wherever a string or object is expected. */
export const WRONG_TYPES: readonly unknown[] = [0, -1, 1e308, -1e308, 1e20, 1.5, true, false, null, [], [1, 'a'], {}, { a: { b: 1 } }, [[[]]]];

export function hostileValue(rng: Rng): unknown {
  return rng.chance(0.6) ? rng.pick(HOSTILE_STRINGS) : rng.pick(WRONG_TYPES);
}

/** JSON text nested `depth` levels deep (built as text: no recursion to build or print it). */
export function deepJson(depth: number, rng: Rng): string {
  return rng.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A copy of `value` with one member, element or key replaced by something hostile. */
export function mutate(value: unknown, rng: Rng, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object' || rng.chance(0.15)) return hostileValue(rng);
  if (Array.isArray(value)) {
    if (value.length === 0 || rng.chance(0.1)) return [...value, hostileValue(rng)];
    const i = rng.int(value.length);
    return value.map((v, j) => (j === i ? mutate(v, rng, depth + 1) : v));
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 || rng.chance(0.1)) return { ...(value as object), [rng.pick(HOSTILE_STRINGS.slice(0, 6))]: 'v' };
  const i = rng.int(entries.length);
  return Object.fromEntries(entries.map(([k, v], j) => [k, j === i ? mutate(v, rng, depth + 1) : v]));
}

const MALFORMED = ['{', '{"a":', '[1,]', '{"a":1}}', 'nul', '"\\ud800"', '{"userName":"a\\u0000"}', '\u0000', '{"a":1e99999}', '﻿{}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '{"startIndex":99999999999999999999,"count":1e308,"filter":"userName pr"}'];
const CONTENT_TYPES = ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', '*/*', 'application/scim+json'];

/** A body: mostly the template mutated; sometimes malformed, deep, or the template as is. */
export function bodyFor(template: unknown, rng: Rng): Pick<FuzzRequest, 'payload' | 'contentType'> {
  const roll = rng.next();
  if (roll < 0.2) return { payload: JSON.stringify(template) };
  if (roll < 0.7) return { payload: JSON.stringify(mutate(template, rng)) };
  if (roll < 0.78) return { payload: rng.pick(MALFORMED) };
  if (roll < 0.84) return { payload: deepJson(rng.pick([40, 100, 5000]), rng) };
  if (roll < 0.9) return { payload: JSON.stringify(template), contentType: rng.pick(CONTENT_TYPES) };
  if (roll < 0.95) return { payload: JSON.stringify(hostileValue(rng)) };
  return { payload: JSON.stringify({ wrap: template, pad: HUGE(rng.pick([100, 300_000])) }) };
}

/** Ids for path segments: real ones most of the time, hostile ones otherwise. */
export function idFor(known: readonly string[], rng: Rng): string {
  if (known.length > 0 && rng.chance(0.5)) return known[rng.int(known.length)];
  return rng.pick([
    '%00',
    'a%00b',
    '%ED%A0%80',
    '%F0%9F%98%80',
    '%E2%80%AE',
    '%zz',
    '%',
    'x'.repeat(90),
    'x'.repeat(2000),
    '00000000-0000-0000-0000-000000000000',
    '..%2F..%2Fetc',
    '-1',
    '1e308',
    'null',
    '%22%27',
  ]);
}

const QUERY_VALUES = ['', '%00', 'a%00', '%ED%A0%80', '1e308', '99999999999999999999', '-99999999999999999999', '-1', '0', 'NaN', 'abc', '%FF', 'x'.repeat(9000), '1.5', '0x10', ' 5 '];

/** A query string from real parameter names with valid or hostile values. */
export function queryFor(names: readonly string[], valid: Record<string, string>, rng: Rng): string {
  const parts: string[] = [];
  for (const name of names) {
    if (!rng.chance(0.5)) continue;
    const value = rng.chance(0.4) && valid[name] !== undefined ? encodeHostile(valid[name]) : rng.pick(QUERY_VALUES);
    parts.push(`${rng.chance(0.1) ? name.toUpperCase() : name}=${value}`);
    if (rng.chance(0.05)) parts.push(`${name}=${value}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export const FILTERS: readonly string[] = [
  'userName eq "a"',
  'userName co "%00"',
  'userName eq "a\u0000"',
  'userName sw "\ud800"',
  `userName co "${HUGE(600)}"`,
  `${'('.repeat(60)}userName pr${')'.repeat(60)}`,
  Array.from({ length: 1200 }, (_, i) => `a${i} pr`).join(' or '),
  'emails[type eq "work" and value co "@"]',
  'emails[value co "x"].value eq "y"',
  'members[value eq "x"]',
  'meta.lastModified gt "not a date"',
  'meta.lastModified gt "2026-01-01T00:00:00Z"',
  'active eq 1e308',
  'active eq tru',
  'name.givenName ew "é"',
  'displayName eq null',
  'userName eq',
  'not (',
  ')',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "x"',
  'x'.repeat(9000),
  'id eq "%ED%A0%80"',
];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** encodeURIComponent that writes a lone surrogate as its (invalid) UTF-8 bytes instead of throwing. */
export function encodeHostile(text: string): string {
  return text.split(LONE_SURROGATE).map(encodeURIComponent).join('%ED%A0%80');
}

const VERSIONS = ['W/"99999999999999999999"', 'W/"-1"', 'W/"1e308"', '*', 'W/""', '"1"', 'W/"abc"', 'W/"1", W/"2"', 'x'.repeat(4000)];

/** Sometimes an odd If-Match (RFC 7644 §3.14): versions are integers on the wire. */
export function versionHeaders(rng: Rng): Record<string, string> | undefined {
  return rng.chance(0.15) ? { 'if-match': rng.pick(VERSIONS) } : undefined;
}

