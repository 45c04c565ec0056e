// RFC 7644 §3.4.2 and §3.4.3: a resource type's list, reachable as
// GET /<Type>?… and POST /<Type>/.search with the same parameters in a body.
// Both parse, check the filter against the type's schema, fetch and answer
// a ListResponse the same way; only the fetch differs per resource type.
// With `cursor` (RFC 9865) the page is read by keyset and answers nextCursor.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ListQuery } from '../../domain/directory/types.js';
import type { ResourceSchema } from '../../scim/schema/types.js';
import { checkFilter } from '../../scim/filter/check-filter.js';
import { decodeCursor, encodeCursor, type CursorScope, type KeysetPosition } from '../../domain/directory/list-cursor.js';
import { parseListParams, searchBodyParams, type Projection } from './list-query.js';
import { sendList } from './respond.js';
import type { ScimLimits } from './scim-context.js';

export type FetchPage = (
  request: FastifyRequest,
  query: ListQuery,
  projection: Projection,
) => Promise<{ total: number; resources: Record<string, unknown>[]; next?: KeysetPosition }>;

/** What a cursor of this list is bound to: the team, the list, its filter and its sort. */
export function cursorScope(teamId: string, list: string, query: ListQuery): CursorScope {
  return { teamId, list, filter: query.filter, sortBy: query.sortBy, sortOrder: query.sortOrder };
}

export function registerListRoutes(app: FastifyInstance, options: { endpoint: string; schema: ResourceSchema; limits: ScimLimits; fetch: FetchPage }): void {
  const { endpoint, schema, limits, fetch } = options;
  const answer = async (request: FastifyRequest, params: Record<string, unknown>) => {
    const { query, projection, cursor } = parseListParams(params, limits);
    if (query.filter) checkFilter(query.filter, schema);
    const scope = cursorScope(request.teamId, endpoint, query);
    if (cursor !== undefined) query.cursor = { after: decodeCursor(scope, cursor) };
    const { total, resources, next } = await fetch(request, query, projection);
    const nextCursor = cursor !== undefined ? (next ? encodeCursor(scope, next) : null) : undefined;
    return { total, startIndex: query.startIndex, resources, schema, projection, nextCursor };
  };
  app.get(endpoint, async (request, reply) => sendList(reply, await answer(request, request.query as Record<string, unknown>)));
  app.post(`${endpoint}/.search`, async (request, reply) => sendList(reply, await answer(request, searchBodyParams(request.body))));
}
