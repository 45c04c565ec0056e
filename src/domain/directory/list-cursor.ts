// RFC 9865 cursors for the lists of users and groups (SCIM, /api/v1,
// /api/admin). A cursor is the keyset position after the last row of a page
// (its sort value and seq), so the next page is one index range scan from
// there, whatever its depth, and rows inserted or deleted between pages
// neither repeat nor hide the rows that existed throughout.
//
// Opaque to clients: base64url of the position, then a check over the
// position and the list it belongs to (team, resource type, filter, sort).
// A cursor replayed against another team, filter or sort, truncated or
// altered fails the check and is refused (invalidCursor). The check is a
// hash, not a keyed MAC: someone who forges one only reaches a position in a
// list of their own team, which they could read anyway; the storage layer
// still refuses a position whose value has the wrong type for the sort key
// or could not be bound (NUL, lone surrogates, a number beyond a double).
//
// Cursors never expire: a position stays meaningful however the list
// changes, so the ServiceProviderConfig advertises no cursorTimeout.

import { createHash } from 'node:crypto';
import type { AttrPath, Filter } from '../../scim/filter/ast.js';
import { DomainError } from '../errors.js';

export type SortValue = string | number | boolean | null;

export interface KeysetPosition {
  /** The seq of the last row returned. */
  seq: number;
  /** Its sort value, when the list is sorted (null: it had none). */
  key?: SortValue;
  /** At the root /.search, which resource type the position is in. */
  phase?: 'User' | 'Group';
}

export interface CursorScope {
  teamId: string;
  /** 'User', 'Group', 'search' (the root), or an API list's name. */
  list: string;
  filter?: Filter;
  sortBy?: AttrPath;
  sortOrder?: 'ascending' | 'descending';
  /** Anything else the list is narrowed by (e.g. a group id). */
  extra?: string;
}

const VERSION = 1;
const CHECK_BYTES = 12;

function scopeText(scope: CursorScope): string {
  const sortBy = scope.sortBy ? JSON.stringify(scope.sortBy).toLowerCase() : '';
  // The sort order matters only when there is a sort.
  const order = scope.sortBy ? (scope.sortOrder ?? 'ascending') : '';
  return JSON.stringify([VERSION, scope.teamId, scope.list, scope.filter ?? null, sortBy, order, scope.extra ?? '']);
}

function check(scope: CursorScope, payload: string): string {
  return createHash('sha256').update(scopeText(scope)).update('\n').update(payload).digest().subarray(0, CHECK_BYTES).toString('base64url');
}

export function encodeCursor(scope: CursorScope, position: KeysetPosition): string {
  const body: Record<string, unknown> = { s: position.seq };
  if (position.key !== undefined) body.k = position.key;
  if (position.phase !== undefined) body.t = position.phase;
  const payload = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
  return `${payload}.${check(scope, payload)}`;
}

export const invalidCursor = (why: string) =>
  new DomainError('list.invalid_cursor', `${why}: use a nextCursor of this same list (same filter and sort), or an empty cursor to start again`);

// A cursor carries the last row's sort value, which can be as long as a
// string attribute (MAX_STRING_LENGTH, 64 KiB): base64url of its UTF-8 JSON
// stays under this. (Such a cursor fits a POST .search body, not a URL.)
const MAX_CURSOR_LENGTH = 512 * 1024;

/** The position a cursor names; undefined for the empty cursor (the first page). */
export function decodeCursor(scope: CursorScope, text: string): KeysetPosition | undefined {
  if (text === '') return undefined;
  if (text.length > MAX_CURSOR_LENGTH) throw invalidCursor('the cursor is too long');
  const [payload, given, ...rest] = text.split('.');
  if (!payload || !given || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(payload)) throw invalidCursor('the cursor is malformed');
  if (given !== check(scope, payload)) throw invalidCursor('the cursor was not given out for this list');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('the cursor is malformed');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidCursor('the cursor is malformed');
  const { s, k, t } = body as { s?: unknown; k?: unknown; t?: unknown };
  if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) throw invalidCursor('the cursor is malformed');
  if (k !== undefined && k !== null && typeof k !== 'string' && typeof k !== 'number' && typeof k !== 'boolean') throw invalidCursor('the cursor is malformed');
  if (t !== undefined && t !== 'User' && t !== 'Group') throw invalidCursor('the cursor is malformed');
  const position: KeysetPosition = { seq: s };
  if (k !== undefined) position.key = k as SortValue;
  if (t !== undefined) position.phase = t;
  return position;
}
