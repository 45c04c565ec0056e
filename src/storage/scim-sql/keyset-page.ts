// RFC 9865 cursor pagination of the users and groups lists: a page starts
// strictly after the previous page's last row, in (sort key, seq) order, or
// seq alone in the default order. The condition is a row-value comparison on
// the index's own columns, so a page is one index range scan at any depth,
// where startIndex has to skip every row before the page. `seq` is unique,
// so ties in the sort key (equal values, NULLs) neither drop nor repeat
// rows, and a row inserted or deleted between two pages cannot move the
// position of the rows that existed throughout.
//
// The filter, the membership-driven choice and totalResults are the same as
// list-page.ts's; totalResults costs what it costs on the first page (a
// maintained counter unfiltered, a count of the matches filtered), the same
// at every depth.

import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ListQuery, ListResult } from '../../domain/directory/types.js';
import { invalidCursor, type KeysetPosition, type SortValue } from '../../domain/directory/list-cursor.js';
import { RESOURCE_COLUMNS, rowToStored } from '../directory/resource-rows.js';
import type { Executor } from '../executor.js';
import { compileSortKeyParts, type SortKeyParts } from './sort-to-sql.js';
import { membershipPlan } from './membership-plan.js';
import { drivePage } from './membership-page.js';
import { matchCount, matching } from './list-matches.js';
import type { ListTarget } from './list-page.js';

export async function keysetPage(db: Executor, teamId: string, query: ListQuery, target: ListTarget): Promise<ListResult> {
  const after = query.cursor?.after;
  const plan = query.filter ? membershipPlan(query.filter, target.context) : undefined;
  // Which side drives does not depend on depth here: either way a page reads
  // about the same rows wherever it starts, so decide as for a first page.
  const driven = plan !== undefined && (await drivePage(db, teamId, plan, { ...query, startIndex: 1 }, target));
  const total = () => matchCount(db, teamId, query, target, plan);
  if (query.count <= 0) return { total: await total(), rows: [] };

  const seq = sql.ref(`${target.table}.seq`);
  let page = matching(db, teamId, query, target, driven).select([...RESOURCE_COLUMNS, 'seq']);
  let sortKey: SortKeyParts | undefined;
  if (query.sortBy) {
    sortKey = compileSortKeyParts(query.sortBy, target.context);
    const desc = query.sortOrder === 'descending';
    page = page
      .select(sql<unknown>`${sortKey.key}`.as('sort_key'))
      .orderBy(sql`${sortKey.key} ${desc ? sql`desc` : sql`asc`}`)
      .orderBy('seq', desc ? 'desc' : 'asc');
    if (after) page = page.where(afterSorted(sortKey, seq, after, desc));
  } else {
    page = page.orderBy('seq');
    if (after) page = page.where(sql<SqlBool>`${seq} > ${after.seq}`);
  }
  // One row more than the page says whether there is a next page, so the
  // last page carries no nextCursor (RFC 9865 §2.2).
  const rows = await page.limit(query.count + 1).execute();
  const more = rows.length > query.count;
  const shown = more ? rows.slice(0, query.count) : rows;
  const last = shown[shown.length - 1] as (typeof shown)[number] & { sort_key?: unknown };
  const next: KeysetPosition | undefined = more ? { seq: Number(last.seq), ...(sortKey ? { key: fromDatabase(last.sort_key) } : {}) } : undefined;
  // A first page that is not full is the whole result.
  const complete = after === undefined && !more;
  return { total: complete ? shown.length : await total(), rows: shown.map(rowToStored), ...(next ? { next } : {}) };
}

/** A sort value as read back: SQLite's stand-in for NULL (a blob, see nullsSortHigh) is NULL. */
function fromDatabase(value: unknown): SortValue {
  if (value === null || value === undefined || Buffer.isBuffer(value) || value instanceof Uint8Array) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

// eslint-disable-next-line no-control-regex -- NUL is what this refuses
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The cursor's value, checked against the key's type so a forged one cannot reach the database as a wrong type. */
function checked(key: SortKeyParts, value: SortValue): SortValue {
  if (value === null) return null;
  switch (key.type) {
    case 'text':
      // The check over a cursor is a plain hash anyone can recompute, so its
      // value is input like any other: a NUL or a lone surrogate would make
      // PostgreSQL refuse the parameter (a 500), not the cursor.
      if (typeof value === 'string' && !UNSTORABLE_TEXT.test(value)) return value;
      break;
    case 'number':
      // PostgreSQL reads numeric as text; a value beyond a double (1e999999) would overflow its cast.
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && value.length <= 64 && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) && Number.isFinite(Number(value))) return value;
      break;
    case 'boolean':
      // As 0 and 1: SQLite cannot bind a boolean, and PostgreSQL reads '1' as true.
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (value === 0 || value === 1) return value;
      break;
  }
  throw invalidCursor('the cursor does not fit this sort');
}

/**
 * Rows strictly after `after` in (key, seq) order. Ascending, NULLs come last
 * and descending first (nullsSortHigh). SQLite's key is never NULL (NULL is
 * turned into a blob that sorts high) but PostgreSQL's can be, and a
 * comparison with NULL is never true: the NULL rows are named with
 * `raw is null`, which both read the same.
 */
function afterSorted(key: SortKeyParts, seq: RawBuilder<unknown>, after: KeysetPosition, desc: boolean): RawBuilder<SqlBool> {
  if (after.key === undefined) throw invalidCursor('the cursor does not fit this sort');
  const value = checked(key, after.key);
  if (value === null) {
    // After a row without a value: ascending, only the rest of the NULLs;
    // descending, the rest of the NULLs, then every row with a value.
    if (!key.nullable) throw invalidCursor('the cursor does not fit this sort');
    return desc
      ? sql<SqlBool>`((${key.raw} is null and ${seq} < ${after.seq}) or ${key.raw} is not null)`
      : sql<SqlBool>`(${key.raw} is null and ${seq} > ${after.seq})`;
  }
  if (desc) return sql<SqlBool>`(${key.key}, ${seq}) < (${value}, ${after.seq})`;
  const row = sql<SqlBool>`(${key.key}, ${seq}) > (${value}, ${after.seq})`;
  return key.nullable ? sql<SqlBool>`(${row} or ${key.raw} is null)` : row;
}
