// Keeps the user-facing documentation true of the code: docs/openapi.json
// against the routes the app registers and the answers it really gives,
// docs/events.md against EVENT_TYPES and the payloads the services write,
// docs/scim.md against the configured limits and its own examples.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, patchBody, TEST_LIMITS, USER_SCHEMA, type ScimResponse, type TestApp } from './helpers/test-app.js';
import { signInAdmin, type AdminClient } from './helpers/admin-session.js';
import { walkSso } from './sso/helpers/docs-walk.js';
import { walkOidc } from './oidc/docs-walk.js';
import { walkRealtime } from './events/docs-walk.js';
import { walkSpend } from './spend/docs-walk.js';
import { walkAdmins, walkEmailSignIn } from './api/admins-docs-walk.js';
import { walkScimOAuth } from './scim/oauth-docs-walk.js';
import { walkDashboard } from './browser/docs-walk.js';
import { walkTeams } from './teams/docs-walk.js';
import { EVENT_TYPES } from '../src/domain/events.js';
import { OPTIONS, type OptionName } from '../src/config/options.js';
import { MAX_PATCH_OPERATIONS } from '../src/scim/patch/parse-patch-request.js';
import { MAX_FILTER_DEPTH, MAX_FILTER_NODES } from '../src/scim/filter/parse-filter.js';

type Json = Record<string, unknown>;
interface Described {
  content?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const openapi = JSON.parse(read('docs/openapi.json')) as { openapi: string; paths: Record<string, Record<string, Json>> };
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** URLs the walk calls as they are; any other is a SCIM path under the team's base URL. */
const NOT_SCIM = /^\/(healthz|readyz|metrics|sign-in|setup|assets\/|api\/|sso\/|oidc\/|$)/;
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function resolve<T>(node: unknown): T {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  if (!ref) return node as T;
  const target = ref.slice(2).split('/').reduce<unknown>((at, key) => (at as Json | undefined)?.[key], openapi);
  if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
  return resolve<T>(target);
}

/** Every documented operation as "METHOD /path/{param}". */
const documented = new Set(
  Object.entries(openapi.paths).flatMap(([path, item]) => HTTP_METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`)),
);

/** Routes from fastify's printRoutes() tree; HEAD is left out (fastify adds it to every GET). */
function registeredRoutes(tree: string): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    const path = (depth > 0 ? stack[depth - 1] : '') + m[2];
    stack.length = depth;
    stack.push(path);
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) out.add(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return out;
}

/** The documented path template a concrete URL falls under; literal segments beat parameters. */
function templateOf(method: string, url: string): string | undefined {
  const path = url.split('?')[0];
  const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return Object.keys(openapi.paths)
    .filter((t) => openapi.paths[t][method.toLowerCase()])
    .filter((t) => new RegExp(`^${t.split(/\{\w+\}/).map(escape).join('[^/]+')}$`).test(path))
    .sort((a, b) => a.split('{').length - b.split('{').length)[0];
}

describe('docs/openapi.json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('is an OpenAPI 3.1 document whose $refs and path parameters all resolve', () => {
    expect(openapi.openapi).toMatch(/^3\.1\.\d+$/);
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      if (typeof (node as Json).$ref === 'string') resolve(node);
      Object.values(node).forEach(walk);
    };
    walk(openapi);
    for (const [path, item] of Object.entries(openapi.paths)) {
      for (const method of HTTP_METHODS.filter((m) => item[m])) {
        const params = [...(((item as Json).parameters as unknown[]) ?? []), ...((item[method].parameters as unknown[]) ?? [])].map((p) => resolve<{ name: string; in: string }>(p));
        for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
          expect(params.some((p) => p.in === 'path' && p.name === name), `${method} ${path} declares {${name}}`).toBe(true);
        }
      }
    }
  });

  it('documents every route the app registers, and no route it lacks', () => {
    const registered = registeredRoutes(t.app.printRoutes({ commonPrefix: false }));
    expect([...registered].sort()).toEqual([...documented].sort());
    for (const op of documented) {
      const [method, path] = op.split(' ');
      expect(t.app.hasRoute({ method: method as 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') }), op).toBe(true);
    }
  });

  it('lists exactly the scimType values of src/scim/errors.ts (RFC 7644 §3.12)', () => {
    const union = /export type ScimType =([^;]+);/.exec(read('src/scim/errors.ts'))?.[1] ?? '';
    const error = resolve<{ properties: { scimType: { enum: string[] } } }>({ $ref: '#/components/schemas/Error' });
    expect(error.properties.scimType.enum.sort()).toEqual([...union.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort());
  });

  it('lists the status, content type and headers of every answer in a walk through the whole API', async () => {
    const exercised = new Set<string>();
    const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ScimResponse> => {
      // SCIM paths are relative to the team's base URL and carry its token; the
      // other surfaces are called by absolute path with their own credentials.
      const scim = !NOT_SCIM.test(url);
      const full = scim ? t.base + url : url;
      const res = (await t.app.inject({
        method: method as 'GET',
        url: full,
        headers: {
          ...(scim ? { authorization: `Bearer ${t.token}` } : {}),
          ...(body !== undefined ? { 'content-type': scim ? 'application/scim+json' : 'application/json' } : {}),
          ...headers,
        },
        payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })) as ScimResponse;
      const template = templateOf(method, full);
      const where = `${method} ${full} → ${res.statusCode}`;
      expect(template, `${where}: no documented operation`).toBeDefined();
      exercised.add(`${method} ${template}`);
      const answer = (openapi.paths[template as string][method.toLowerCase()].responses as Json)[String(res.statusCode)];
      expect(answer, `${where}: status not documented`).toBeDefined();
      const described = resolve<Described>(answer);
      expect(res.body.length > 0, `${where}: body presence`).toBe(described.content !== undefined);
      if (described.content) expect(Object.keys(described.content), where).toContain(String(res.headers['content-type']).split(';')[0]);
      for (const header of Object.keys(described.headers ?? {})) expect(res.headers[header.toLowerCase()], `${where}: header ${header}`).toBeDefined();
      return res;
    };

    for (const path of ['/healthz', '/readyz', '/metrics']) await call('GET', path);

    const user = (await call('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'walk@example.com' })).json();
    await call('POST', '/Users', { userName: 'WALK@example.com' });
    await call('POST', '/Users', '{not json');
    await call('POST', '/Users', 'x'.repeat(TEST_LIMITS.maxBodyBytes + 1));
    await call('GET', `/Users?filter=${encodeURIComponent('userName eq "walk@example.com"')}&count=5`);
    await call('GET', '/Users?filter=bad');
    await call('GET', '/Users', undefined, { authorization: 'Bearer rcs_wrong' });
    await call('POST', '/Users/.search', { filter: 'userName pr', startIndex: 1, count: 2 });
    await call('GET', `/Users/${user.id}?attributes=userName`);
    await call('GET', `/Users/${user.id}`, undefined, { 'if-none-match': user.meta.version });
    await call('PUT', `/Users/${user.id}`, { userName: 'walk@example.com', displayName: 'Walk' });
    await call('PUT', `/Users/${user.id}`, { userName: 'walk@example.com' }, { 'if-match': 'W/"1"' });
    await call('PATCH', `/Users/${user.id}`, patchBody({ op: 'replace', path: 'active', value: false }));

    const group = (await call('POST', '/Groups', { displayName: 'Walkers', members: [{ value: user.id }] })).json();
    await call('POST', '/Groups', { displayName: 'Ghosts', members: [{ value: 'no-such-id' }] });
    await call('GET', '/Groups?excludedAttributes=members');
    await call('POST', '/Groups/.search', { filter: 'displayName eq "Walkers"' });
    await call('GET', `/Groups/${group.id}`);
    await call('PUT', `/Groups/${group.id}`, { displayName: 'Walkers' });
    await call('PATCH', `/Groups/${group.id}`, patchBody({ op: 'remove', path: `members[value eq "${user.id}"]` }));
    await call('PATCH', `/Groups/${group.id}?excludedAttributes=members`, patchBody({ op: 'replace', path: 'displayName', value: 'Walkers 2' }));

    await call('POST', '/.search', { filter: 'displayName pr' });
    await call('POST', '/Bulk', { Operations: [{ method: 'POST', path: '/Users', bulkId: 'b1', data: { userName: 'bulk@example.com' } }] });
    const tooMany = Array.from({ length: TEST_LIMITS.bulkMaxOperations + 1 }, (_, i) => ({ method: 'DELETE', path: `/Users/x${i}` }));
    await call('POST', '/Bulk', { Operations: tooMany });

    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/User', '/ResourceTypes/Nope', '/Schemas', `/Schemas/${USER_SCHEMA}`, '/Schemas/nope']) {
      await call('GET', path);
    }
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) await call(method, '/Me', method === 'GET' || method === 'DELETE' ? undefined : {});

    await call('GET', '/sign-in');
    await walkDashboard(call, { services: t.services });
    const owner = await signInAdmin(t, 'walk-owner@example.com');
    const member = await signInAdmin(t, 'walk-member@example.com', 'member');
    const as = (c: AdminClient) => ({ cookie: c.cookie, 'x-csrf-token': c.csrf });
    const { secret: link } = await t.services.adminAccess.createSignInLink((await t.services.adminAccess.grant(t.teamId, 'walk-owner@example.com', 'owner')).id);
    const session = (await call('POST', '/api/admin/sessions', { link })).json();
    await call('POST', '/api/admin/sessions', { link });
    await call('POST', '/api/admin/sessions', {});
    await call('GET', '/api/admin/me', undefined, as(owner));
    await call('GET', '/api/admin/me');
    await call('GET', '/api/admin/sessions', undefined, as(owner));
    await call('DELETE', `/api/admin/sessions/${session.sessionId}`, undefined, { cookie: owner.cookie });
    await call('DELETE', `/api/admin/sessions/${session.sessionId}`, undefined, as(owner));
    await call('DELETE', `/api/admin/sessions/${session.sessionId}`, undefined, as(owner));
    const admin = `/api/admin/teams/${t.teamId}`;
    await call('GET', admin, undefined, as(member));
    await call('GET', '/api/admin/teams/no-such-team', undefined, as(owner));
    await call('GET', `${admin}/scim-tokens`, undefined, as(owner));
    await call('GET', `${admin}/scim-tokens`, undefined, as(member));
    // The SSO gate: no SCIM token before SSO is active (409); the SSO walk leaves it active.
    await call('POST', `${admin}/scim-tokens`, { label: 'Too early' }, as(owner));
    await walkSso(call, { services: t.services, teamId: t.teamId, ownerEmail: 'walk-owner@example.com', owner: as(owner), member: as(member) });
    await walkOidc(call, { services: t.services, teamId: t.teamId });
    await walkScimOAuth(call, { teamId: t.teamId, owner: as(owner), member: as(member) });
    const { token } = (await call('POST', `${admin}/scim-tokens`, { label: 'Walk' }, as(owner))).json();
    await call('POST', `${admin}/scim-tokens`, { label: 5 }, as(owner));
    await call('POST', `${admin}/scim-tokens`, {}, as(member));
    await call('DELETE', `${admin}/scim-tokens/${token.id}`, undefined, as(owner));
    await call('DELETE', `${admin}/scim-tokens/no-such-token`, undefined, as(owner));
    await call('GET', `${admin}/users?q=walk&status=suspended&count=10`, undefined, as(member));
    await call('GET', `${admin}/users?status=gone`, undefined, as(member));
    await call('GET', `${admin}/users/${user.id}`, undefined, as(member));
    await call('GET', `${admin}/users/no-such-user`, undefined, as(member));
    await call('GET', `${admin}/groups?q=walk`, undefined, as(member));
    await call('GET', `${admin}/groups/${group.id}`, undefined, as(member));
    await call('GET', `${admin}/groups/${group.id}/members?startIndex=1&count=5`, undefined, as(member));
    await call('GET', `${admin}/groups/${group.id}/members?count=201`, undefined, as(member));
    for (const url of [`${admin}/users`, `${admin}/users/${user.id}`, `${admin}/groups`, `${admin}/groups/${group.id}`, `${admin}/groups/${group.id}/members`]) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) await call(method, url, method === 'DELETE' ? undefined : {}, as(member));
    }
    await call('PATCH', `${admin}/users/${user.id}`, { active: true }, { cookie: member.cookie });
    await call('POST', `${admin}/groups`, '{not json', as(owner));
    await call('DELETE', `/api/admin/teams/no-such-team/users/${user.id}`, undefined, as(owner));
    await walkRealtime(call, { services: t.services, teamId: t.teamId, userId: user.id, owner: as(owner), member: as(member) });
    await walkSpend(call, { services: t.services, teamId: t.teamId, owner: as(owner), member: as(member) });
    await walkTeams(call, { services: t.services, teamId: t.teamId, owner: as(owner), member: as(member) });
    await walkEmailSignIn(call);
    await walkAdmins(call, { services: t.services, teamId: t.teamId, ownerEmail: 'walk-owner@example.com', owner: as(owner), member: as(member) });
    await call('POST', '/api/admin/sign-out', undefined, { cookie: owner.cookie });
    await call('POST', '/api/admin/sign-out', undefined, as(owner));
    await call('POST', '/api/admin/sign-out', undefined, as(owner));

    const key = { authorization: `Bearer ${(await t.services.apiKeys.create({ label: 'walk' })).secret}` };
    const host = `/api/v1/teams/${t.teamId}`;
    await call('GET', host, undefined, key);
    await call('GET', host, undefined, { authorization: `Bearer ${t.token}` });
    await call('GET', '/api/v1/teams/no-such-team', undefined, key);
    await call('GET', `${host}/members?count=1`, undefined, key);
    await call('GET', `${host}/members?count=1001`, undefined, key);
    await call('GET', `${host}/members?group=${group.id}&active=true&department=Sales&updatedSince=2026-01-01T00:00:00Z`, undefined, key);
    await call('GET', `${host}/members?updatedSince=yesterday`, undefined, key);
    await call('GET', `${host}/members/${encodeURIComponent('WALK@example.com')}?by=userName`, undefined, key);
    await call('GET', `${host}/members/walk?by=phone`, undefined, key);
    await call('GET', `${host}/members/no-such-member`, undefined, key);
    for (const url of [`${host}/members`, `${host}/members/${user.id}`]) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) await call(method, url, method === 'DELETE' ? undefined : {}, key);
    }

    await call('DELETE', `/Groups/${group.id}`);
    await call('DELETE', `/Users/${user.id}`);
    await call('GET', `/Users/${user.id}`);
    expect([...documented].filter((op) => !exercised.has(op))).toEqual([]);
  });
});

/** Dotted key paths of the objects in a JSON value (arrays are leaves). */
function shape(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [prefix + k, ...shape(v, `${prefix + k}.`)]);
}

describe('docs/events.md', () => {
  const page = read('docs/events.md');
  const examples = new Map(
    [...page.matchAll(/^### `([\w.]+)`\n[\s\S]*?```json\n([\s\S]*?)```/gm)].map((m) => [m[1], JSON.parse(m[2]) as Json]),
  );

  it('has one section with a JSON example for each event type, and no other', () => {
    const headings = [...page.matchAll(/^### `([\w.]+)`$/gm)].map((m) => m[1]);
    expect(headings.sort()).toEqual([...EVENT_TYPES].sort());
    expect([...examples.keys()].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('shows the envelope and payload keys the services really write, in the documented order', async () => {
    const t = await createTestApp('sqlite');
    try {
      const user = (await t.scim('POST', '/Users', { userName: 'ev@example.com', emails: [{ value: 'ev@example.com' }] })).json();
      const other = (await t.scim('POST', '/Users', { userName: 'other@example.com' })).json();
      const group = (await t.scim('POST', '/Groups', { displayName: 'Ev', members: [{ value: user.id }, { value: other.id }] })).json();
      await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'replace', value: { active: 'False' } }));
      await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'replace', path: 'active', value: true }));
      await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'replace', path: 'displayName', value: 'Ev 2' }, { op: 'remove', path: 'members', value: [{ value: other.id }] }));
      await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'replace', path: 'externalId', value: 'g-1' }));
      await t.scim('DELETE', `/Users/${user.id}`);
      await t.scim('DELETE', `/Groups/${group.id}`);
      const { token } = await t.services.tokens.create(t.teamId, { label: 'second', allowWithoutSso: true });
      await t.services.tokens.revoke(token.id);
      const { client } = await t.services.scimOAuth.create(t.teamId, { label: 'Entra', allowWithoutSso: true });
      await t.services.scimOAuth.rotate(client.clientId);
      await t.services.scimOAuth.revoke(client.clientId);

      const events = await t.services.store.events.listAfter(t.services.store.db, t.teamId, 0, 1000);
      // SSO events need a sign-in through an IdP: test/sso/sso.admin-api.test.ts checks them against this page.
      // webhook.* needs an endpoint that keeps failing: test/events/webhooks.docs.test.ts checks it against this page.
      // spend.* needs limits and usage: test/spend/spend.docs.test.ts checks them against this page.
      // admin.* needs a signed-in owner: test/api/admins.test.ts checks them against this page.
      // token.expiring needs a token near its expiry: test/events/diagnostics.test.ts checks it against this page.
      // team.* and plan.changed are on the installation stream: test/teams/team-events.docs.test.ts checks them against this page.
      const installationWide = (type: string) => type.startsWith('team.') || type === 'plan.changed';
      for (const type of EVENT_TYPES.filter((type) => !type.startsWith('sso.') && !type.startsWith('webhook.') && !type.startsWith('spend.') && !type.startsWith('admin.') && type !== 'token.expiring' && !installationWide(type))) {
        const written = events.filter((e) => e.type === type);
        expect(written.length, `no ${type} was written`).toBeGreaterThan(0);
        expect(shape(examples.get(type)).sort(), type).toEqual([...new Set(written.flatMap((e) => shape(e)))].sort());
      }
      const types = events.map((e) => e.type);
      // A suspension follows its update; a rename precedes the member changes of
      // the same request; a deleted user's removals precede user.deleted.
      expect(types.indexOf('user.suspended')).toBe(types.indexOf('user.updated') + 1);
      expect(types.indexOf('group.member_removed')).toBe(types.indexOf('group.renamed') + 1);
      expect(types.indexOf('user.deleted')).toBe(types.lastIndexOf('group.member_removed') + 1);
      expect(events.find((e) => e.type === 'user.deleted')?.resourceId).toBe(user.id);
    } finally {
      await t.close();
    }
  });
});

describe('docs/scim.md', () => {
  const page = read('docs/scim.md');
  const row = (needle: string) => page.split('\n').find((line) => line.startsWith('|') && line.includes(needle)) ?? `(no row with ${needle})`;

  it('states each SCIM limit with the default src/config/options.ts gives it', () => {
    const names: OptionName[] = ['scimMaxResults', 'scimDefaultCount', 'bulkMaxOperations', 'bulkMaxPayloadBytes', 'maxBodyBytes', 'requestTimeoutMs'];
    for (const name of names) expect(row(`\`${OPTIONS[name].env}\``)).toContain(`| ${OPTIONS[name].default} |`);
    expect(row('Operations in one `PATCH`')).toContain(`| ${MAX_PATCH_OPERATIONS} |`);
    expect(row('Filter nesting depth')).toContain(`| ${MAX_FILTER_DEPTH} / ${MAX_FILTER_NODES} |`);
  });

  describe('what it claims, checked over HTTP', () => {
    let t: TestApp;
    let user: { id: string };
    beforeAll(async () => {
      t = await createTestApp('sqlite');
      user = (await t.scim('POST', '/Users', {
        userName: 'bjensen@example.com',
        externalId: '00u1a2b3c4d5e6f7g8h9',
        name: { familyName: 'Jensen' },
        emails: [{ value: 'bjensen@example.com', type: 'work' }],
        [ENTERPRISE]: { department: 'Sales' },
        password: 'hunter2',
        favouriteColour: 'teal',
      })).json();
      await t.scim('POST', '/Users', { userName: 'noemail@example.com' });
      await t.scim('POST', '/Groups', { displayName: 'Sales EMEA', members: [{ value: user.id }] });
    });
    afterAll(async () => t.close());

    it('every filter in the examples table parses and finds something (RFC 7644 §3.4.2.2)', async () => {
      const rows = [...page.matchAll(/^\| `(.+)` \| (Users|Groups) \|/gm)];
      expect(rows.length).toBeGreaterThan(5);
      for (const [, filter, endpoint] of rows) {
        const text = filter.replace('2819c223-7f76-453a-919d-413861904646', user.id);
        const res = await t.scim('GET', `/${endpoint}?filter=${encodeURIComponent(text)}`);
        expect(res.statusCode, filter).toBe(200);
        expect(res.json().totalResults, filter).toBeGreaterThan(0);
      }
    });

    it('discards password and attributes outside the schema; answers HEAD', async () => {
      const stored = (await t.scim('GET', `/Users/${user.id}?attributes=password,favouriteColour,userName`)).json();
      expect(stored).toEqual({ schemas: expect.any(Array), id: user.id, userName: 'bjensen@example.com' });
      expect((await t.scim('HEAD', `/Users/${user.id}`)).statusCode).toBe(200);
    });

    it('a user PATCH that changes nothing keeps the version', async () => {
      const res = await t.scim('PATCH', `/Users/${user.id}`, patchBody({ op: 'replace', path: 'name.familyName', value: 'Jensen' }));
      expect(res.headers.etag).toBe('W/"1"');
    });

    it('a group PUT without members keeps them; with [] empties the group (RFC 7644 §3.5.1)', async () => {
      const group = (await t.scim('POST', '/Groups', { displayName: 'Keepers', members: [{ value: user.id }] })).json();
      const kept = await t.scim('PUT', `/Groups/${group.id}`, { displayName: 'Keepers' });
      expect(kept.json().members.map((m: { value: string }) => m.value)).toEqual([user.id]);
      const emptied = await t.scim('PUT', `/Groups/${group.id}`, { displayName: 'Keepers', members: [] });
      expect(emptied.json()).not.toHaveProperty('members');
    });
  });
});
