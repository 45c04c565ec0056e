// RFC 7644 §4: /ServiceProviderConfig, /ResourceTypes and /Schemas, from the
// same registry that validates and projects resources.

import type { FastifyInstance } from 'fastify';
import type { ScimContext } from './scim-context.js';
import { tokenEndpointUrl } from './oauth-token-plugin.js';
import { notFound } from '../../scim/errors.js';
import { resourceTypeById, resourceTypes, schemaById, schemas, serviceProviderConfig } from '../../scim/schema/discovery.js';

export function registerDiscoveryRoutes(app: FastifyInstance, ctx: ScimContext): void {
  app.get('/ServiceProviderConfig', async (request) =>
    serviceProviderConfig({
      baseUrl: request.scimBaseUrl,
      oauthTokenEndpoint: tokenEndpointUrl(ctx.publicUrl, request.teamId),
      bulk: { maxOperations: ctx.limits.bulkMaxOperations, maxPayloadSize: ctx.limits.bulkMaxPayloadBytes },
      filter: { maxResults: ctx.limits.maxResults },
      pagination: { defaultPageSize: ctx.limits.defaultCount },
    }),
  );

  app.get('/ResourceTypes', async (request) => resourceTypes(request.scimBaseUrl));

  app.get<{ Params: { id: string } }>('/ResourceTypes/:id', async (request) => {
    const found = resourceTypeById(request.scimBaseUrl, request.params.id);
    if (!found) throw notFound(`no resource type "${request.params.id}"`);
    return found;
  });

  app.get('/Schemas', async (request) => schemas(request.scimBaseUrl));

  app.get<{ Params: { id: string } }>('/Schemas/:id', async (request) => {
    const found = schemaById(request.scimBaseUrl, request.params.id);
    if (!found) throw notFound(`no schema "${request.params.id}"`);
    return found;
  });
}
