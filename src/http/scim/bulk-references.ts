// RFC 7644 §3.7.2: `bulkId:<id>` references inside a bulk request. A
// reference is a whole string value in `data`, or the id segment of an
// operation's `path` (`/Users/bulkId:qwerty`); it resolves to the id of the
// resource the POST with that bulkId created.

const PREFIX = 'bulkId:';
const PATH_REFERENCE = /^(\/(?:Users|Groups)\/)bulkId:([^/?#]+)$/i;

export class UnresolvedReference extends Error {
  constructor(readonly bulkId: string) {
    super(`bulkId:${bulkId} is not resolved`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Replaces every "bulkId:<id>" string inside `value` with the created id.
 * What holds no reference is returned as it is, not copied: most operations
 * (an IdP's creates) hold none, and copying each cost more than the walk.
 */
export function resolveReferences(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith(PREFIX)) return value;
    const bulkId = value.slice(PREFIX.length);
    const id = ids.get(bulkId);
    if (id === undefined) throw new UnresolvedReference(bulkId);
    return id;
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v, i) => {
      const resolved = resolveReferences(v, ids);
      if (resolved !== v) (out ??= [...value])[i] = resolved;
    });
    return out ?? value;
  }
  if (isObject(value)) {
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const resolved = resolveReferences(value[key], ids);
      if (resolved !== value[key]) (out ??= { ...value })[key] = resolved;
    }
    return out ?? value;
  }
  return value;
}

/** `/Users/bulkId:qwerty` → `/Users/<id>`; other paths unchanged. */
export function resolvePath(path: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof path !== 'string') return path;
  const match = PATH_REFERENCE.exec(path.trim());
  if (!match) return path;
  const id = ids.get(match[2]);
  if (id === undefined) throw new UnresolvedReference(match[2]);
  return `${match[1]}${id}`;
}

function references(value: unknown, bulkIds: ReadonlySet<string>): boolean {
  if (typeof value === 'string') return value.startsWith(PREFIX) && bulkIds.has(value.slice(PREFIX.length));
  if (Array.isArray(value)) return value.some((v) => references(v, bulkIds));
  if (isObject(value)) return Object.values(value).some((v) => references(v, bulkIds));
  return false;
}

/**
 * `value` without what refers to one of `bulkIds`: list elements and object
 * members that hold such a reference are left out. RFC 7644 §3.7.1's circular
 * example (two groups that contain each other) is resolved by creating each
 * resource this way first, then writing the whole data once every id exists.
 */
export function withoutReferences(value: unknown, bulkIds: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.filter((v) => !references(v, bulkIds)).map((v) => withoutReferences(v, bulkIds));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && references(v, bulkIds)) continue;
      out[k] = withoutReferences(v, bulkIds);
    }
    return out;
  }
  return value;
}
