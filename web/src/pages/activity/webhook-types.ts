// Shapes of the webhook admin API (src/http/api/webhook-routes.ts).

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  status: 'active' | 'failing' | 'disabled';
  disabledReason: string | null;
  disabledAt: string | null;
  consecutiveFailures: number;
  failingSince: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  secretRotatingUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Delivery {
  id: string;
  eventId: string;
  eventSeq: number;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  redeliveryOf: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface DeliveryDetail extends Delivery {
  attemptLog: { attempt: number; startedAt: string; durationMs: number; outcome: string; responseStatus: number | null; responseHeaders: Record<string, string> | null; error: string | null }[];
}

/** Event families a webhook can subscribe to (docs/events.md); `*` is every event. */
export const EVENT_FAMILIES = ['user.*', 'group.*', 'token.*', 'sso.*', 'spend.*', 'webhook.*', 'admin.*'] as const;
