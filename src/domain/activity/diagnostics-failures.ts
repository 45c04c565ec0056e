// Failed IdP requests grouped by cause: the same status, error type and
// message (with the values that differ per request — quoted values, ids —
// taken out) form one cause, with a count, the latest example and a hint.

import type { StoredActivity } from './store.js';

export interface FailureGroup {
  cause: string;
  status: number;
  errorType: string | null;
  count: number;
  lastAt: string;
  example: { method: string; path: string; error: string | null; requestId: string | null; at: string };
  hint: string;
}

const HINTS: Record<string, string> = {
  uniqueness: 'The IdP tried to create something that already exists here (same userName or group name). In Okta, import users first or match on userName; in Entra ID, check the matching attribute.',
  not_found: 'The IdP refers to a user or group Rollcall does not have (deleted here, or created before a reset). Re-push it from the IdP, or unassign and reassign it.',
  invalidFilter: 'The IdP sent a filter Rollcall could not read; the error says where.',
  invalidValue: 'The IdP sent a value Rollcall cannot accept; the error names the attribute. Check the attribute mappings in the IdP.',
  invalidSyntax: 'The IdP sent a body that is not valid SCIM JSON; check custom attribute mappings or templates (OneLogin) in the IdP.',
  invalidPath: 'A PATCH named an attribute path Rollcall does not know; check the attribute mappings.',
  mutability: 'The IdP tried to change a read-only attribute.',
  noTarget: 'A PATCH filter matched nothing.',
  tooMany: 'The request asked for more results than allowed.',
  precondition_failed: 'The resource changed between the IdP reading and writing it (ETag mismatch); the IdP normally retries.',
  too_large: 'The request body was larger than the server accepts; raise ROLLCALL_MAX_BODY_BYTES or send smaller batches.',
  throttled: 'The IdP is being rate limited; it should retry later.',
  server_error: 'Rollcall failed while answering; the server log has the details under the request id.',
  forbidden: 'The request was refused for this team (for example SCIM paused because SSO is not active).',
  // The OAuth token endpoint (RFC 6749 §5.2; docs/scim.md, OAuth 2.0 client credentials).
  unsupported_grant_type: 'The IdP asked the token endpoint for another grant than client credentials; choose OAuth 2.0 client credentials as its authentication method.',
  invalid_scope: 'The IdP asked the token endpoint for a scope other than "scim"; clear the scope in its OAuth settings or set it to scim.',
  unauthorized_client: 'The token endpoint issues no access token while the team may not use SCIM (plan, or SSO disabled); the error says which.',
};

function normalize(message: string | null): string {
  if (!message) return '';
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b\d{2,}\b/g, '<n>')
    .slice(0, 200);
}

export function groupFailures(rows: StoredActivity[], limit = 20): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const r of rows) {
    const message = normalize(r.error);
    const key = `${r.status}|${r.errorType ?? ''}|${message}`;
    const found = groups.get(key);
    if (found) {
      found.count++;
      continue;
    }
    groups.set(key, {
      cause: `${r.status}${r.errorType ? ` ${r.errorType}` : ''}${message ? `: ${message}` : ''}`,
      status: r.status,
      errorType: r.errorType,
      count: 1,
      lastAt: r.at,
      example: { method: r.method, path: r.path, error: r.error, requestId: r.requestId, at: r.at },
      hint: HINTS[r.errorType ?? ''] ?? (r.status >= 500 ? HINTS.server_error : 'See the error message of the example request.'),
    });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.lastAt < b.lastAt ? 1 : -1)).slice(0, limit);
}
