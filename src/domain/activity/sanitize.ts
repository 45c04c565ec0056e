// The activity log records the raw request, and a request refused for a NUL
// or a lone surrogate must still be recordable: PostgreSQL rejects U+0000 in
// text, and a lone surrogate would be stored as U+FFFD anyway. Every text
// field of a row is made storable before it is written, and `strippedRow`
// is the last resort for a row the database still refuses (activity.ts).

import type { ActivityEntry } from './store.js';

// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must go
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with U+0000 and lone surrogates replaced by U+FFFD. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

/** The row with every string field storable. */
export function storableRow(row: ActivityEntry): ActivityEntry {
  const out: Record<string, unknown> = { ...row };
  for (const [key, value] of Object.entries(out)) if (typeof value === 'string') out[key] = storableText(value);
  return out as unknown as ActivityEntry;
}

const asciiOnly = (text: string | null, max: number): string | null => (text === null ? null : text.replace(/[^\x20-\x7E]/g, '?').slice(0, max));

/**
 * What is kept of a row the database refused even once made storable: the
 * facts (time, team, method, status, latency), printable ASCII only, and no
 * request body, so the entry is not lost from the log.
 */
export function strippedRow(row: ActivityEntry): ActivityEntry {
  return {
    ...row,
    path: asciiOnly(row.path, 500) ?? '/',
    idp: asciiOnly(row.idp, 50) ?? 'unknown',
    operation: asciiOnly(row.operation, 50) ?? 'other',
    resourceType: asciiOnly(row.resourceType, 50),
    resourceId: asciiOnly(row.resourceId, 100),
    userName: null,
    summary: 'this entry could not be stored as received; its details were dropped',
    error: asciiOnly(row.error, 500),
    errorType: asciiOnly(row.errorType, 50),
    authFailure: asciiOnly(row.authFailure, 50),
    probe: asciiOnly(row.probe, 50),
    requestBody: null,
    userAgent: asciiOnly(row.userAgent, 300),
    requestId: asciiOnly(row.requestId, 128),
  };
}
