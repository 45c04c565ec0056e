// One line per SCIM request for the activity log, in an admin's words: what
// the IdP asked for (RFC 7644 §3.3 create, §3.4 read/list/search, §3.5.1
// replace, §3.5.2 patch, §3.6 delete, §3.7 bulk) and what it changed. Built
// from the request alone, after the answer, so it costs the request nothing.

export type Operation = 'create' | 'read' | 'list' | 'search' | 'replace' | 'patch' | 'delete' | 'bulk' | 'discovery' | 'other';

export interface RequestFacts {
  method: string;
  /** Path below the team's SCIM base URL, e.g. `/Users/123`. */
  path: string;
  query: URLSearchParams;
  status: number;
  body: unknown;
  /** The Location header of a 201, which names a created resource. */
  location?: string;
}

export interface RequestSummary {
  operation: Operation;
  resourceType: string | null;
  resourceId: string | null;
  userName: string | null;
  summary: string;
}

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const isFalse = (v: unknown) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false');
const isTrue = (v: unknown) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');

function ops(body: unknown): { op: string; path: string; value: unknown }[] {
  const list = asObject(body).Operations;
  return Array.isArray(list) ? list.map((o) => ({ op: String(asObject(o).op ?? '').toLowerCase(), path: String(asObject(o).path ?? ''), value: asObject(o).value })) : [];
}

/** Counts member additions and removals in a group PATCH (§3.5.2), and a new name. */
function groupPatch(body: unknown): string {
  let added = 0;
  let removed = 0;
  let renamed: string | null = null;
  for (const o of ops(body)) {
    const members = /^members/i.test(o.path);
    const count = Array.isArray(o.value) ? o.value.length : 1;
    if (members && o.op === 'add') added += count;
    else if (members && o.op === 'remove' && o.path.toLowerCase() === 'members' && o.value === undefined) return 'removed all members';
    else if (members && o.op === 'remove') removed += count;
    else if (members && o.op === 'replace') return 'replaced the member list';
    if (/^displayName$/i.test(o.path) && o.op === 'replace') renamed = str(o.value);
    if (!o.path && o.op === 'replace') renamed = str(asObject(o.value).displayName) ?? renamed;
  }
  const parts = [added ? `added ${plural(added, 'member')}` : '', removed ? `removed ${plural(removed, 'member')}` : '', renamed ? `renamed to "${renamed}"` : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'changed its attributes';
}

function userPatch(body: unknown): string {
  const list = ops(body);
  for (const o of list) {
    const active = o.path.toLowerCase() === 'active' ? o.value : !o.path ? asObject(o.value).active : undefined;
    if (active !== undefined && isFalse(active)) return 'deactivated';
    if (active !== undefined && isTrue(active)) return list.length === 1 ? 'reactivated' : `reactivated and changed ${plural(list.length - 1, 'attribute')}`;
  }
  const paths = list.flatMap((o) => (o.path ? [o.path] : Object.keys(asObject(o.value))));
  return paths.length ? `changed ${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ', …' : ''}` : 'changed nothing';
}

export function summarizeRequest(facts: RequestFacts): RequestSummary {
  const { method, query, status } = facts;
  const segments = facts.path.split('/').filter(Boolean);
  const [collection, id] = segments;
  const body = asObject(facts.body);
  const ok = status < 400;
  const type = collection === 'Users' ? 'User' : collection === 'Groups' ? 'Group' : null;
  const noun = type === 'User' ? 'user' : 'group';
  const createdId = facts.location ? facts.location.split('/').pop() ?? null : null;
  const name = type === 'User' ? str(body.userName) : str(body.displayName);
  const result = (operation: Operation, summary: string, resourceId: string | null = id ?? null): RequestSummary => ({
    operation,
    resourceType: type ?? (collection === 'Bulk' ? 'Bulk' : collection && !['.search'].includes(collection) ? collection : null),
    resourceId,
    userName: type === 'User' ? name : null,
    summary: ok ? summary : `${summary} (refused)`,
  });

  if (collection === 'Bulk' && method === 'POST') {
    const n = Array.isArray(body.Operations) ? body.Operations.length : 0;
    return result('bulk', `Bulk request with ${plural(n, 'operation')}`);
  }
  if (collection === '.search' || id === '.search') {
    return result('search', `Searched ${type ? `${noun}s` : 'all resources'}${str(body.filter) ? ` where ${str(body.filter)}` : ''}`, null);
  }
  // The team's OAuth token endpoint (client credentials; http/scim/oauth-token-plugin.ts).
  if (collection === 'oauth' && id === 'token' && method === 'POST') {
    const client = str(body.client_id);
    return { operation: 'other', resourceType: null, resourceId: null, userName: null, summary: `${ok ? 'Issued an access token' : 'Access token request'}${client ? ` for OAuth client ${client}` : ''}${ok ? '' : ' (refused)'}` };
  }
  if (!type) return result('discovery', `Read ${collection ?? 'the base URL'}${id ? `/${id}` : ''}`);
  if (method === 'GET' || method === 'HEAD') {
    if (id) return result('read', `Read ${noun} ${id}`);
    const filter = query.get('filter');
    return result('list', filter ? `Looked up ${noun}s where ${filter}` : `Listed ${noun}s${query.get('count') ? ` (count ${query.get('count')})` : ''}`, null);
  }
  if (method === 'POST' && !id) {
    const members = Array.isArray(body.members) ? body.members.length : 0;
    const what = `${noun} ${name ? `"${name}"` : ''}`.trim();
    const extra = type === 'Group' && members ? ` with ${plural(members, 'member')}` : '';
    return result('create', `${ok ? 'Created' : 'Create'} ${what}${extra}`, ok ? createdId : null);
  }
  if (method === 'PUT' && id) {
    const deactivated = type === 'User' && isFalse(body.active) ? ' (inactive)' : '';
    const members = type === 'Group' && Array.isArray(body.members) ? ` with ${plural(body.members.length, 'member')}` : '';
    return result('replace', `Replaced ${noun} ${name ? `"${name}"` : id}${members}${deactivated}`);
  }
  if (method === 'PATCH' && id) return result('patch', `Updated ${noun} ${id}: ${type === 'Group' ? groupPatch(facts.body) : userPatch(facts.body)}`);
  if (method === 'DELETE' && id) return result('delete', `Deleted ${noun} ${id}`);
  return result('other', `${method} ${facts.path}`);
}
