// Verifying a webhook from Rollcall (docs/webhooks.md): HMAC-SHA256 of
// `<timestamp>.<raw body>` with the endpoint's secret, in `Rollcall-Signature:
// v1=<hex>[,v1=<hex>]` (two during a secret rotation), with the signed
// `Rollcall-Timestamp` refusing replays older than the tolerance.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RollcallEvent } from './events.js';

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

export interface VerifyWebhookInput {
  /** The endpoint's secret (`whsec_…`); during your own rotation, both. */
  secret: string | readonly string[];
  /** The request headers (any casing; Node's IncomingHttpHeaders or a Headers object). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The raw body exactly as received — not re-serialised JSON. */
  body: string | Uint8Array;
  /** How old a delivery may be, in seconds. Default 300. */
  toleranceSec?: number;
  /** Now, in Unix seconds (tests). */
  nowSec?: number;
}

function header(headers: VerifyWebhookInput['headers'], name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value.join(',') : value;
  }
  return undefined;
}

/** The verified event; throws WebhookVerificationError for anything not signed by Rollcall just now. */
export function verifyWebhook(input: VerifyWebhookInput): RollcallEvent {
  const signature = header(input.headers, 'rollcall-signature');
  const timestamp = header(input.headers, 'rollcall-timestamp');
  if (!signature || !timestamp) throw new WebhookVerificationError('missing Rollcall-Signature or Rollcall-Timestamp header');
  const ts = Number(timestamp);
  const now = input.nowSec ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > (input.toleranceSec ?? 300)) throw new WebhookVerificationError('the delivery is too old or its timestamp is malformed');
  const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : Buffer.from(input.body);
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  const candidates = signature.split(',').map((part) => part.trim().split('=', 2)).filter(([scheme, value]) => scheme === 'v1' && /^[0-9a-f]{64}$/.test(value ?? ''));
  const matches = secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(`${ts}.`).update(body).digest();
    return candidates.some(([, value]) => timingSafeEqual(Buffer.from(value, 'hex'), expected));
  });
  if (!matches) throw new WebhookVerificationError('no signature matches the secret');
  return JSON.parse(body.toString('utf8')) as RollcallEvent;
}
