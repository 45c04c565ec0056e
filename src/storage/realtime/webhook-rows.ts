// Webhook rows ↔ the domain's camelCase records (domain/realtime/store.ts):
// one table per record naming each field's column, so a partial update maps
// the same way as a whole row, and numbers some drivers answer as strings
// (PostgreSQL bigint) become numbers again.

import type { AttemptRecord, DeliveryRecord, EndpointRecord } from '../../domain/realtime/store.js';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEndpointsTable } from '../db-types.js';

const ENDPOINT = {
  id: 'id', teamId: 'team_id', url: 'url', description: 'description', secret: 'secret', previousSecret: 'previous_secret',
  previousSecretExpiresAt: 'previous_secret_expires_at', eventTypes: 'event_types', enabled: 'enabled', disabledReason: 'disabled_reason',
  disabledAt: 'disabled_at', cursorSeq: 'cursor_seq', consecutiveFailures: 'consecutive_failures', failingSince: 'failing_since',
  lastSuccessAt: 'last_success_at', lastFailureAt: 'last_failure_at', createdAt: 'created_at', updatedAt: 'updated_at',
} as const satisfies Record<keyof EndpointRecord, keyof WebhookEndpointsTable>;

const DELIVERY = {
  id: 'id', endpointId: 'endpoint_id', teamId: 'team_id', eventId: 'event_id', eventSeq: 'event_seq', eventType: 'event_type', status: 'status',
  attempts: 'attempts', nextAttemptAt: 'next_attempt_at', lastAttemptAt: 'last_attempt_at', lastResponseStatus: 'last_response_status',
  lastError: 'last_error', redeliveryOf: 'redelivery_of', createdAt: 'created_at', deliveredAt: 'delivered_at',
} as const satisfies Record<keyof DeliveryRecord, keyof WebhookDeliveriesTable>;

const ATTEMPT = {
  id: 'id', deliveryId: 'delivery_id', endpointId: 'endpoint_id', attempt: 'attempt', startedAt: 'started_at', durationMs: 'duration_ms',
  outcome: 'outcome', responseStatus: 'response_status', responseExcerpt: 'response_excerpt', error: 'error', worker: 'worker',
} as const satisfies Record<keyof AttemptRecord, keyof WebhookAttemptsTable>;

/** The columns of the fields present (undefined ones are left out, as in an update). */
function toColumns(map: Record<string, string>, fields: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) if (value !== undefined) out[map[field]] = value;
  return out;
}

function toFields(map: Record<string, string>, row: object, numbers: string[]): Record<string, unknown> {
  const r = row as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(map)) out[field] = numbers.includes(field) ? Number(r[column]) : r[column];
  return out;
}

export const endpointRow = (e: Partial<EndpointRecord>) => toColumns(ENDPOINT, e) as Partial<WebhookEndpointsTable>;
export const deliveryRow = (d: Partial<DeliveryRecord>) => toColumns(DELIVERY, d) as Partial<WebhookDeliveriesTable>;
export const attemptRow = (a: AttemptRecord) => toColumns(ATTEMPT, a) as unknown as WebhookAttemptsTable;

export const toEndpoint = (row: object) => toFields(ENDPOINT, row, ['cursorSeq', 'enabled', 'consecutiveFailures']) as unknown as EndpointRecord;
export const toDelivery = (row: object) => toFields(DELIVERY, row, ['eventSeq', 'attempts']) as unknown as DeliveryRecord;
export const toAttempt = (row: object) => toFields(ATTEMPT, row, ['attempt', 'durationMs']) as unknown as AttemptRecord;
