// Errors of the JSON APIs (/api/admin, /api/v1): `{ error: { code, message } }`
// with the HTTP status from one table that has a row for every domain code.

import type { FastifyReply } from 'fastify';
import { DomainError, type DomainErrorCode } from '../../domain/errors.js';
import { ScimError } from '../../scim/errors.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const API_ERROR_STATUS: Record<DomainErrorCode, number> = {
  'team.not_found': 404,
  'team.slug_taken': 409,
  'team.invalid_slug': 400,
  'team.invalid_plan': 400,
  'token.not_found': 404,
  'resource.not_found': 404,
  'resource.version_mismatch': 412,
  'user.user_name_taken': 409,
  'group.member_not_found': 400,
  'group.member_is_self': 400,
  'admin.invalid_email': 400,
  'admin.invalid_role': 400,
  'admin.link_invalid': 401,
  'admin.session_not_found': 404,
  'plan.feature_unavailable': 403,
  'scim.sso_required': 409,
  'scim.sso_inactive': 403,
  'sso.not_configured': 404,
  'sso.invalid_config': 400,
  'sso.metadata_unavailable': 400,
  'sso.discovery_failed': 400,
  'sso.invalid_state': 409,
  'sso.not_active': 409,
  'setup.link_invalid': 401,
  'setup.already_done': 409,
  'spend.invalid_request': 400,
  'spend.invalid_amount': 400,
  'spend.invalid_currency': 400,
  'spend.invalid_period': 400,
  'spend.currency_mismatch': 422,
  'spend.currency_locked': 409,
  'spend.member_not_found': 404,
  'spend.member_ambiguous': 409,
  'spend.group_not_found': 404,
  'spend.event_conflict': 409,
  'spend.original_not_found': 404,
  'spend.refund_exceeds_original': 422,
  'spend.hold_not_found': 404,
  'spend.hold_not_active': 409,
  'spend.capture_exceeds_hold': 422,
  'spend.request_not_found': 404,
  'spend.request_pending': 409,
  'spend.request_decided': 409,
  'events.invalid_cursor': 400,
  'webhook.not_found': 404,
  'webhook.invalid': 400,
  'webhook.delivery_not_found': 404,
  'activity.invalid_query': 400,
  'activity.not_found': 404,
  'api_key.not_found': 404,
  'oidc_client.not_found': 404,
  'oidc_client.invalid': 400,
};

export function toApiError(error: unknown): { error: ApiError; unexpected: boolean } {
  if (error instanceof ApiError) return { error, unexpected: false };
  if (error instanceof DomainError) return { error: new ApiError(API_ERROR_STATUS[error.code], error.code, error.message), unexpected: false };
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
  return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
}

export const unauthorized = (message: string) => new ApiError(401, 'auth.required', message);
export const forbidden = (message: string) => new ApiError(403, 'auth.forbidden', message);
export const badRequest = (message: string) => new ApiError(400, 'request.invalid', message);
export const notFoundApi = (message: string) => new ApiError(404, 'not_found', message);
/** Users and groups belong to the IdP: the product never edits them (PRODUCT.md rule 3). */
export const managedByIdp = (what: string) =>
  new ApiError(403, 'directory.read_only', `${what} are managed by your identity provider and are read-only here; make the change in the IdP and it will sync.`);
