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
import { renderGroup, renderUser, listResponse } from './render.js';
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

  app.post('/.search', async (request) => {
    const { query, projection } = parseListParams(searchBodyParams(request.body), ctx.limits);
    const forUsers = applies(query.filter, registry.user);
    const forGroups = applies(query.filter, registry.group);
    if (query.filter && !forUsers && !forGroups) checkFilter(query.filter, registry.user);
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
