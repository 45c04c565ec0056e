// A team's webhook endpoints in the admin API: create (the signing secret is
// in that answer only), list, read, change, delete, rotate the secret; the
// deliveries of an endpoint with every attempt, and manual redelivery.

import type { FastifyInstance } from 'fastify';
import type { AdminContext } from './admin-context.js';
import { guard } from './route-guard.js';
import { badRequest } from './api-error.js';
import type { EndpointInput } from '../../domain/realtime/webhooks.js';

type Params = { teamId: string; webhookId: string };
type DeliveryParams = Params & { deliveryId: string };
type DeliveriesQuery = { status?: string; before?: string; limit?: string };

export function registerWebhookRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { services } = ctx;
  const { webhooks, signal } = services.realtime;
  const body = (value: unknown): EndpointInput => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('the body must be a JSON object');
    return value as EndpointInput;
  };

  app.get<{ Params: { teamId: string } }>('/teams/:teamId/webhooks', guard.role('admin'), async (request) => {
    return { items: await webhooks.list(request.params.teamId) };
  });

  app.post<{ Params: { teamId: string } }>('/teams/:teamId/webhooks', guard.role('admin'), async (request, reply) => {
    const created = await webhooks.create(request.params.teamId, body(request.body));
    // The secret is in this answer and nowhere else, ever.
    return reply.code(201).send(created);
  });

  app.get<{ Params: Params }>('/teams/:teamId/webhooks/:webhookId', guard.role('admin'), async (request) => {
    return webhooks.get(request.params.teamId, request.params.webhookId);
  });

  app.patch<{ Params: Params }>('/teams/:teamId/webhooks/:webhookId', guard.role('admin'), async (request) => {
    const updated = await webhooks.update(request.params.teamId, request.params.webhookId, body(request.body));
    // Re-enabled: wake the workers for the events that waited.
    signal.publish('events', request.params.teamId);
    return updated;
  });

  app.delete<{ Params: Params }>('/teams/:teamId/webhooks/:webhookId', guard.role('admin'), async (request, reply) => {
    await webhooks.remove(request.params.teamId, request.params.webhookId);
    return reply.code(204).send();
  });

  app.post<{ Params: Params }>('/teams/:teamId/webhooks/:webhookId/rotate-secret', guard.role('admin'), async (request) => {
    return webhooks.rotateSecret(request.params.teamId, request.params.webhookId);
  });

  app.get<{ Params: Params; Querystring: DeliveriesQuery }>('/teams/:teamId/webhooks/:webhookId/deliveries', guard.role('admin'), async (request) => {
    const { status, before, limit } = request.query;
    const n = limit === undefined ? undefined : Number(limit);
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 200)) throw badRequest('limit must be a whole number from 1 to 200');
    return webhooks.deliveries(request.params.teamId, request.params.webhookId, { status, before, limit: n });
  });

  app.get<{ Params: DeliveryParams }>('/teams/:teamId/webhooks/:webhookId/deliveries/:deliveryId', guard.role('admin'), async (request) => {
    return webhooks.delivery(request.params.teamId, request.params.webhookId, request.params.deliveryId);
  });

  app.post<{ Params: DeliveryParams }>('/teams/:teamId/webhooks/:webhookId/deliveries/:deliveryId/redeliver', guard.role('admin'), async (request, reply) => {
    const delivery = await webhooks.redeliver(request.params.teamId, request.params.webhookId, request.params.deliveryId);
    signal.publish('events', request.params.teamId);
    return reply.code(202).send(delivery);
  });
}
