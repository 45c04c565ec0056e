// Which identity provider sent a SCIM request, and whether it was the IdP's
// "test connection" call. Heuristics from what each IdP is documented or
// observed to send (test/fixtures/idp/CHECKLIST.md): the User-Agent first
// (`Okta SCIM Client 1.0.0`), then the shape of the request (Entra's
// capitalised PATCH ops and "False" strings, OneLogin's SCIM 1.0 URNs).

export const IDPS = ['okta', 'entra', 'onelogin', 'jumpcloud', 'ping', 'google', 'authentik', 'unknown'] as const;
export type Idp = (typeof IDPS)[number];

const BY_AGENT: [RegExp, Idp][] = [
  [/okta/i, 'okta'],
  [/microsoft|azure|\baad\b|entra/i, 'entra'],
  [/onelogin/i, 'onelogin'],
  [/jumpcloud/i, 'jumpcloud'],
  [/pingidentity|pingfederate|pingone|\bping ?identity\b/i, 'ping'],
  [/google/i, 'google'],
  [/authentik/i, 'authentik'],
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function bodyHints(body: unknown): Idp | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { schemas?: unknown; Operations?: unknown };
  const schemas = Array.isArray(b.schemas) ? b.schemas.map(String) : [];
  if (schemas.some((s) => s.startsWith('http://schemas.microsoft.com/'))) return 'entra';
  if (schemas.some((s) => s.startsWith('urn:scim:schemas:core:1.0'))) return 'onelogin';
  if (Array.isArray(b.Operations)) {
    const ops = b.Operations as { op?: unknown; value?: unknown }[];
    // Entra (default mode) writes "Add"/"Replace"/"Remove" and "False"/"True".
    if (ops.some((o) => typeof o.op === 'string' && /^(Add|Replace|Remove)$/.test(o.op))) return 'entra';
    if (ops.some((o) => o.value === 'False' || o.value === 'True')) return 'entra';
  }
  return undefined;
}

export function detectIdp(userAgent: string | undefined, body?: unknown): Idp {
  if (userAgent) for (const [pattern, idp] of BY_AGENT) if (pattern.test(userAgent)) return idp;
  return bodyHints(body) ?? 'unknown';
}

/**
 * The IdP's own connection test, recognised by its request:
 * Okta `GET /Users?startIndex=1&count=2`; Entra (and OneLogin) a filter on
 * `userName` / `displayName` equal to a random GUID; authentik and others
 * `GET /ServiceProviderConfig`. Returns the kind of probe, or null.
 */
export function detectProbe(method: string, path: string, query: URLSearchParams): string | null {
  if (method !== 'GET') return null;
  const resource = /\/(Users|Groups|ServiceProviderConfig)\/?$/i.exec(path)?.[1]?.toLowerCase();
  if (!resource) return null;
  if (resource === 'serviceproviderconfig') return 'discovery';
  const filter = query.get('filter');
  if (!filter && resource === 'users' && query.get('startIndex') === '1' && query.get('count') === '2') return 'okta';
  const match = filter ? /^\s*(userName|displayName)\s+eq\s+"([^"]*)"\s*$/i.exec(filter) : null;
  if (match && GUID.test(match[2])) return 'guid-lookup';
  return null;
}
