// What of a SCIM request body the activity log keeps: everything but secrets.
// Values of keys that name a secret (password, token, secret, key,
// credential) are replaced, at any depth, and so are PATCH values whose
// `path` names one (`{"op":"replace","path":"password","value":"…"}`).
// Bodies larger than the limit are kept as a truncated, redacted preview.

export const REDACTED = '[redacted]';
const SECRET_KEY = /pass(word|wd|phrase)?|secret|token|credential|api[-_]?key|authorization|private[-_]?key/i;
export const MAX_KEPT_BODY = 16 * 1024;

function redact(value: unknown, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  const pathIsSecret = typeof record.path === 'string' && SECRET_KEY.test(record.path);
  for (const [key, v] of Object.entries(record)) {
    if (SECRET_KEY.test(key) || (pathIsSecret && key.toLowerCase() === 'value')) out[key] = REDACTED;
    else out[key] = redact(v, depth + 1);
  }
  return out;
}

/** The body as JSON text without secrets, or null when there was none. */
export function redactBody(body: unknown, maxBytes = MAX_KEPT_BODY): string | null {
  if (body === undefined || body === null) return null;
  const text = JSON.stringify(redact(body));
  if (Buffer.byteLength(text) <= maxBytes) return text;
  return JSON.stringify({ truncated: true, bytes: Buffer.byteLength(text), preview: text.slice(0, maxBytes) });
}
