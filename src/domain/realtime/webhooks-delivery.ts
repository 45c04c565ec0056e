// Webhook delivery, at least once: the dispatcher turns a team's events into
// one delivery per matching endpoint (advancing the endpoint's cursor in the
// same transaction), and workers claim due deliveries, POST them signed,
// record every attempt and schedule retries (webhooks-backoff.ts). An
// endpoint that has failed without a single success for `disableAfterMs` is
// disabled, with a `webhook.endpoint_disabled` event in the same transaction.
//
// A claim gives the delivery its attempt number and hides it until the lease
// ends (longer than the request timeout), so two workers never make the same
// attempt; a worker that dies mid-attempt leaves it to be retried after the lease.

import { performance } from 'node:perf_hooks';
import type { Clock, Ids } from '../ports.js';
import { createEventFactory } from '../events.js';
import { envelope } from './event-feed.js';
import type { StoredEvent } from '../events.js';
import { matchesTypes } from './webhooks.js';
import { nextAttemptAt, type RetryPolicy } from './webhooks-backoff.js';
import { WEBHOOK_HEADERS, signatureHeader } from './webhooks-signature.js';
import type { DeliveryRecord, EndpointRecord, WebhookStore } from './store.js';

export interface DeliveryOptions {
  retry: RetryPolicy;
  timeoutMs: number;
  /** An endpoint failing for this long, with no success, is disabled. */
  disableAfterMs: number;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * The answer of the receiver: its status and a few safe headers, never the
 * body (an internal service's answer must not be readable through the
 * attempt log); rejects on network errors, refused destinations and timeouts.
 */
export type SendWebhook = (request: WebhookRequest) => Promise<{ status: number; headers: Record<string, string> }>;

export interface DeliveryJob {
  delivery: DeliveryRecord;
  endpoint: EndpointRecord | undefined;
  event: StoredEvent | undefined;
}

const DISPATCH_ENDPOINTS = 20;
const DISPATCH_EVENTS = 500;
const LEASE_MARGIN_MS = 30_000;

export function createWebhookDelivery(deps: {
  store: WebhookStore;
  clock: Clock;
  ids: Ids;
  send: SendWebhook;
  options: DeliveryOptions;
  /** Names this process in the attempt log. */
  workerId: string;
  random?: () => number;
}) {
  const { store, clock, ids, send, options } = deps;
  const event = createEventFactory(clock, ids);

  function secrets(endpoint: EndpointRecord, now: Date): string[] {
    const previous = endpoint.previousSecret && endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt) > now ? [endpoint.previousSecret] : [];
    return [endpoint.secret, ...previous];
  }

  async function finish(job: DeliveryJob, outcome: { ok: boolean; status: number | null; headers: Record<string, string> | null; error: string | null; startedAt: Date; durationMs: number }) {
    const { delivery, endpoint } = job;
    const now = clock.now();
    const at = now.toISOString();
    await store.transaction(async (tx) => {
      // Deleted meanwhile: its deliveries went with it, so there is nothing to record.
      if (!(await store.lockEndpoint(tx, delivery.endpointId))) return;
      await store.insertAttempt(tx, {
        id: ids.uuid(),
        deliveryId: delivery.id,
        endpointId: delivery.endpointId,
        attempt: delivery.attempts,
        startedAt: outcome.startedAt.toISOString(),
        durationMs: Math.round(outcome.durationMs),
        outcome: outcome.ok ? 'succeeded' : 'failed',
        responseStatus: outcome.status,
        // The column once held a body excerpt; now only the safe headers, as JSON.
        responseExcerpt: outcome.headers && Object.keys(outcome.headers).length > 0 ? JSON.stringify(outcome.headers) : null,
        error: outcome.error,
        worker: deps.workerId,
      });
      const last = { lastAttemptAt: outcome.startedAt.toISOString(), lastResponseStatus: outcome.status, lastError: outcome.error };
      if (outcome.ok) {
        await store.updateDelivery(tx, delivery.id, { ...last, status: 'delivered', nextAttemptAt: null, deliveredAt: at }, delivery.attempts);
        await store.endpointSucceeded(tx, delivery.endpointId, at);
        return;
      }
      const next = endpoint && job.event ? nextAttemptAt(new Date(delivery.createdAt), now, delivery.attempts, options.retry, deps.random) : undefined;
      await store.updateDelivery(tx, delivery.id, { ...last, status: next ? 'pending' : 'failed', nextAttemptAt: next?.toISOString() ?? null }, delivery.attempts);
      if (!endpoint) return;
      const health = await store.endpointFailed(tx, endpoint.id, at);
      const since = health.failingSince ? new Date(health.failingSince).getTime() : now.getTime();
      if (now.getTime() - since >= options.disableAfterMs && (await store.disableEndpoint(tx, endpoint.id, 'failing', at))) {
        await store.appendEvents(tx, [
          event(endpoint.teamId, 'webhook.endpoint_disabled', { type: 'Webhook', id: endpoint.id }, {
            endpoint: { id: endpoint.id, url: endpoint.url },
            reason: 'failing',
            failingSince: health.failingSince,
            consecutiveFailures: health.consecutiveFailures,
            lastError: outcome.error ?? (outcome.status !== null ? `HTTP ${outcome.status}` : null),
          }),
        ]);
      }
    });
  }

  return {
    /**
     * Dispatch and claims only ever act for enabled endpoints (deliveries go
     * with their endpoint): without one, a single read instead of two
     * transactions after every commit.
     */
    hasWork: (): Promise<boolean> => store.hasEnabledEndpoint(store.db),

    /** Creates deliveries for events past each endpoint's cursor; returns how many. */
    async dispatch(): Promise<number> {
      return store.transaction(async (tx) => {
        let created = 0;
        for (const endpoint of await store.lockDispatchable(tx, DISPATCH_ENDPOINTS)) {
          const events = await store.eventsAfter(tx, endpoint.teamId, endpoint.cursorSeq, DISPATCH_EVENTS);
          if (events.length === 0) continue;
          const types = JSON.parse(endpoint.eventTypes) as string[];
          const at = clock.now().toISOString();
          const rows: DeliveryRecord[] = events
            .filter((e) => matchesTypes(types, e.type))
            .map((e) => ({
              id: ids.uuid(),
              endpointId: endpoint.id,
              teamId: endpoint.teamId,
              eventId: e.id,
              eventSeq: e.seq,
              eventType: e.type,
              status: 'pending',
              attempts: 0,
              nextAttemptAt: at,
              lastAttemptAt: null,
              lastResponseStatus: null,
              lastError: null,
              redeliveryOf: null,
              createdAt: at,
              deliveredAt: null,
            }));
          await store.insertDeliveries(tx, rows);
          await store.updateEndpoint(tx, endpoint.id, { cursorSeq: events[events.length - 1].seq });
          created += rows.length;
        }
        return created;
      });
    },

    /** Claims up to `limit` due deliveries, with what sending them needs. */
    async claim(limit: number): Promise<DeliveryJob[]> {
      if (limit <= 0) return [];
      const now = clock.now();
      const leaseUntil = new Date(now.getTime() + options.timeoutMs + LEASE_MARGIN_MS).toISOString();
      const deliveries = await store.transaction((tx) => store.claimDue(tx, now.toISOString(), leaseUntil, limit));
      if (deliveries.length === 0) return [];
      const endpoints = new Map((await store.findEndpointsByIds(store.db, [...new Set(deliveries.map((d) => d.endpointId))])).map((e) => [e.id, e]));
      const events = new Map((await store.eventsByIds(store.db, [...new Set(deliveries.map((d) => d.eventId))])).map((e) => [e.id, e]));
      return deliveries.map((delivery) => ({ delivery, endpoint: endpoints.get(delivery.endpointId), event: events.get(delivery.eventId) }));
    },

    /** Makes the claimed attempt and records it. */
    async attempt(job: DeliveryJob): Promise<void> {
      const startedAt = clock.now();
      if (!job.endpoint || !job.event) {
        return finish(job, { ok: false, status: null, headers: null, error: job.endpoint ? 'the event is no longer stored' : 'the endpoint was deleted', startedAt, durationMs: 0 });
      }
      const body = JSON.stringify(envelope(job.event));
      const timestamp = Math.floor(startedAt.getTime() / 1000);
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'Rollcall-Webhooks/1',
        [WEBHOOK_HEADERS.eventId.toLowerCase()]: job.event.id,
        [WEBHOOK_HEADERS.eventType.toLowerCase()]: job.event.type,
        [WEBHOOK_HEADERS.deliveryId.toLowerCase()]: job.delivery.id,
        [WEBHOOK_HEADERS.attempt.toLowerCase()]: String(job.delivery.attempts),
        [WEBHOOK_HEADERS.timestamp.toLowerCase()]: String(timestamp),
        [WEBHOOK_HEADERS.signature.toLowerCase()]: signatureHeader(secrets(job.endpoint, startedAt), timestamp, body),
      };
      const t0 = performance.now();
      try {
        const res = await send({ url: job.endpoint.url, headers, body, timeoutMs: options.timeoutMs });
        const ok = res.status >= 200 && res.status < 300;
        await finish(job, { ok, status: res.status, headers: res.headers, error: ok ? null : `the endpoint answered HTTP ${res.status}${res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : ''}`, startedAt, durationMs: performance.now() - t0 });
      } catch (error) {
        await finish(job, { ok: false, status: null, headers: null, error: (error as Error).message || String(error), startedAt, durationMs: performance.now() - t0 });
      }
    },
  };
}

export type WebhookDelivery = ReturnType<typeof createWebhookDelivery>;
