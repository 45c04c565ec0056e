// RFC 7644 §3.4.2 and §3.4.3: a resource type's list, reachable as
// GET /<Type>?… and POST /<Type>/.search with the same parameters in a body.
// Both parse, check the filter against the type's schema, fetch and answer
// a ListResponse the same way; only the fetch differs per resource type.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ListQuery } from '../../domain/directory/types.js';
import type { ResourceSchema } from '../../scim/schema/types.js';
import { checkFilter } from '../../scim/filter/check-filter.js';
import { parseListParams, searchBodyParams, type Projection } from './list-query.js';
import { sendList } from './respond.js';
import type { ScimLimits } from './scim-context.js';

export type FetchPage = (
  request: FastifyRequest,
  query: ListQuery,
  projection: Projection,
) => Promise<{ total: number; resources: Record<string, unknown>[] }>;

export function registerListRoutes(app: FastifyInstance, options: { endpoint: string; schema: ResourceSchema; limits: ScimLimits; fetch: FetchPage }): void {
  const { endpoint, schema, limits, fetch } = options;
  const answer = async (request: FastifyRequest, params: Record<string, unknown>) => {
    const { query, projection } = parseListParams(params, limits);
    if (query.filter) checkFilter(query.filter, schema);
    const { total, resources } = await fetch(request, query, projection);
    return { total, startIndex: query.startIndex, resources, schema, projection };
  };
  app.get(endpoint, async (request, reply) => sendList(reply, await answer(request, request.query as Record<string, unknown>)));
  app.post(`${endpoint}/.search`, async (request, reply) => sendList(reply, await answer(request, searchBodyParams(request.body))));
}
