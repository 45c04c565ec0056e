// Webhook endpoints of a team, as its admins manage them: a URL, a signing
// secret shown once, the event types it wants, on or off; its deliveries with
// every attempt, and manual redelivery. Delivery itself is webhooks-delivery.ts.

import type { Clock, Ids } from '../ports.js';
import { DomainError } from '../errors.js';
import { EVENT_TYPES } from '../events.js';
import type { DeliveryRecord, DeliveryStatus, EndpointRecord, WebhookStore } from './store.js';
import { newWebhookSecret } from './webhooks-signature.js';

/**
 * Whether Rollcall may call a URL's destination: the reason it may not, or
 * null. The network layer implements it (net/destination-check.ts), since
 * the domain does no DNS; delivery checks again at every connection.
 */
export type DestinationCheck = (url: string) => Promise<string | null>;

export interface WebhookOptions {
  /** How long the previous secret keeps signing after a rotation. */
  previousSecretTtlMs: number;
}

export interface EndpointInput {
  url?: unknown;
  description?: unknown;
  eventTypes?: unknown;
  enabled?: unknown;
}

const MAX_URL = 2000;
const NOUNS = new Set(EVENT_TYPES.map((t) => t.split('.')[0]));

function invalid(message: string): DomainError {
  return new DomainError('webhook.invalid', message);
}

export function checkUrl(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL) throw invalid(`url must be an http(s) URL of at most ${MAX_URL} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`"${value.slice(0, 100)}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('url must start with https:// (or http://)');
  // Credentials in the URL would show in every listing; the signature authenticates us.
  if (url.username || url.password) throw invalid('url must not contain a user name or password; verify the Rollcall-Signature header instead');
  url.hash = '';
  return url.toString();
}

/** Event types or patterns: `user.created`, `user.*`, or `*` for all. */
export function checkEventTypes(value: unknown): string[] {
  if (value === undefined) return ['*'];
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) throw invalid('eventTypes must be a non-empty list of event types (or ["*"])');
  const known = new Set<string>(EVENT_TYPES);
  for (const t of value) {
    if (typeof t !== 'string') throw invalid('eventTypes must contain strings');
    const ok = t === '*' || known.has(t) || (t.endsWith('.*') && NOUNS.has(t.slice(0, -2)));
    if (!ok) throw invalid(`"${t}" is not an event type; see docs/events.md (patterns like "user.*" and "*" also work)`);
  }
  return [...new Set(value as string[])];
}

export function matchesTypes(patterns: string[], type: string): boolean {
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}

export function endpointView(e: EndpointRecord) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: JSON.parse(e.eventTypes) as string[],
    enabled: e.enabled === 1,
    status: e.enabled === 1 ? (e.consecutiveFailures > 0 ? 'failing' : 'active') : 'disabled',
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt,
    consecutiveFailures: e.consecutiveFailures,
    failingSince: e.failingSince,
    lastSuccessAt: e.lastSuccessAt,
    lastFailureAt: e.lastFailureAt,
    secretRotatingUntil: e.previousSecretExpiresAt,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

export function deliveryView(d: DeliveryRecord) {
  return {
    id: d.id,
    eventId: d.eventId,
    eventSeq: d.eventSeq,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    lastAttemptAt: d.lastAttemptAt,
    lastResponseStatus: d.lastResponseStatus,
    lastError: d.lastError,
    redeliveryOf: d.redeliveryOf,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
  };
}

const STATUSES: DeliveryStatus[] = ['pending', 'delivered', 'failed'];

/** Safe response headers recorded for an attempt; older rows held a body excerpt, which is never shown. */
function responseHeaders(stored: string | null): Record<string, string> | null {
  if (!stored?.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(stored) as unknown;
    return parsed && typeof parsed === 'object' && Object.values(parsed).every((v) => typeof v === 'string') ? (parsed as Record<string, string>) : null;
  } catch {
    return null;
  }
}

export function createWebhookService(deps: { store: WebhookStore; clock: Clock; ids: Ids; options: WebhookOptions; destinations: DestinationCheck; onChange?: () => void }) {
  const { store, clock, ids, options } = deps;

  /** A URL that is well-formed and whose destination may be called. */
  async function destination(value: unknown): Promise<string> {
    const url = checkUrl(value);
    const refusal = await deps.destinations(url);
    if (refusal) throw invalid(refusal);
    return url;
  }

  async function endpoint(teamId: string, id: string): Promise<EndpointRecord> {
    const found = await store.findEndpoint(store.db, teamId, id);
    if (!found) throw new DomainError('webhook.not_found', `no webhook endpoint "${id}"`);
    return found;
  }

  return {
    /** Creates an endpoint that receives events from now on; the secret is in this answer only. */
    async create(teamId: string, input: EndpointInput) {
      const eventTypes = checkEventTypes(input.eventTypes);
      if (input.description !== undefined && input.description !== null && (typeof input.description !== 'string' || input.description.length > 500)) {
        throw invalid('description must be a string of at most 500 characters');
      }
      if (input.enabled !== undefined && typeof input.enabled !== 'boolean') throw invalid('enabled must be true or false');
      const url = await destination(input.url);
      const now = clock.now().toISOString();
      const secret = newWebhookSecret();
      const row: EndpointRecord = {
        id: ids.uuid(),
        teamId,
        url,
        description: (input.description as string | undefined) ?? null,
        secret,
        previousSecret: null,
        previousSecretExpiresAt: null,
        eventTypes: JSON.stringify(eventTypes),
        enabled: input.enabled === false ? 0 : 1,
        disabledReason: input.enabled === false ? 'manual' : null,
        disabledAt: input.enabled === false ? now : null,
        cursorSeq: await store.lastEventSeq(store.db, teamId),
        consecutiveFailures: 0,
        failingSince: null,
        lastSuccessAt: null,
        lastFailureAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await store.insertEndpoint(store.db, row);
      return { endpoint: endpointView(row), secret };
    },

    list: async (teamId: string) => (await store.listEndpoints(store.db, teamId)).map(endpointView),
    get: async (teamId: string, id: string) => endpointView(await endpoint(teamId, id)),

    /**
     * Changes url, description, event types or enabled. Re-enabling resumes
     * where the endpoint stopped: events written meanwhile are delivered, and
     * its failure count starts again from zero.
     */
    async update(teamId: string, id: string, input: EndpointInput) {
      const current = await endpoint(teamId, id);
      const now = clock.now().toISOString();
      const changes: Partial<EndpointRecord> = { updatedAt: now };
      if (input.url !== undefined) checkUrl(input.url);
      if (input.eventTypes !== undefined) changes.eventTypes = JSON.stringify(checkEventTypes(input.eventTypes));
      if (input.description !== undefined) {
        if (input.description !== null && (typeof input.description !== 'string' || input.description.length > 500)) throw invalid('description must be a string of at most 500 characters, or null');
        changes.description = input.description as string | null;
      }
      if (input.enabled !== undefined) {
        if (typeof input.enabled !== 'boolean') throw invalid('enabled must be true or false');
        if (input.enabled && current.enabled !== 1) Object.assign(changes, { enabled: 1, disabledReason: null, disabledAt: null, consecutiveFailures: 0, failingSince: null });
        if (!input.enabled && current.enabled === 1) Object.assign(changes, { enabled: 0, disabledReason: 'manual', disabledAt: now });
      }
      // Resolving takes a moment: only once everything else is valid.
      if (input.url !== undefined) changes.url = await destination(input.url);
      await store.updateEndpoint(store.db, id, changes);
      deps.onChange?.();
      return endpointView({ ...current, ...changes });
    },

    async remove(teamId: string, id: string): Promise<void> {
      if (!(await store.deleteEndpoint(store.db, teamId, id))) throw new DomainError('webhook.not_found', `no webhook endpoint "${id}"`);
    },

    /** A new secret (shown once); the old one keeps signing for previousSecretTtlMs. */
    async rotateSecret(teamId: string, id: string) {
      const current = await endpoint(teamId, id);
      const now = clock.now();
      const secret = newWebhookSecret();
      const changes: Partial<EndpointRecord> = {
        secret,
        previousSecret: current.secret,
        previousSecretExpiresAt: new Date(now.getTime() + options.previousSecretTtlMs).toISOString(),
        updatedAt: now.toISOString(),
      };
      await store.updateEndpoint(store.db, id, changes);
      return { endpoint: endpointView({ ...current, ...changes }), secret };
    },

    async deliveries(teamId: string, id: string, query: { status?: string; before?: string; limit?: number }) {
      await endpoint(teamId, id);
      if (query.status !== undefined && !STATUSES.includes(query.status as DeliveryStatus)) throw invalid(`status must be one of ${STATUSES.join(', ')}`);
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
      const rows = await store.listDeliveries(store.db, id, { status: query.status as DeliveryStatus | undefined, before: query.before, limit: limit + 1 });
      return { items: rows.slice(0, limit).map(deliveryView), nextBefore: rows.length > limit ? rows[limit - 1].id : null };
    },

    async delivery(teamId: string, id: string, deliveryId: string) {
      await endpoint(teamId, id);
      const found = await store.findDelivery(store.db, id, deliveryId);
      if (!found) throw new DomainError('webhook.delivery_not_found', `no delivery "${deliveryId}" for this endpoint`);
      const attempts = await store.listAttempts(store.db, deliveryId);
      return {
        ...deliveryView(found),
        attemptLog: attempts.map((a) => ({
          attempt: a.attempt,
          startedAt: a.startedAt,
          durationMs: a.durationMs,
          outcome: a.outcome,
          responseStatus: a.responseStatus,
          responseHeaders: responseHeaders(a.responseExcerpt),
          error: a.error,
        })),
      };
    },

    /** Deletes finished deliveries (and their attempts) older than `before`; returns how many. */
    async purge(before: Date): Promise<number> {
      let total = 0;
      for (;;) {
        const n = await store.purgeDeliveries(store.db, before.toISOString(), 5000);
        total += n;
        if (n < 5000) return total;
      }
    },

    /** Sends a delivery's event again, as a new delivery with its own attempts. */
    async redeliver(teamId: string, id: string, deliveryId: string) {
      await endpoint(teamId, id);
      const original = await store.findDelivery(store.db, id, deliveryId);
      if (!original) throw new DomainError('webhook.delivery_not_found', `no delivery "${deliveryId}" for this endpoint`);
      const now = clock.now().toISOString();
      const row: DeliveryRecord = {
        ...original,
        id: ids.uuid(),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastAttemptAt: null,
        lastResponseStatus: null,
        lastError: null,
        redeliveryOf: original.id,
        createdAt: now,
        deliveredAt: null,
      };
      await store.insertDeliveries(store.db, [row]);
      deps.onChange?.();
      return deliveryView(row);
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
