import { describe, expect, it } from 'vitest';
import { MAX_KEPT_BODY, REDACTED, redactBody } from './redact.js';

describe('activity log body redaction', () => {
  it('removes secrets at any depth (RFC 7643 §4.1.1 password is never returned, nor logged)', () => {
    const body = { userName: 'b', password: 'hunter2', 'urn:x:ext': { apiKey: 'k', nested: [{ clientSecret: 's', token: 't', ok: 1 }] } };
    expect(JSON.parse(redactBody(body) as string)).toEqual({ userName: 'b', password: REDACTED, 'urn:x:ext': { apiKey: REDACTED, nested: [{ clientSecret: REDACTED, token: REDACTED, ok: 1 }] } });
  });

  it('removes the value of a PATCH operation whose path names a secret (RFC 7644 §3.5.2)', () => {
    const body = { Operations: [{ op: 'replace', path: 'password', value: 'hunter2' }, { op: 'replace', path: 'displayName', value: 'B' }, { op: 'replace', value: { password: 'x', active: false } }] };
    expect(JSON.parse(redactBody(body) as string).Operations).toEqual([
      { op: 'replace', path: 'password', value: REDACTED },
      { op: 'replace', path: 'displayName', value: 'B' },
      { op: 'replace', value: { password: REDACTED, active: false } },
    ]);
  });

  it('keeps nothing for no body and a redacted preview of a large one', () => {
    expect(redactBody(undefined)).toBeNull();
    const big = JSON.parse(redactBody({ password: 'hunter2', members: Array.from({ length: 5000 }, (_, i) => ({ value: `id-${i}` })) }) as string);
    expect(big.truncated).toBe(true);
    expect(big.preview.length).toBe(MAX_KEPT_BODY);
    expect(big.preview).not.toContain('hunter2');
  });
});
