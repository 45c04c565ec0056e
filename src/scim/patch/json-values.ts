// RFC 7644 §3.5.2: the small JSON helpers PATCH needs to compare and locate
// values. "If the target location already contains the value specified, no
// changes SHOULD be made" needs a deep equality; attribute names are
// case-insensitive (RFC 7643 §2.1), so keys are found without regard to case.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values; object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The key of `obj` that names `name`: the exact key first, then any case. */
export function findKey(obj: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

export function getMember(obj: JsonObject, name: string): unknown {
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}

/** Writes `obj[name]`, dropping any differently-cased spelling of the same key. */
export function setMember(obj: JsonObject, name: string, value: unknown): void {
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k !== name && k.toLowerCase() === lower) delete obj[k];
  obj[name] = value;
}

export function deleteMember(obj: JsonObject, name: string): void {
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) delete obj[k];
}

/** RFC 7643 §2.5: null, an empty array and absence are the same state. */
export function isUnassigned(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** Entra ID sends booleans as "True"/"False"; `primary` is read either way. */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}
