// Errors of the JSON APIs (/api/admin, /api/v1): `{ error: { code, message } }`.
// A domain error's status comes from the error catalogue (domain/errors.ts);
// the codes below (auth.*, request.*) belong to the API surface itself.

import type { FastifyReply } from 'fastify';
import { DomainError, ERROR_CATALOGUE, errorEntry, type DomainErrorCode } from '../../domain/errors.js';
import { ScimError } from '../../scim/errors.js';
import { setRetryAfter } from '../retry-after.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Each domain code's status, as the catalogue (domain/errors.ts) declares it; a view for docs checks. */
export const API_ERROR_STATUS = Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [code, entry.status])) as Record<DomainErrorCode, number>;

export function toApiError(error: unknown): { error: ApiError; unexpected: boolean } {
  if (error instanceof ApiError) return { error, unexpected: false };
  // A database outage is logged like an unexpected error: the operator needs to see it.
  if (error instanceof DomainError) return { error: new ApiError(errorEntry(error.code).status, error.code, error.message), unexpected: error.code === 'database.unavailable' };
  // Protocol errors (a bad filter in a search box) keep their status.
  if (error instanceof ScimError) return { error: new ApiError(error.status, `scim.${error.scimType ?? 'error'}`, error.message), unexpected: false };
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { error: new ApiError(400, 'request.invalid_json', 'the request body is not valid JSON'), unexpected: false };
  }
  if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { error: new ApiError(413, 'request.too_large', 'the request body is too large'), unexpected: false };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { error: new ApiError(e.statusCode, 'request.invalid', e.message ?? 'bad request'), unexpected: false };
  }
  return { error: new ApiError(500, 'internal', 'internal error; the server log has the details'), unexpected: true };
}

export function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  if (error.status === 503) setRetryAfter(reply);
  return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
}

export const unauthorized = (message: string) => new ApiError(401, 'auth.required', message);
export const forbidden = (message: string) => new ApiError(403, 'auth.forbidden', message);
export const badRequest = (message: string) => new ApiError(400, 'request.invalid', message);
export const notFoundApi = (message: string) => new ApiError(404, 'not_found', message);
/** Users and groups belong to the IdP: the product never edits them (PRODUCT.md rule 3). */
export const managedByIdp = (what: string) =>
  new ApiError(403, 'directory.read_only', `${what} are managed by your identity provider and are read-only here; make the change in the IdP and it will sync.`);
