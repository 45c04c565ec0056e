// The persistence ports of realtime: the events feed's reads of the outbox,
// and webhooks: endpoints, deliveries (one per event and endpoint, or per
// manual redelivery) and the record of every attempt.
// storage/realtime/webhooks-store.ts implements the latter; on PostgreSQL the
// claiming methods use FOR UPDATE SKIP LOCKED so instances never take the same work.

import type { DomainEvent, StoredEvent } from '../events.js';

export interface EndpointRecord {
  id: string;
  team_id: string;
  url: string;
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  /** JSON array of event types or patterns (`user.*`, `*`). */
  event_types: string;
  enabled: number;
  disabled_reason: string | null;
  disabled_at: string | null;
  cursor_seq: number;
  consecutive_failures: number;
  failing_since: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
  created_at: string;
  updated_at: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRecord {
  id: string;
  endpoint_id: string;
  team_id: string;
  event_id: string;
  event_seq: number;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_response_status: number | null;
  last_error: string | null;
  redelivery_of: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface AttemptRecord {
  id: string;
  delivery_id: string;
  endpoint_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  outcome: 'succeeded' | 'failed';
  response_status: number | null;
  response_excerpt: string | null;
  error: string | null;
  worker: string;
}

export interface EndpointHealth {
  consecutive_failures: number;
  failing_since: string | null;
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
