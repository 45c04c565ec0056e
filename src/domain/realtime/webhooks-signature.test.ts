import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { newWebhookSecret, signPayload, signatureHeader, verifySignature } from './webhooks-signature.js';

describe('webhook signatures (HMAC-SHA256 over "<timestamp>.<body>")', () => {
  const secret = 'whsec_test';
  const body = '{"id":"e1","type":"user.created"}';
  const ts = 1_800_000_000;

  it('signs the timestamp, a dot and the body, hex encoded', () => {
    expect(signPayload(secret, ts, body)).toBe(createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex'));
    expect(signatureHeader([secret], ts, body)).toBe(`v1=${signPayload(secret, ts, body)}`);
  });

  it('verifies a good signature and refuses a changed body, timestamp, secret or scheme', () => {
    const header = signatureHeader([secret], ts, body);
    const ok = { secret, header, timestamp: String(ts), body, nowSec: ts + 10 };
    expect(verifySignature(ok)).toBe(true);
    expect(verifySignature({ ...ok, body: body.replace('e1', 'e2') })).toBe(false);
    expect(verifySignature({ ...ok, timestamp: String(ts + 1) })).toBe(false);
    expect(verifySignature({ ...ok, secret: 'whsec_other' })).toBe(false);
    expect(verifySignature({ ...ok, header: header.replace('v1=', 'v0=') })).toBe(false);
    expect(verifySignature({ ...ok, header: 'v1=zz' })).toBe(false);
    expect(verifySignature({ ...ok, timestamp: 'soon' })).toBe(false);
  });

  it('refuses a timestamp outside the tolerance (replays)', () => {
    const header = signatureHeader([secret], ts, body);
    expect(verifySignature({ secret, header, timestamp: String(ts), body, nowSec: ts + 301 })).toBe(false);
    expect(verifySignature({ secret, header, timestamp: String(ts), body, nowSec: ts + 3600, toleranceSec: 7200 })).toBe(true);
  });

  it('carries one signature per active secret during a rotation; either verifies', () => {
    const header = signatureHeader(['whsec_new', 'whsec_old'], ts, body);
    expect(header.split(',')).toHaveLength(2);
    for (const s of ['whsec_new', 'whsec_old']) expect(verifySignature({ secret: s, header, timestamp: String(ts), body, nowSec: ts })).toBe(true);
  });

  it('makes secrets with a prefix and 256 random bits', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[\w-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
