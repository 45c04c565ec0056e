// Who is on a team, for the host product: look a member up by Rollcall id,
// userName, email or externalId, or page through them. Read-only.

import type { FastifyInstance } from 'fastify';
import type { HostContext } from './host-context.js';
import { guard, guardedTeam } from './route-guard.js';
import { ApiError, badRequest, managedByIdp, notFoundApi } from './api-error.js';
import { memberBodies, memberBody, memberFilters, type MemberFilterQuery } from './member-profile.js';
import type { Filter } from '../../scim/filter/ast.js';
import { DomainError } from '../../domain/errors.js';
import { hostTeamView } from './team-host-routes.js';
import { cursorParam, pagingFields, withCursor } from './list-cursor-paging.js';

type TeamParams = { teamId: string };
const LOOKUPS = ['id', 'userName', 'email', 'externalId'] as const;
type Lookup = (typeof LOOKUPS)[number];

const lookupFilter = (by: Lookup, value: string): Filter =>
  by === 'email'
    ? { kind: 'Compare', path: { attr: 'emails', sub: 'value' }, op: 'eq', value }
    : { kind: 'Compare', path: { attr: by }, op: 'eq', value };

export function registerMemberRoutes(app: FastifyInstance, ctx: HostContext): void {
  const { services } = ctx;

  app.get<{ Params: TeamParams }>('/teams/:teamId', guard.apiKey(), async (request) => {
    return hostTeamView(guardedTeam(request), ctx.publicUrl);
  });

  app.get<{ Params: TeamParams & { ref: string }; Querystring: { by?: string } }>('/teams/:teamId/members/:ref', guard.apiKey(), async (request) => {
    const by = (request.query.by ?? 'id') as Lookup;
    if (!LOOKUPS.includes(by)) throw badRequest(`by must be one of ${LOOKUPS.join(', ')}`);
    if (by === 'id') {
      try {
        return await memberBody(services, request.params.teamId, await services.users.get(request.params.teamId, request.params.ref));
      } catch (error) {
        if (error instanceof DomainError && error.code === 'resource.not_found') throw notFoundApi(`no member with id "${request.params.ref}"`);
        throw error;
      }
    }
    const { views } = await services.users.list(request.params.teamId, { filter: lookupFilter(by, request.params.ref), sortOrder: 'ascending', startIndex: 1, count: 2 });
    if (views.length === 0) throw notFoundApi(`no member with ${by} "${request.params.ref}"`);
    // userName and externalId are unique per team; emails are not.
    if (views.length > 1) throw new ApiError(409, 'member.ambiguous', `several members have ${by} "${request.params.ref}"; look the member up by id`);
    return memberBody(services, request.params.teamId, views[0]);
  });

  app.get<{ Params: TeamParams; Querystring: { startIndex?: string; count?: string; cursor?: string } & MemberFilterQuery }>('/teams/:teamId/members', guard.apiKey(), async (request) => {
    const cursor = cursorParam(request.query);
    const startIndex = Number(request.query.startIndex ?? 1);
    const count = Number(request.query.count ?? 100);
    if (!Number.isInteger(startIndex) || startIndex < 1 || !Number.isInteger(count) || count < 0 || count > 1000) {
      throw badRequest('startIndex must be >= 1 and count from 0 to 1000');
    }
    const { filter, group } = memberFilters(request.query);
    // An unknown group is a 404, not an empty list that looks like a filter result.
    if (group !== undefined) await services.groups.get(request.params.teamId, group, { members: false });
    const scope = { teamId: request.params.teamId, list: 'api/v1 members', filter, extra: group };
    const query = withCursor({ filter, sortOrder: 'ascending', startIndex, count }, scope, cursor);
    const { total, views, next } = await services.users.list(request.params.teamId, query, group);
    return { totalResults: total, ...pagingFields(scope, cursor, startIndex, next), items: await memberBodies(services, request.params.teamId, views) };
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    for (const url of ['/teams/:teamId/members', '/teams/:teamId/members/:ref']) {
      app.route({
        method,
        url,
        ...guard.apiKey(),
        handler: async () => {
          throw managedByIdp('Members');
        },
      });
    }
  }
}
