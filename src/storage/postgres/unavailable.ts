// PostgreSQL failing to answer is not a bug of the request: a statement that
// ran past `statement_timeout` (or waited that long for a lock), a server
// shutting down or refusing connections, a connection lost mid-query, the
// pool finding no connection in time. The transaction is rolled back, nothing
// changed, and the same request can succeed a moment later, so every surface
// answers 503 with Retry-After (the `database.unavailable` row of the error
// catalogue) instead of a 500 that IdPs treat as a failed push.

import { DomainError } from '../../domain/errors.js';

/** SQLSTATEs (PostgreSQL appendix A) that mean "not now", never "not this request". */
const UNAVAILABLE_STATES = new Set([
  '57014', // query_canceled: statement_timeout, lock waits included
  '55P03', // lock_not_available (lock_timeout)
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
]);

/** Errors of the pg driver and of Node's sockets that carry no SQLSTATE. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
const UNAVAILABLE_MESSAGES = [/^Connection terminated/, /^Query read timeout$/, /^timeout exceeded when trying to connect$/, /^Client has encountered a connection error/];

export function isUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return UNAVAILABLE_STATES.has(code) || code.startsWith('08') || UNAVAILABLE_SOCKET_CODES.has(code);
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/** `error` as the catalogue's `database.unavailable` when it is one (the driver's error kept as `cause` for the log), else unchanged. */
export function asUnavailable(error: unknown): unknown {
  if (!isUnavailable(error)) return error;
  const unavailable = new DomainError('database.unavailable', 'the database did not answer in time; the request was rolled back, retry shortly');
  (unavailable as Error).cause = error;
  return unavailable;
}
