// The persistence ports of realtime: the events feed's reads of the outbox,
// and webhooks: endpoints, deliveries (one per event and endpoint, or per
// manual redelivery) and the record of every attempt.
// storage/realtime/webhooks-store.ts implements the latter; on PostgreSQL the
// claiming methods use FOR UPDATE SKIP LOCKED so instances never take the same work.

import type { DomainEvent, StoredEvent } from '../events.js';

export interface EndpointRecord {
  id: string;
  teamId: string;
  url: string;
  description: string | null;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  /** JSON array of event types or patterns (`user.*`, `*`). */
  eventTypes: string;
  enabled: number;
  disabledReason: string | null;
  disabledAt: string | null;
  cursorSeq: number;
  consecutiveFailures: number;
  failingSince: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRecord {
  id: string;
  endpointId: string;
  teamId: string;
  eventId: string;
  eventSeq: number;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  redeliveryOf: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface AttemptRecord {
  id: string;
  deliveryId: string;
  endpointId: string;
  attempt: number;
  startedAt: string;
  durationMs: number;
  outcome: 'succeeded' | 'failed';
  responseStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
  worker: string;
}

export interface EndpointHealth {
  consecutiveFailures: number;
  failingSince: string | null;
}

/** The events feed's reads of the outbox (storage/realtime/events-repository.ts). */
export interface EventFeedStore<Tx = unknown> {
  readonly db: Tx;
  listAfter(tx: Tx, teamId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  lastSeq(tx: Tx, teamId: string): Promise<number>;
  findByIds(tx: Tx, ids: string[]): Promise<StoredEvent[]>;
}

export interface WebhookStore<Tx = unknown> {
  readonly db: Tx;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Writes events in the same transaction (the outbox). */
  appendEvents(tx: Tx, events: DomainEvent[]): Promise<void>;
  /** The team's last event number, where a new endpoint starts. */
  lastEventSeq(tx: Tx, teamId: string): Promise<number>;
  eventsAfter(tx: Tx, teamId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  eventsByIds(tx: Tx, ids: string[]): Promise<StoredEvent[]>;

  insertEndpoint(tx: Tx, endpoint: EndpointRecord): Promise<void>;
  findEndpoint(tx: Tx, teamId: string, id: string): Promise<EndpointRecord | undefined>;
  listEndpoints(tx: Tx, teamId: string): Promise<EndpointRecord[]>;
  updateEndpoint(tx: Tx, id: string, changes: Partial<EndpointRecord>): Promise<void>;
  deleteEndpoint(tx: Tx, teamId: string, id: string): Promise<boolean>;

  /** True when any team has an enabled endpoint: without one there is nothing to dispatch or claim. */
  hasEnabledEndpoint(tx: Tx): Promise<boolean>;
  /** Enabled endpoints whose team has events past their cursor, locked for this transaction. */
  lockDispatchable(tx: Tx, limit: number): Promise<EndpointRecord[]>;
  insertDeliveries(tx: Tx, deliveries: DeliveryRecord[]): Promise<void>;

  /**
   * Takes up to `limit` pending deliveries of enabled endpoints that are due
   * at `now`: each gets its attempt number and is hidden from other workers
   * until `leaseUntil` (its next_attempt_at), then committed.
   */
  claimDue(tx: Tx, now: string, leaseUntil: string, limit: number): Promise<DeliveryRecord[]>;
  findEndpointsByIds(tx: Tx, ids: string[]): Promise<EndpointRecord[]>;
  /**
   * Locks the endpoint row until the transaction ends (PostgreSQL); false
   * when it is gone. Taken first when an attempt is recorded, so recording
   * and the endpoint's deletion queue instead of deadlocking.
   */
  lockEndpoint(tx: Tx, id: string): Promise<boolean>;
  insertAttempt(tx: Tx, attempt: AttemptRecord): Promise<void>;
  /** With `onlyIfAttempt`, changes nothing (false) when another attempt has started since. */
  updateDelivery(tx: Tx, id: string, changes: Partial<DeliveryRecord>, onlyIfAttempt?: number): Promise<boolean>;
  /** Counts a failure; returns the endpoint's health after it. */
  endpointFailed(tx: Tx, id: string, at: string): Promise<EndpointHealth>;
  endpointSucceeded(tx: Tx, id: string, at: string): Promise<void>;
  /** Disables an enabled endpoint; false when it was not enabled (another worker got there). */
  disableEndpoint(tx: Tx, id: string, reason: string, at: string): Promise<boolean>;

  listDeliveries(tx: Tx, endpointId: string, query: { status?: DeliveryStatus; before?: string; limit: number }): Promise<DeliveryRecord[]>;
  findDelivery(tx: Tx, endpointId: string, id: string): Promise<DeliveryRecord | undefined>;
  listAttempts(tx: Tx, deliveryId: string): Promise<AttemptRecord[]>;
  /** Deletes up to `limit` finished deliveries (with their attempts) created before `before`. */
  purgeDeliveries(tx: Tx, before: string, limit: number): Promise<number>;
}
