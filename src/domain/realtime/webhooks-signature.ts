// Webhook signatures: HMAC-SHA256 over `<timestamp>.<body>` with the
// endpoint's secret, hex encoded, sent as `Rollcall-Signature: v1=<hex>`.
// During a secret rotation both secrets sign and the header carries both
// (comma-separated), so a receiver can switch secrets without losing events.
// The timestamp is signed too, which lets a receiver refuse replays.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_HEADERS = {
  signature: 'Rollcall-Signature',
  timestamp: 'Rollcall-Timestamp',
  eventId: 'Rollcall-Event-Id',
  eventType: 'Rollcall-Event-Type',
  deliveryId: 'Rollcall-Delivery-Id',
  attempt: 'Rollcall-Delivery-Attempt',
} as const;

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/** The hex HMAC-SHA256 of `<timestamp>.<body>` (timestamp in Unix seconds). */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The `Rollcall-Signature` value for one or more active secrets. */
export function signatureHeader(secrets: string[], timestamp: number, body: string): string {
  return secrets.map((s) => `v1=${signPayload(s, timestamp, body)}`).join(',');
}

/**
 * What a receiver does (docs/webhooks.md shows the same in a few lines): true
 * when one `v1=` signature matches and the timestamp is within `toleranceSec`.
 */
export function verifySignature(input: { secret: string; header: string; timestamp: string; body: string; nowSec: number; toleranceSec?: number }): boolean {
  const ts = Number(input.timestamp);
  if (!Number.isInteger(ts) || Math.abs(input.nowSec - ts) > (input.toleranceSec ?? 300)) return false;
  const expected = Buffer.from(signPayload(input.secret, ts, input.body), 'hex');
  return input.header.split(',').some((part) => {
    const [scheme, value] = part.trim().split('=', 2);
    if (scheme !== 'v1' || !value || !/^[0-9a-f]{64}$/.test(value)) return false;
    return timingSafeEqual(Buffer.from(value, 'hex'), expected);
  });
}
