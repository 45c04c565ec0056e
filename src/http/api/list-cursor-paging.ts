// RFC 9865's cursor, on the host and admin JSON lists of users and groups:
// `cursor` (empty: the first page) instead of `startIndex`, and `nextCursor`
// in the answer (null on the last page). The cursor is the same keyset
// position as SCIM's (domain/directory/list-cursor.ts), bound to the team,
// the list and its filter and sort, so a deep page costs what the first does.

import type { ListQuery } from '../../domain/directory/types.js';
import { decodeCursor, encodeCursor, type CursorScope, type KeysetPosition } from '../../domain/directory/list-cursor.js';
import { badRequest } from './api-error.js';

/** Refuses `cursor` with `startIndex` (one pagination method per request) and a cursor that is not text. */
export function cursorParam(query: { cursor?: unknown; startIndex?: unknown }): string | undefined {
  const { cursor } = query;
  if (cursor === undefined) return undefined;
  if (typeof cursor !== 'string') throw badRequest('cursor must be given once');
  if (query.startIndex !== undefined) throw badRequest('startIndex and cursor cannot be used together: page either by index or by cursor');
  return cursor;
}

/** The query's keyset position, when paging by cursor. */
export function withCursor(query: ListQuery, scope: CursorScope, cursor: string | undefined): ListQuery {
  return cursor === undefined ? query : { ...query, startIndex: 1, cursor: { after: decodeCursor(scope, cursor) } };
}

/** The paging part of an answer: startIndex by index, nextCursor by cursor. */
export function pagingFields(scope: CursorScope, cursor: string | undefined, startIndex: number, next: KeysetPosition | undefined): { startIndex: number } | { nextCursor: string | null } {
  if (cursor === undefined) return { startIndex };
  return { nextCursor: next ? encodeCursor(scope, next) : null };
}
