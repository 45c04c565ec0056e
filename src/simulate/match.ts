// How a replay judges an answer (test/fixtures/idp/README.md, "Matching"):
// a partial deep match where objects need only the listed keys and each
// expected array element must match some actual element, with value
// matchers `$any`, `$type:…`, `$regex:…`, `$ci:…`, `$loose:…`.

const TYPES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  'nonempty-string': (v) => typeof v === 'string' && v.length > 0,
  number: (v) => typeof v === 'number',
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  array: Array.isArray,
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  null: (v) => v === null,
};

function matchString(expected: string, actual: unknown): boolean {
  if (expected === '$any') return actual !== undefined;
  if (expected.startsWith('$type:')) return TYPES[expected.slice(6)]?.(actual) ?? false;
  if (expected.startsWith('$regex:')) return typeof actual === 'string' && new RegExp(expected.slice(7)).test(actual);
  if (expected.startsWith('$ci:')) return typeof actual === 'string' && actual.toLowerCase() === expected.slice(4).toLowerCase();
  if (expected.startsWith('$loose:')) return actual !== undefined && actual !== null && String(actual) === expected.slice(7);
  return actual === expected;
}

/** SCIM attribute names are case-insensitive (RFC 7643 §2.1). */
function property(actual: Record<string, unknown>, key: string): unknown {
  if (key in actual) return actual[key];
  const lower = key.toLowerCase();
  const found = Object.keys(actual).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : actual[found];
}

/** Paths where `actual` differs from what `expected` asks for (empty: it matches). */
export function mismatches(expected: unknown, actual: unknown, path = '$'): string[] {
  if (typeof expected === 'string') return matchString(expected, actual) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    return expected.flatMap((e, i) => (actual.some((a) => mismatches(e, a).length === 0) ? [] : [`${path}[${i}]: no element matches ${JSON.stringify(e)}`]));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([k, e]) => mismatches(e, property(actual as Record<string, unknown>, k), `${path}.${k}`));
  }
  return expected === actual ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** `absent` entries: `a.b` walks keys; `["a.b"]` (a JSON array) names keys that contain dots. */
export function presentPaths(paths: string[], body: unknown): string[] {
  return paths.filter((p) => {
    const segments: string[] = p.startsWith('[') ? JSON.parse(p) : p.split('.');
    let node: unknown = body;
    for (const s of segments) {
      if (node === null || typeof node !== 'object') return false;
      node = property(node as Record<string, unknown>, s);
    }
    return node !== undefined;
  });
}

/** A value at a dotted path (`Resources.0.id`), as `capture` reads it. */
export function valueAt(body: unknown, path: string): unknown {
  let node = body;
  for (const s of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(s)] : property(node as Record<string, unknown>, s);
  }
  return node;
}
