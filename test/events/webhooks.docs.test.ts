// docs/events.md against what the webhook worker really writes: the section
// of `webhook.endpoint_disabled` shows the keys of the event it writes when
// an endpoint keeps failing (test/docs.test.ts checks the other types).

import { readFileSync } from 'node:fs';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { signatureHeader } from '../../src/domain/realtime/webhooks-signature.js';
import { describe, expect, it } from 'vitest';
import { createTestApp, USER_SCHEMA } from '../helpers/test-app.js';
import { startWebhookWorker } from '../../src/workers/webhook-worker.js';
import { eventually, startReceiver } from './webhook-receiver.js';

const page = readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');
const example = (type: string) => JSON.parse(new RegExp(`^### \`${type.replace('.', '\\.')}\`\\n[\\s\\S]*?\`\`\`json\\n([\\s\\S]*?)\`\`\``, 'm').exec(page)?.[1] ?? '{}') as Record<string, unknown>;

/** Dotted key paths of the objects in a JSON value (arrays are leaves). */
function shape(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [prefix + k, ...shape(v, `${prefix + k}.`)]);
}

describe('docs/webhooks.md', () => {
  it('has a verification example that accepts what Rollcall signs and refuses the rest', () => {
    const code = /```js\n([\s\S]*?)```/.exec(readFileSync(new URL('../../docs/webhooks.md', import.meta.url), 'utf8'))?.[1] ?? '';
    const source = /function verify\(headers, rawBody\) \{[\s\S]*?\n\}\n/.exec(code)?.[0] ?? '';
    expect(source).not.toBe('');
    const make = new Function('createHmac', 'timingSafeEqual', 'SECRET', 'TOLERANCE_SECONDS', `${source}\nreturn verify;`);
    const verify = make(createHmac, timingSafeEqual, 'whsec_doc', 300) as (headers: Record<string, string>, body: string) => boolean;
    const body = '{"id":"e1"}';
    const ts = Math.floor(Date.now() / 1000);
    const headers = (secrets: string[], at = ts) => ({ 'rollcall-timestamp': String(at), 'rollcall-signature': signatureHeader(secrets, at, body) });
    expect(verify(headers(['whsec_doc']), body)).toBe(true);
    expect(verify(headers(['whsec_new', 'whsec_doc']), body)).toBe(true);
    expect(verify(headers(['whsec_other']), body)).toBe(false);
    expect(verify(headers(['whsec_doc']), '{"id":"e2"}')).toBe(false);
    expect(verify(headers(['whsec_doc'], ts - 3600), body)).toBe(false);
  });
});

describe('docs/events.md: webhook events', () => {
  it('shows the keys of the webhook.endpoint_disabled event Rollcall writes', async () => {
    const receiver = await startReceiver();
    receiver.answer = 500;
    const t = await createTestApp('sqlite', { services: { realtime: { webhooks: { retry: { baseMs: 10, maxMs: 50, windowMs: 60_000 }, disableAfterMs: 100, pollMs: 20 } } } });
    const { realtime } = t.services;
    const worker = startWebhookWorker({ delivery: realtime.webhookDelivery, signal: realtime.signal, options: realtime.options.webhooks });
    try {
      const { endpoint } = await realtime.webhooks.create(t.teamId, { url: receiver.url });
      await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'docs@example.com' });
      await eventually(async () => !(await realtime.webhooks.get(t.teamId, endpoint.id)).enabled, worker.wake);
      const written = (await realtime.feed.listAfter(t.teamId, 0, 100)).find((e) => e.type === 'webhook.endpoint_disabled');
      expect(shape(example('webhook.endpoint_disabled')).sort()).toEqual(shape(written).sort());
    } finally {
      await worker.stop();
      await t.close();
      await receiver.close();
    }
  });
});
