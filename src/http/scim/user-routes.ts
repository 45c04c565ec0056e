// RFC 7644 §3.3–3.6 for /Users. Routes stay thin: parse → service → render.

import type { FastifyInstance } from 'fastify';
import type { ScimContext } from './scim-context.js';
import { renderUser } from './render.js';
import { parseProjection } from './list-query.js';
import { ifMatch, notModified, sendResource } from './respond.js';
import { registerListRoutes } from './list-routes.js';

type IdParams = { teamId: string; id: string };

export function registerUserRoutes(app: FastifyInstance, ctx: ScimContext): void {
  const { users, registry } = ctx.services;
  const schema = registry.user;

  registerListRoutes(app, {
    endpoint: '/Users',
    schema,
    limits: ctx.limits,
    fetch: async (request, query) => {
      const { total, views, next } = await users.list(request.teamId, query);
      return { total, resources: views.map((v) => renderUser(v, request.scimBaseUrl)), next };
    },
  });

  app.post('/Users', async (request, reply) => {
    const view = await users.create(request.teamId, request.body);
    const resource = renderUser(view, request.scimBaseUrl);
    return sendResource(reply, { status: 201, resource, version: view.user.version, schema, projection: parseProjection(request.query as Record<string, unknown>) });
  });

  app.get<{ Params: IdParams }>('/Users/:id', async (request, reply) => {
    const projection = parseProjection(request.query as Record<string, unknown>);
    const view = await users.get(request.teamId, request.params.id);
    if (notModified(request, reply, view.user.version)) return reply;
    return sendResource(reply, { status: 200, resource: renderUser(view, request.scimBaseUrl), version: view.user.version, schema, projection });
  });

  app.put<{ Params: IdParams }>('/Users/:id', async (request, reply) => {
    const projection = parseProjection(request.query as Record<string, unknown>);
    const view = await users.replace(request.teamId, request.params.id, request.body, ifMatch(request));
    return sendResource(reply, { status: 200, resource: renderUser(view, request.scimBaseUrl), version: view.user.version, schema, projection });
  });

  app.patch<{ Params: IdParams }>('/Users/:id', async (request, reply) => {
    const projection = parseProjection(request.query as Record<string, unknown>);
    const view = await users.patch(request.teamId, request.params.id, request.body, ifMatch(request));
    return sendResource(reply, { status: 200, resource: renderUser(view, request.scimBaseUrl), version: view.user.version, schema, projection });
  });

  app.delete<{ Params: IdParams }>('/Users/:id', async (request, reply) => {
    await users.delete(request.teamId, request.params.id, ifMatch(request));
    return reply.code(204).send();
  });
}
