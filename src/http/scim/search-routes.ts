// RFC 7644 §3.4.3: POST /.search at the root searches Users and Groups
// together. A filter that cannot apply to a resource type (it names an
// attribute that type lacks) simply matches none of that type. Users come
// first, then Groups, so paging across both stays stable.

import type { FastifyInstance } from 'fastify';
import type { ScimContext } from './scim-context.js';
import { parseListParams, searchBodyParams } from './list-query.js';
import { checkFilter } from '../../scim/filter/check-filter.js';
import { project } from '../../scim/project.js';
import { ScimError } from '../../scim/errors.js';
import { renderGroup, renderUser, listResponse, cursorListResponse } from './render.js';
import { cursorScope } from './list-routes.js';
import { decodeCursor, encodeCursor, type KeysetPosition } from '../../domain/directory/list-cursor.js';
import type { ListQuery } from '../../domain/directory/types.js';
import type { UserView } from '../../domain/directory/users.js';
import type { GroupView } from '../../domain/directory/groups.js';
import { wantsMembers } from './group-routes.js';
import type { Filter } from '../../scim/filter/ast.js';
import type { ResourceSchema } from '../../scim/schema/types.js';

function applies(filter: Filter | undefined, schema: ResourceSchema): boolean {
  if (!filter) return true;
  try {
    checkFilter(filter, schema);
    return true;
  } catch (error) {
    if (error instanceof ScimError) return false;
    throw error;
  }
}

export function registerSearchRoutes(app: FastifyInstance, ctx: ScimContext): void {
  const { users, groups, registry } = ctx.services;

  /**
   * RFC 9865 at the root: Users first, then Groups, as with startIndex. The
   * position says which of the two it is in; `seq` 0 is the start of Groups.
   */
  const cursorSearch = async (
    query: ListQuery,
    position: KeysetPosition | undefined,
    kinds: { forUsers: boolean; forGroups: boolean },
    teamId: string,
    render: (kind: 'User' | 'Group', result: { views: unknown[] }) => Record<string, unknown>[],
    members: boolean,
  ): Promise<{ total: number; resources: Record<string, unknown>[]; next?: KeysetPosition }> => {
    const inGroups = position?.phase === 'Group';
    const resources: Record<string, unknown>[] = [];
    let total = 0;
    let next: KeysetPosition | undefined;
    if (kinds.forUsers) {
      // In the Groups part, the users still count in totalResults.
      const after = inGroups ? undefined : position && { seq: position.seq, key: position.key };
      const page = await users.list(teamId, { ...query, count: inGroups ? 0 : query.count, cursor: { after } });
      total += page.total;
      resources.push(...render('User', page));
      if (page.next) next = { ...page.next, phase: 'User' };
    }
    if (kinds.forGroups) {
      const after = inGroups && position.seq > 0 ? { seq: position.seq, key: position.key } : undefined;
      const remaining = next ? 0 : query.count - resources.length;
      const page = await groups.list(teamId, { ...query, count: remaining, cursor: { after } }, { members });
      total += page.total;
      resources.push(...render('Group', page));
      if (page.next) next = { ...page.next, phase: 'Group' };
      else if (!next && remaining === 0 && query.count > 0 && !inGroups && page.total > 0) next = { seq: 0, phase: 'Group' };
    }
    return { total, resources, ...(next ? { next } : {}) };
  };

  app.post('/.search', async (request) => {
    const { query, projection, cursor } = parseListParams(searchBodyParams(request.body), ctx.limits);
    const forUsers = applies(query.filter, registry.user);
    const forGroups = applies(query.filter, registry.group);
    if (query.filter && !forUsers && !forGroups) checkFilter(query.filter, registry.user);
    if (cursor !== undefined) {
      const scope = cursorScope(request.teamId, '/.search', query);
      const page = await cursorSearch(query, decodeCursor(scope, cursor), { forUsers, forGroups }, request.teamId, (kind, result) => {
        if (kind === 'User') return result.views.map((v) => project(renderUser(v as UserView, request.scimBaseUrl), projection, registry.user));
        return result.views.map((v) => project(renderGroup(v as GroupView, request.scimBaseUrl), projection, registry.group));
      }, wantsMembers(projection));
      return cursorListResponse(page.total, page.resources, page.next ? encodeCursor(scope, page.next) : undefined);
    }
    const offset = query.startIndex - 1;
    const resources: Record<string, unknown>[] = [];
    let total = 0;
    if (forUsers) {
      const page = await users.list(request.teamId, { ...query, startIndex: offset + 1 });
      total += page.total;
      resources.push(...page.views.map((v) => project(renderUser(v, request.scimBaseUrl), projection, registry.user)));
    }
    if (forGroups) {
      const skipped = Math.max(0, offset - total);
      const remaining = query.count - resources.length;
      const page = await groups.list(request.teamId, { ...query, startIndex: skipped + 1, count: Math.max(0, remaining) }, { members: wantsMembers(projection) });
      total += page.total;
      resources.push(...page.views.map((v) => project(renderGroup(v, request.scimBaseUrl), projection, registry.group)));
    }
    return listResponse(total, query.startIndex, resources);
  });
}
