// The fuzz test's request catalogue: one valid template per route family of
// the SCIM surface, the host API (/api/v1) and the admin API (/api/admin),
// turned hostile by fuzz-generator.ts. Routes that stream (SSE), sign the
// admin out or switch SSO on and off are left out: they would stop the run,
// not test input handling.

import { FILTERS, bodyFor, encodeHostile, hostileValue, idFor, queryFor, versionHeaders, type FuzzRequest, type Rng } from './fuzz-generator.js';

export interface FuzzContext {
  teamId: string;
  userIds: string[];
  groupIds: string[];
  serial: () => number;
}

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

const LIST_PARAMS = ['filter', 'startIndex', 'count', 'sortBy', 'sortOrder', 'attributes', 'excludedAttributes'];

function user(n: number) {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE],
    userName: `fuzz-${n}@example.com`,
    externalId: `ext-${n}`,
    name: { givenName: 'Fuzz', familyName: `User ${n}` },
    displayName: `Fuzz ${n}`,
    emails: [{ value: `fuzz-${n}@example.com`, type: 'work', primary: true }],
    active: true,
    [ENTERPRISE]: { department: 'QA', manager: { value: 'm-1' } },
  };
}

function patchOp(rng: Rng, ctx: FuzzContext) {
  return rng.pick([
    { op: 'replace', path: 'active', value: rng.chance(0.5) },
    { op: 'replace', value: { displayName: `Renamed ${ctx.serial()}`, 'name.givenName': 'R' } },
    { op: 'add', path: 'emails', value: [{ value: `alt-${ctx.serial()}@example.com`, type: 'home' }] },
    { op: 'remove', path: 'emails[type eq "home"]' },
    { op: 'replace', path: 'emails[type eq "work"].value', value: `w-${ctx.serial()}@example.com` },
    { op: 'add', path: 'members', value: [{ value: rng.pick(ctx.userIds.length ? ctx.userIds : ['none']) }] },
    { op: 'remove', path: `members[value eq "${rng.pick(ctx.userIds.length ? ctx.userIds : ['none'])}"]` },
    { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Ops' },
    { op: 'move', path: 'active' },
    { op: 'remove', path: '' },
    { op: 'replace', path: 'userName[', value: 'x' },
  ]);
}

function scimRequest(rng: Rng, ctx: FuzzContext): FuzzRequest {
  const base = `/scim/v2/${ctx.teamId}`;
  const userId = () => idFor(ctx.userIds, rng);
  const groupId = () => idFor(ctx.groupIds, rng);
  const members = () => (ctx.userIds.length ? [{ value: rng.pick(ctx.userIds) }] : []);
  const roll = rng.int(15);
  const scim = (method: FuzzRequest['method'], path: string, template?: unknown): FuzzRequest => ({
    surface: 'scim',
    method,
    url: base + path,
    headers: versionHeaders(rng),
    ...(template === undefined ? {} : bodyFor(template, rng)),
  });
  switch (roll) {
    case 0:
    case 1:
      return scim('POST', '/Users', user(ctx.serial()));
    case 2:
      return scim('PUT', `/Users/${userId()}`, user(ctx.serial()));
    case 3:
      return scim('PATCH', `/Users/${userId()}`, { schemas: [PATCH_OP], Operations: [patchOp(rng, ctx), ...(rng.chance(0.3) ? [patchOp(rng, ctx)] : [])] });
    case 4: {
      const filter = rng.chance(0.7) ? `&filter=${encodeHostile(rng.pick(FILTERS))}` : '';
      const query = queryFor(LIST_PARAMS, { startIndex: '1', count: '5', sortBy: 'userName', sortOrder: 'descending', attributes: 'userName' }, rng);
      return scim('GET', `/${rng.pick(['Users', 'Groups'])}${query || '?'}${filter}`);
    }
    case 5:
      return scim('GET', `/${rng.pick(['Users', 'Groups'])}/${rng.chance(0.5) ? userId() : groupId()}${queryFor(['attributes', 'excludedAttributes'], { attributes: 'id' }, rng)}`);
    case 6:
      return scim('POST', `/${rng.pick(['Users', 'Groups', ''])}/.search`, { schemas: [SEARCH], filter: rng.pick(FILTERS), startIndex: rng.pick([1, 2, 1e308, -5, '3']), count: rng.pick([1, 10, 1e20, -1]), sortBy: 'userName', attributes: ['userName'] });
    case 7:
      return scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `Group ${ctx.serial()}`, externalId: `g-${ctx.serial()}`, members: members() });
    case 8:
      return scim('PATCH', `/Groups/${groupId()}`, { schemas: [PATCH_OP], Operations: [patchOp(rng, ctx)] });
    case 9:
      return scim('PUT', `/Groups/${groupId()}`, { schemas: [GROUP_SCHEMA], displayName: `Group ${ctx.serial()}`, members: members() });
    case 10: {
      const op = { method: 'POST', path: '/Users', bulkId: `b${ctx.serial()}`, data: user(ctx.serial()) };
      const patch = { method: 'PATCH', path: `/Users/${userId()}`, data: { schemas: [PATCH_OP], Operations: [patchOp(rng, ctx)] } };
      return scim('POST', '/Bulk', { schemas: [BULK], failOnErrors: rng.pick([1, 0, null, -1]), Operations: [op, patch, { method: 'DELETE', path: `/Groups/${groupId()}` }] });
    }
    case 11:
      return scim('DELETE', `/${rng.pick(['Users', 'Groups'])}/${rng.chance(0.5) ? userId() : groupId()}`);
    case 12:
      return scim('GET', rng.pick(['/Schemas/%00', `/Schemas/${encodeHostile(USER_SCHEMA)}`, '/ResourceTypes/User', '/ResourceTypes/%ED%A0%80', '/ServiceProviderConfig?x=%00']));
    case 13:
      return scim(rng.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const), rng.pick(['/Users/a/b', '/Foo', '/Users/%00/x', '/Bulk/%00', '/Me', '/..%2F..', `/Users?filter=${encodeHostile(rng.pick(FILTERS))}`]), rng.chance(0.5) ? hostileValue(rng) : undefined);
    default:
      return scim('PATCH', `/Users/${userId()}`, { schemas: [PATCH_OP], Operations: hostileValue(rng) });
  }
}

function hostRequest(rng: Rng, ctx: FuzzContext): FuzzRequest {
  const team = rng.chance(0.9) ? ctx.teamId : idFor([], rng);
  const base = `/api/v1/teams/${team}`;
  const member = () => rng.pick([{ id: rng.pick(ctx.userIds.length ? ctx.userIds : ['x']) }, { userName: 'fuzz-1@example.com' }, { externalId: 'ext-1' }]);
  const host = (method: FuzzRequest['method'], path: string, template?: unknown): FuzzRequest => ({
    surface: 'host',
    method,
    url: path.startsWith('/api/') ? path : base + path,
    ...(template === undefined ? {} : bodyFor(template, rng)),
  });
  switch (rng.int(8)) {
    case 0:
      return host('GET', `/members${queryFor(['startIndex', 'count', 'filter', 'status', 'q', 'cursor'], { count: '3' }, rng)}`);
    case 1:
      return host('GET', `/members/${idFor(ctx.userIds, rng)}`);
    case 2:
      return host('POST', '/spend/usage', { eventId: `evt-${ctx.serial()}`, member: member(), amount: rng.pick([1, 1250, 0]), currency: 'USD', metadata: { model: 'm' } });
    case 3:
      return host('POST', '/spend/authorize', { member: member(), amount: 500, currency: 'USD', hold: rng.chance(0.5), holdTtlSeconds: 60 });
    case 4:
      return host('POST', `/spend/holds/${idFor([], rng)}/${rng.pick(['capture', 'release'])}`, { amount: 1, eventId: `c-${ctx.serial()}` });
    case 5:
      return host('GET', `/spend/members${rng.chance(0.5) ? '/' + idFor(ctx.userIds, rng) : ''}${queryFor(['startIndex', 'count'], { count: '2' }, rng)}`);
    case 6:
      return host('GET', `${rng.pick(['/events', '/api/v1/events'])}${queryFor(['after', 'limit', 'types', 'team'], { limit: '5', after: '0' }, rng)}`);
    default:
      return host('GET', rng.pick(['', '/spend/multi-group-members', `/spend/holds/${idFor([], rng)}`]));
  }
}

function adminRequest(rng: Rng, ctx: FuzzContext): FuzzRequest {
  const team = rng.chance(0.9) ? ctx.teamId : idFor([], rng);
  const base = `/api/admin/teams/${team}`;
  const admin = (method: FuzzRequest['method'], path: string, template?: unknown): FuzzRequest => ({
    surface: 'admin',
    method,
    url: path.startsWith('/api/') ? path : base + path,
    ...(template === undefined ? {} : bodyFor(template, rng)),
  });
  const limit = { amount: rng.pick([5000, 1, 0]), unlimited: rng.chance(0.1) ? true : undefined };
  switch (rng.int(12)) {
    case 0:
      return admin('GET', `/${rng.pick(['users', 'groups'])}${queryFor(['filter', 'startIndex', 'count', 'q', 'sortBy'], { count: '5' }, rng)}`);
    case 1:
      return admin('GET', `/${rng.pick(['users', 'groups'])}/${idFor([...ctx.userIds, ...ctx.groupIds], rng)}${rng.chance(0.3) ? '/members' : ''}`);
    case 2:
      return admin('GET', `/activity${queryFor(['status', 'resource', 'user', 'since', 'until', 'before', 'limit'], { status: '4xx', limit: '5' }, rng)}`);
    case 3:
      return admin('GET', rng.pick(['/activity/', '/diagnostics/members/', '/webhooks/', '/spend/members/']) + idFor(ctx.userIds, rng));
    case 4:
      return admin('PUT', rng.pick(['/spend/default', '/spend/team-cap', `/spend/group-limits/${idFor(ctx.groupIds, rng)}`, `/spend/overrides/${idFor(ctx.userIds, rng)}`]), limit);
    case 5:
      return admin('PUT', '/spend/settings', { currency: rng.pick(['USD', 'EUR']), period: { kind: 'monthly', anchor: rng.pick([1, 15, 31]) } });
    case 6:
      return admin('POST', '/spend/preview', { target: rng.pick(['default', 'team-cap', 'group']), amount: 5000 });
    case 7:
      return admin('POST', '/webhooks', { url: 'https://hooks.example.com/rollcall', events: ['user.created'], description: 'fuzz' });
    case 8:
      return admin('PATCH', `/webhooks/${idFor([], rng)}`, { enabled: false });
    case 9:
      return admin('POST', '/scim-tokens', { label: `fuzz ${ctx.serial()}`, expiresInDays: rng.pick([1, 30]) });
    case 10:
      return admin('PUT', '/sso', rng.chance(0.5) ? { kind: 'saml', metadataXml: '<EntityDescriptor/>' } : { kind: 'oidc', issuer: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's' });
    default:
      return admin('GET', rng.pick(['', '/events', '/spend/policy', '/spend/audit', '/spend/overrides', '/diagnostics', '/sso', '/scim-tokens', '/api/admin/me', '/api/admin/sessions']) + queryFor(['startIndex', 'count', 'after', 'limit'], {}, rng));
  }
}

/** The next request: SCIM half the time, the two APIs a quarter each. */
export function nextRequest(rng: Rng, ctx: FuzzContext): FuzzRequest {
  const roll = rng.next();
  return roll < 0.5 ? scimRequest(rng, ctx) : roll < 0.75 ? hostRequest(rng, ctx) : adminRequest(rng, ctx);
}
