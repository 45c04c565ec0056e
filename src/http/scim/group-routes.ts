// RFC 7644 §3.3–3.6 for /Groups. Members are read only when the response
// will show them (Entra sends excludedAttributes=members), and a PATCH
// answers 204 so its cost never depends on the size of the group. A full GET
// of a large group streams its members (group-stream.ts).

import type { FastifyInstance } from 'fastify';
import type { ScimContext } from './scim-context.js';
import { renderGroup } from './render.js';
import { parseProjection, type Projection } from './list-query.js';
import { ifMatch, notModified, sendResource } from './respond.js';
import { registerListRoutes } from './list-routes.js';
import { sendGroupStream } from './group-stream.js';
import { etagOf } from '../../scim/etag.js';
import type { AttrSelector } from '../../scim/path.js';

type IdParams = { teamId: string; id: string };

const namesMembers = (paths: AttrSelector[] | undefined, whole: boolean) =>
  paths?.some((p) => p.attr.toLowerCase() === 'members' && !(whole && (p.sub || p.filter))) ?? false;

/** Whether the projected response would contain `members`. */
export function wantsMembers(projection: Projection): boolean {
  if (projection.attributes) return namesMembers(projection.attributes, false);
  // `members[value eq "x"]` leaves out some members only: the others are read.
  return !namesMembers(projection.excludedAttributes, true);
}

export function registerGroupRoutes(app: FastifyInstance, ctx: ScimContext): void {
  const { groups, registry } = ctx.services;
  const schema = registry.group;

  registerListRoutes(app, {
    endpoint: '/Groups',
    schema,
    limits: ctx.limits,
    fetch: async (request, query, projection) => {
      const { total, views, next } = await groups.list(request.teamId, query, { members: wantsMembers(projection) });
      return { total, resources: views.map((v) => renderGroup(v, request.scimBaseUrl)), next };
    },
  });

  app.post('/Groups', async (request, reply) => {
    const view = await groups.create(request.teamId, request.body);
    const resource = renderGroup(view, request.scimBaseUrl);
    return sendResource(reply, { status: 201, resource, version: view.group.version, schema, projection: parseProjection(request.query as Record<string, unknown>) });
  });

  app.get<{ Params: IdParams }>('/Groups/:id', async (request, reply) => {
    const projection = parseProjection(request.query as Record<string, unknown>);
    const read = await groups.read(request.teamId, request.params.id, { members: wantsMembers(projection) });
    const { group, stream } = read;
    if (notModified(request, reply, group.version)) {
      await stream?.close();
      return reply;
    }
    if (stream) return sendGroupStream(reply, { group, stream, baseUrl: request.scimBaseUrl, schema, projection });
    return sendResource(reply, { status: 200, resource: renderGroup(read, request.scimBaseUrl), version: group.version, schema, projection });
  });

  app.put<{ Params: IdParams }>('/Groups/:id', async (request, reply) => {
    const projection = parseProjection(request.query as Record<string, unknown>);
    const view = await groups.replace(request.teamId, request.params.id, request.body, ifMatch(request));
    return sendResource(reply, { status: 200, resource: renderGroup(view, request.scimBaseUrl), version: view.group.version, schema, projection });
  });

  app.patch<{ Params: IdParams }>('/Groups/:id', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const view = await groups.patch(request.teamId, request.params.id, request.body, ifMatch(request));
    const projection = parseProjection(query);
    // RFC 7644 §3.5.2: 204 unless the client asked for attributes back.
    if (!projection.attributes && !projection.excludedAttributes) {
      return reply.code(204).header('ETag', etagOf(view.group.version)).send();
    }
    const full = await groups.get(request.teamId, request.params.id, { members: wantsMembers(projection) });
    return sendResource(reply, { status: 200, resource: renderGroup(full, request.scimBaseUrl), version: full.group.version, schema, projection });
  });

  app.delete<{ Params: IdParams }>('/Groups/:id', async (request, reply) => {
    await groups.delete(request.teamId, request.params.id, ifMatch(request));
    return reply.code(204).send();
  });
}
