// Users and groups as the IdP pushed them, for the dashboard: search, filter
// (status, group), sort on an allowlist of columns, page; a group's members
// with their status, by startIndex or keyset cursor. They are read-only here (PRODUCT.md rule 3): every attempt to change
// them is refused with a message that points to the IdP.

import type { FastifyInstance } from 'fastify';
import type { AdminContext } from './admin-context.js';
import { guard } from './route-guard.js';
import { badRequest, managedByIdp } from './api-error.js';
import type { AttrPath, Filter } from '../../scim/filter/ast.js';
import { MAX_START_INDEX } from '../../scim/limits.js';
import type { StoredResource } from '../../domain/directory/types.js';
import { memberBodies, memberBody } from './member-profile.js';
import { cursorParam, pagingFields, withCursor } from './list-cursor-paging.js';

type TeamParams = { teamId: string };
type Query = { q?: string; status?: string; startIndex?: string; count?: string; sortBy?: string; sortOrder?: string; group?: string; after?: string; cursor?: string };

/** The users list's sortable columns (the dashboard's headers), and the SCIM attribute each sorts by. */
const USER_SORTS: Record<string, AttrPath> = {
  userName: { attr: 'userName' },
  name: { attr: 'displayName' },
  status: { attr: 'active' },
  lastModified: { attr: 'meta', sub: 'lastModified' },
};

function userSort(query: Query): { sortBy?: AttrPath; sortOrder: 'ascending' | 'descending' } {
  if (query.sortOrder !== undefined && query.sortOrder !== 'ascending' && query.sortOrder !== 'descending') throw badRequest('sortOrder must be "ascending" or "descending"');
  if (query.sortBy !== undefined && !Object.hasOwn(USER_SORTS, query.sortBy)) throw badRequest(`sortBy must be one of: ${Object.keys(USER_SORTS).join(', ')}`);
  return { sortBy: query.sortBy === undefined ? undefined : USER_SORTS[query.sortBy], sortOrder: query.sortOrder ?? 'ascending' };
}

/** A member page's keyset cursor: the last row's added_at, seq and id, opaque to the client. */
const encodeCursor = (last: { addedAt: string; seq: number | string; id: string }) => Buffer.from(JSON.stringify([last.addedAt, String(last.seq), last.id])).toString('base64url');

function decodeCursor(after: string | undefined): { addedAt: string; seq: number; id: string } | undefined {
  if (after === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const [addedAt, seq, id] = Array.isArray(parsed) && parsed.length === 3 ? (parsed as unknown[]) : [];
  if (typeof addedAt !== 'string' || typeof seq !== 'string' || !/^\d{1,19}$/.test(seq) || typeof id !== 'string' || after.length > 512) {
    throw badRequest('after must be the nextCursor of a previous page');
  }
  return { addedAt, seq: Number(seq), id };
}

const MAX_PAGE = 200;

function paging(query: Query) {
  const startIndex = query.startIndex === undefined ? 1 : Number(query.startIndex);
  const count = query.count === undefined ? 50 : Number(query.count);
  if (!Number.isInteger(startIndex) || startIndex < 1 || startIndex > MAX_START_INDEX) throw badRequest(`startIndex must be a whole number from 1 to ${MAX_START_INDEX}`);
  if (!Number.isInteger(count) || count < 0 || count > MAX_PAGE) throw badRequest(`count must be a whole number from 0 to ${MAX_PAGE}`);
  return { startIndex, count };
}

const or = (...filters: Filter[]): Filter => filters.reduce((left, right) => ({ kind: 'Or', left, right }));
const and = (left: Filter | undefined, right: Filter | undefined): Filter | undefined => (left && right ? { kind: 'And', left, right } : (left ?? right));
const contains = (attr: string, value: string, sub?: string): Filter => ({ kind: 'Compare', path: { attr, sub }, op: 'co', value });

function userFilter(query: Query): Filter | undefined {
  const q = query.q?.trim();
  const search = q ? or(contains('userName', q), contains('displayName', q), contains('emails', q, 'value'), { kind: 'Compare', path: { attr: 'externalId' }, op: 'eq', value: q }) : undefined;
  if (query.status !== undefined && query.status !== 'active' && query.status !== 'suspended') throw badRequest('status must be "active" or "suspended"');
  const status: Filter | undefined = query.status ? { kind: 'Compare', path: { attr: 'active' }, op: 'eq', value: query.status === 'active' } : undefined;
  return and(search, status);
}

function groupSummary(group: StoredResource, memberCount?: number) {
  return {
    id: group.id,
    displayName: group.resource.displayName,
    externalId: group.resource.externalId ?? null,
    ...(memberCount !== undefined ? { memberCount } : {}),
    created: group.created,
    lastModified: group.lastModified,
    managedBy: 'idp' as const,
  };
}

export function registerDirectoryAdminRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services } = ctx;

  app.get<{ Params: TeamParams; Querystring: Query }>('/teams/:teamId/users', guard.role('member'), async (request) => {
    const cursor = cursorParam(request.query);
    const { startIndex, count } = paging(request.query);
    const group = request.query.group;
    // An unknown group is a 404 here, not an empty list that looks like a filter result.
    if (group !== undefined) await services.groups.get(request.params.teamId, group, { members: false });
    const filter = userFilter(request.query);
    const sort = userSort(request.query);
    const scope = { teamId: request.params.teamId, list: 'admin users', filter, ...sort, extra: group };
    const { total, views, next } = await services.users.list(request.params.teamId, withCursor({ filter, ...sort, startIndex, count }, scope, cursor), group);
    return { totalResults: total, ...pagingFields(scope, cursor, startIndex, next), items: await memberBodies(services, request.params.teamId, views) };
  });

  app.get<{ Params: TeamParams & { id: string } }>('/teams/:teamId/users/:id', guard.role('member'), async (request) => {
    return memberBody(services, request.params.teamId, await services.users.get(request.params.teamId, request.params.id));
  });

  app.get<{ Params: TeamParams; Querystring: Query }>('/teams/:teamId/groups', guard.role('member'), async (request) => {
    const cursor = cursorParam(request.query);
    const { startIndex, count } = paging(request.query);
    const q = request.query.q?.trim();
    const query = { filter: q ? contains('displayName', q) : undefined, sortBy: { attr: 'displayName' }, sortOrder: 'ascending' as const, startIndex, count };
    const scope = { teamId: request.params.teamId, list: 'admin groups', ...query };
    const { total, views, next } = await services.groups.list(request.params.teamId, withCursor(query, scope, cursor), { members: false });
    const counts = await services.groups.memberCounts(request.params.teamId, views.map((v) => v.group.id));
    return { totalResults: total, ...pagingFields(scope, cursor, startIndex, next), items: views.map((v) => groupSummary(v.group, counts.get(v.group.id) ?? 0)) };
  });

  app.get<{ Params: TeamParams & { id: string } }>('/teams/:teamId/groups/:id', guard.role('member'), async (request) => {
    const { group } = await services.groups.get(request.params.teamId, request.params.id, { members: false });
    const counts = await services.groups.memberCounts(request.params.teamId, [group.id]);
    return groupSummary(group, counts.get(group.id) ?? 0);
  });

  app.get<{ Params: TeamParams & { id: string }; Querystring: Query }>('/teams/:teamId/groups/:id/members', guard.role('member'), async (request) => {
    // `cursor` is the RFC 9865 name of `after` (an empty one: the first page).
    const cursor = cursorParam(request.query);
    if (cursor !== undefined && request.query.after !== undefined) throw badRequest('after and cursor are the same parameter: give one');
    const { startIndex, count } = paging(request.query);
    const after = decodeCursor(cursor === '' ? undefined : (cursor ?? request.query.after));
    const page = await services.groups.membersPage(request.params.teamId, request.params.id, { after, startIndex, count });
    return { totalResults: page.total, startIndex: after || cursor !== undefined ? null : startIndex, items: page.members, nextCursor: page.last ? encodeCursor(page.last) : null };
  });

  // Read-only: every write on users and groups is refused, pointing at the IdP.
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    for (const url of ['/teams/:teamId/users', '/teams/:teamId/users/:id', '/teams/:teamId/groups', '/teams/:teamId/groups/:id', '/teams/:teamId/groups/:id/members']) {
      app.route({
        method,
        url,
        ...guard.role('member'),
        handler: async () => {
          throw managedByIdp(url.includes('/groups') ? 'Groups and their members' : 'Users');
        },
      });
    }
  }
}
