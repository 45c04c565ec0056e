// Validation of what callers send to spend management. Every rule fails with
// a DomainError before anything is read or written, so a refused request
// records nothing.

import { DomainError } from '../errors.js';
import { MAX_START_INDEX } from '../../scim/limits.js';
import type { LimitMode, MemberLookup, MemberLookupKey } from './store.js';

/** Large enough for any real price in minor units, small enough that sums stay exact doubles. */
export const MAX_AMOUNT = 1_000_000_000_000_000;
export const MAX_METADATA_BYTES = 8192;
/** How far in the future an occurredAt may be (clock skew between the host and Rollcall). */
export const FUTURE_SKEW_MS = 5 * 60_000;

const LOOKUP_KEYS: MemberLookupKey[] = ['id', 'userName', 'email', 'externalId'];

export const invalidRequest = (message: string) => new DomainError('spend.invalid_request', message);

export type Body = Record<string, unknown>;

export function bodyOf(input: unknown): Body {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw invalidRequest('the request body must be a JSON object');
  return input as Body;
}

/** Refuses fields the endpoint does not know, so a typo never passes silently. */
export function onlyFields(body: Body, allowed: string[]): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw invalidRequest(`unknown field "${extra[0]}"; this endpoint takes ${allowed.join(', ')}`);
}

/** An integer amount in minor units: never negative, never fractional, never a string. */
export function amountOf(value: unknown, what: string, options: { min: 0 | 1 }): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DomainError('spend.invalid_amount', `${what} must be a number of minor units (e.g. 1250 for 12.50)${value === undefined ? '; it is missing' : ''}`);
  }
  if (!Number.isInteger(value)) throw new DomainError('spend.invalid_amount', `${what} must be a whole number of minor units (cents), not ${value}`);
  if (value < 0) throw new DomainError('spend.invalid_amount', `${what} must not be negative (got ${value}); record a refund with "reverses" instead`);
  if (value < options.min) throw new DomainError('spend.invalid_amount', `${what} must be at least ${options.min}`);
  if (value > MAX_AMOUNT) throw new DomainError('spend.invalid_amount', `${what} must be at most ${MAX_AMOUNT}`);
  return value;
}

/** An ISO 4217 code, upper-cased. */
export function currencyOf(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value)) {
    throw new DomainError('spend.invalid_currency', `currency must be a three-letter ISO 4217 code such as "USD"${value === undefined ? '; it is missing' : ''}`);
  }
  return value.toUpperCase();
}

export function checkCurrency(given: string, team: string): void {
  if (given !== team) {
    throw new DomainError('spend.currency_mismatch', `this team's spend is in ${team}; the request is in ${given} (nothing was recorded)`);
  }
}

export function stringOf(value: unknown, what: string, max = 200): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw invalidRequest(`${what} must be a non-empty string of at most ${max} characters`);
  }
  return value;
}

/** `{ "id": … }`, `{ "userName": … }`, `{ "email": … }` or `{ "externalId": … }`: exactly one. */
export function memberLookupOf(value: unknown): MemberLookup {
  const hint = 'member must be an object with exactly one of id, userName, email, externalId';
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidRequest(`${hint}${value === undefined ? '; it is missing' : ''}`);
  const entries = Object.entries(value as Body);
  if (entries.length !== 1 || !LOOKUP_KEYS.includes(entries[0][0] as MemberLookupKey)) throw invalidRequest(hint);
  const [by, ref] = entries[0];
  return { by: by as MemberLookupKey, value: stringOf(ref, `member.${by}`, 1024) };
}

export function lookupKeyOf(value: string | undefined): MemberLookupKey {
  const by = (value ?? 'id') as MemberLookupKey;
  if (!LOOKUP_KEYS.includes(by)) throw invalidRequest(`by must be one of ${LOOKUP_KEYS.join(', ')}`);
  return by;
}

export function metadataOf(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest('metadata must be a JSON object');
  if (new TextEncoder().encode(JSON.stringify(value)).length > MAX_METADATA_BYTES) throw invalidRequest(`metadata must be at most ${MAX_METADATA_BYTES} bytes of JSON`);
  return value as Record<string, unknown>;
}

/** An ISO 8601 instant with a time zone, not further than FUTURE_SKEW_MS ahead of `now`. */
export function occurredAtOf(value: unknown, now: Date): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : undefined;
  if (!at || Number.isNaN(at.getTime())) throw invalidRequest('occurredAt must be an ISO 8601 date-time with a time zone, e.g. "2026-11-22T08:57:11Z"');
  if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) throw invalidRequest('occurredAt is in the future');
  return at;
}

/** `"hard"` (the default: refuse beyond the limit) or `"soft"` (allow, flag and alert). */
export function modeOf(value: unknown): LimitMode {
  if (value === undefined) return 'hard';
  if (value !== 'hard' && value !== 'soft') throw invalidRequest('mode must be "hard" or "soft"');
  return value;
}

/** A limit to set: `{ "amount": 5000, "mode"?: "hard" | "soft" }` or `{ "unlimited": true }`. */
export function limitOf(input: unknown): { amount: number | null; mode: LimitMode } {
  const body = bodyOf(input);
  onlyFields(body, ['amount', 'unlimited', 'mode']);
  const mode = modeOf(body.mode);
  if (body.unlimited === true && body.amount === undefined) return { amount: null, mode: 'hard' };
  if (body.unlimited !== undefined && body.unlimited !== false) throw invalidRequest('send either {"amount": <minor units>} or {"unlimited": true}');
  return { amount: amountOf(body.amount, 'amount', { min: 0 }), mode };
}

/** Page parameters as the other admin and host lists take them. */
export function pageOf(query: { startIndex?: string; count?: string }, max: number, fallback: number): { startIndex: number; count: number } {
  const startIndex = query.startIndex === undefined ? 1 : Number(query.startIndex);
  const count = query.count === undefined ? fallback : Number(query.count);
  if (!Number.isInteger(startIndex) || startIndex < 1 || startIndex > MAX_START_INDEX) throw invalidRequest(`startIndex must be a whole number from 1 to ${MAX_START_INDEX}`);
  if (!Number.isInteger(count) || count < 0 || count > max) throw invalidRequest(`count must be a whole number from 0 to ${max}`);
  return { startIndex, count };
}
