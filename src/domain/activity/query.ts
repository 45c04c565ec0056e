// Reads the activity log's query string (admin API): status, resource, user,
// time range, page. A malformed value is the caller's error, named.

import { DomainError } from '../errors.js';
import type { ActivityQuery } from './store.js';

export interface RawActivityQuery {
  status?: string;
  resource?: string;
  user?: string;
  since?: string;
  until?: string;
  before?: string;
  limit?: string;
}

const RESOURCES = ['User', 'Group', 'Bulk', 'ServiceProviderConfig', 'ResourceTypes', 'Schemas'];
const invalid = (message: string) => new DomainError('activity.invalid_query', message);

function status(value: string): ActivityQuery['status'] {
  if (value === 'error') return { min: 400, max: 599 };
  if (value === 'success') return { min: 100, max: 399 };
  const cls = /^([1-5])xx$/i.exec(value);
  if (cls) return { min: Number(cls[1]) * 100, max: Number(cls[1]) * 100 + 99 };
  if (/^[1-5][0-9]{2}$/.test(value)) return { min: Number(value), max: Number(value) };
  throw invalid('status must be a code (401), a class (4xx), "error" or "success"');
}

function time(name: string, value: string): string {
  const t = new Date(value);
  if (Number.isNaN(t.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw invalid(`${name} must be an ISO 8601 time, e.g. 2026-01-31T09:00:00Z`);
  return t.toISOString();
}

export function parseActivityQuery(raw: RawActivityQuery): ActivityQuery {
  const query: ActivityQuery = { limit: 50 };
  if (raw.status) query.status = status(raw.status);
  if (raw.resource) {
    const resource = RESOURCES.find((r) => r.toLowerCase() === raw.resource?.toLowerCase());
    if (!resource) throw invalid(`resource must be one of ${RESOURCES.join(', ')}`);
    query.resource = resource;
  }
  if (raw.user) query.user = raw.user.slice(0, 300);
  if (raw.since) query.since = time('since', raw.since);
  if (raw.until) query.until = time('until', raw.until);
  if (raw.before) {
    if (!/^[0-9]{1,15}$/.test(raw.before)) throw invalid('before must be the nextBefore of an earlier page');
    query.before = Number(raw.before);
  }
  if (raw.limit) {
    const limit = Number(raw.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw invalid('limit must be an integer from 1 to 200');
    query.limit = limit;
  }
  return query;
}
