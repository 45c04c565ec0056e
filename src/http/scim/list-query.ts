// RFC 7644 §3.4.2 and §3.4.3: list parameters, from the query string of a
// GET or the body of a POST /.search, validated into a ListQuery.

import type { ListQuery } from '../../domain/directory/types.js';
import type { AttrPath } from '../../scim/filter/ast.js';
import { invalidFilter, invalidValue, invalidSyntax, invalidCount } from '../../scim/errors.js';
import { parseFilter } from '../../scim/filter/parse-filter.js';
import { parseAttrPath, parseAttributeList } from '../../scim/path.js';
import { MAX_FILTER_LENGTH, MAX_START_INDEX } from '../../scim/limits.js';

export interface Projection {
  attributes?: AttrPath[];
  excludedAttributes?: AttrPath[];
}

export interface ParsedList {
  query: ListQuery;
  projection: Projection;
  /** RFC 9865: the `cursor` as sent ('' asks for the first page); the route decodes it against its list. */
  cursor?: string;
}

export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/** Case-insensitive lookup: IdPs send `startindex` and `Count` too. */
function pick(params: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(params)) if (k.toLowerCase() === lower) return Array.isArray(v) ? v[0] : v;
  return undefined;
}

function integerParam(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n)) throw invalidValue(`${name} must be an integer (got ${JSON.stringify(value)})`);
  return n;
}

function stringParam(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidValue(`${name} must be a string`);
  return value;
}

function attributeListParam(value: unknown, name: string): AttrPath[] | undefined {
  if (value === undefined || value === null) return undefined;
  // A .search body carries JSON arrays; a query string a comma-separated list.
  const text = Array.isArray(value) ? value.map((v) => String(v)).join(',') : stringParam(value, name);
  const list = parseAttributeList(text ?? '');
  return list.length > 0 ? list : undefined;
}

export function parseProjection(params: Record<string, unknown>): Projection {
  return {
    attributes: attributeListParam(pick(params, 'attributes'), 'attributes'),
    excludedAttributes: attributeListParam(pick(params, 'excludedAttributes'), 'excludedAttributes'),
  };
}

export function parseListParams(params: Record<string, unknown>, limits: { maxResults: number; defaultCount: number }): ParsedList {
  const filterText = stringParam(pick(params, 'filter'), 'filter');
  if (filterText !== undefined && filterText.length > MAX_FILTER_LENGTH) {
    throw invalidFilter(`filter is longer than ${MAX_FILTER_LENGTH} characters (${filterText.length})`);
  }
  const sortByText = stringParam(pick(params, 'sortBy'), 'sortBy');
  const sortOrderText = stringParam(pick(params, 'sortOrder'), 'sortOrder');
  let sortOrder: ListQuery['sortOrder'] = 'ascending';
  if (sortOrderText !== undefined && sortOrderText !== '') {
    const normalized = sortOrderText.toLowerCase();
    if (normalized !== 'ascending' && normalized !== 'descending') throw invalidValue('sortOrder must be "ascending" or "descending"');
    sortOrder = normalized;
  }
  // RFC 7644 §3.4.2.4: startIndex below 1 is 1; a negative count is 0; a
  // count above the maximum is lowered to it. A startIndex past every
  // possible row (`1e308`) is lowered to MAX_START_INDEX: still an empty page,
  // and an OFFSET both databases accept.
  const cursor = stringParam(pick(params, 'cursor'), 'cursor');
  const givenStart = integerParam(pick(params, 'startIndex'), 'startIndex');
  const givenCount = integerParam(pick(params, 'count'), 'count');
  if (cursor !== undefined) {
    // RFC 9865 §2.2: one pagination method per request, and a count the
    // server cannot honour is an error rather than silently lowered.
    if (givenStart !== undefined) throw invalidValue('startIndex and cursor cannot be used together: page either by index or by cursor');
    if (givenCount !== undefined && (givenCount < 0 || givenCount > limits.maxResults)) {
      throw invalidCount(`count must be between 0 and ${limits.maxResults} (maxPageSize) with cursor pagination (got ${givenCount})`);
    }
  }
  const startIndex = Math.min(MAX_START_INDEX, Math.max(1, givenStart ?? 1));
  const count = Math.min(limits.maxResults, Math.max(0, givenCount ?? limits.defaultCount));
  return {
    ...(cursor !== undefined ? { cursor } : {}),
    query: {
      filter: filterText !== undefined && filterText.trim() !== '' ? parseFilter(filterText) : undefined,
      sortBy: sortByText ? parseAttrPath(sortByText) : undefined,
      sortOrder,
      startIndex,
      count,
    },
    projection: parseProjection(params),
  };
}

/** The body of POST /.search: a SearchRequest message. */
export function searchBodyParams(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw invalidSyntax('a search request body must be a JSON object');
  const schemas = (body as { schemas?: unknown }).schemas;
  if (Array.isArray(schemas) && schemas.length > 0 && !schemas.some((s) => String(s).toLowerCase() === SEARCH_REQUEST.toLowerCase())) {
    throw invalidSyntax(`a search request must carry the schema ${SEARCH_REQUEST}`);
  }
  return body as Record<string, unknown>;
}
