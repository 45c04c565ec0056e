// The error catalogue: every domain error code, declared ONCE, with the HTTP
// status every surface answers it with. The domain throws `new DomainError(code,
// message)` and never sees a status; the JSON APIs (http/api/api-error.ts), the
// SCIM surface (http/scim/to-scim-error.ts) and the sign-in pages (sso, oidc)
// all read this table, so a code cannot answer differently on two surfaces.
//
// Adding a code is one edit: a row here. `DomainErrorCode` is derived from the
// keys, so throwing a code that has no row is a compile error.
//   status    the HTTP status (the JSON APIs send `{ error: { code, message } }`)
//   scimType  only where SCIM has one (RFC 7644 §3.12 Table 9); SCIM answers
//             with the same status and, without it, no scimType.

import type { ScimType } from '../scim/errors.js';

export interface ErrorEntry {
  readonly status: number;
  readonly scimType?: ScimType;
}

export const ERROR_CATALOGUE = {
  'team.not_found': { status: 404 },
  'team.slug_taken': { status: 409, scimType: 'uniqueness' },
  'team.invalid_slug': { status: 400, scimType: 'invalidValue' },
  'team.invalid_plan': { status: 400, scimType: 'invalidValue' },
  'token.not_found': { status: 404 },
  'resource.not_found': { status: 404 },
  'resource.version_mismatch': { status: 412 },
  'user.user_name_taken': { status: 409, scimType: 'uniqueness' },
  'group.member_not_found': { status: 400, scimType: 'invalidValue' },
  'group.member_is_self': { status: 400, scimType: 'invalidValue' },
  'admin.invalid_email': { status: 400, scimType: 'invalidValue' },
  'admin.invalid_role': { status: 400, scimType: 'invalidValue' },
  'admin.link_invalid': { status: 401 },
  'admin.session_not_found': { status: 404 },
  'admin.not_found': { status: 404 },
  'admin.already_admin': { status: 409, scimType: 'uniqueness' },
  'admin.last_owner': { status: 409 },
  'admin.owner_required': { status: 403 },
  'mail.not_configured': { status: 409 },
  'plan.feature_unavailable': { status: 403 },
  'scim.sso_required': { status: 409 },
  'scim.sso_inactive': { status: 403 },
  'sso.not_configured': { status: 404 },
  'sso.invalid_config': { status: 400, scimType: 'invalidValue' },
  'sso.metadata_unavailable': { status: 400, scimType: 'invalidValue' },
  'sso.discovery_failed': { status: 400, scimType: 'invalidValue' },
  'sso.invalid_state': { status: 409 },
  'sso.not_active': { status: 409 },
  'setup.link_invalid': { status: 401 },
  'setup.already_done': { status: 409 },
  'spend.invalid_request': { status: 400, scimType: 'invalidValue' },
  'spend.invalid_amount': { status: 400, scimType: 'invalidValue' },
  'spend.invalid_currency': { status: 400, scimType: 'invalidValue' },
  'spend.invalid_period': { status: 400, scimType: 'invalidValue' },
  'spend.currency_mismatch': { status: 422 },
  'spend.currency_locked': { status: 409 },
  'spend.member_not_found': { status: 404 },
  'spend.member_ambiguous': { status: 409 },
  'spend.group_not_found': { status: 404 },
  'spend.event_conflict': { status: 409, scimType: 'uniqueness' },
  'spend.original_not_found': { status: 404 },
  'spend.refund_exceeds_original': { status: 422 },
  'spend.hold_not_found': { status: 404 },
  'spend.hold_not_active': { status: 409 },
  'spend.capture_exceeds_hold': { status: 422 },
  'spend.request_not_found': { status: 404 },
  'spend.request_pending': { status: 409 },
  'spend.request_decided': { status: 409 },
  'events.invalid_cursor': { status: 400, scimType: 'invalidValue' },
  'webhook.not_found': { status: 404 },
  'webhook.invalid': { status: 400, scimType: 'invalidValue' },
  'webhook.delivery_not_found': { status: 404 },
  'activity.invalid_query': { status: 400, scimType: 'invalidValue' },
  'activity.not_found': { status: 404 },
  'api_key.not_found': { status: 404 },
  'oidc_client.not_found': { status: 404 },
  'oidc_client.invalid': { status: 400, scimType: 'invalidValue' },
  'scim_oauth_client.not_found': { status: 404 },
  // Team lifecycle and admin portal links (issue 11).
  'team.invalid_external_id': { status: 400, scimType: 'invalidValue' },
  'team.external_id_taken': { status: 409, scimType: 'uniqueness' },
  'team.external_id_conflict': { status: 409, scimType: 'uniqueness' },
  'team.invalid_request': { status: 400, scimType: 'invalidValue' },
  'team.invalid_cursor': { status: 400, scimType: 'invalidValue' },
  'portal_link.invalid': { status: 400, scimType: 'invalidValue' },
  'portal_link.return_url_not_allowed': { status: 400, scimType: 'invalidValue' },
  'portal_link.unusable': { status: 400, scimType: 'invalidValue' },
  // RFC 9865 cursors of the SCIM, host and admin lists (domain/directory/list-cursor.ts).
  'list.invalid_cursor': { status: 400, scimType: 'invalidCursor' },
  // The database did not answer in time (statement timeout, lock wait,
  // connection lost or refused): the request changed nothing and may be
  // retried, so 503 with Retry-After rather than a 500 (storage/postgres/unavailable.ts).
  'database.unavailable': { status: 503 },
} satisfies Record<string, ErrorEntry>;

export type DomainErrorCode = keyof typeof ERROR_CATALOGUE;

/** The catalogue row of a code (typed as the common shape, so `scimType` is readable on every row). */
export function errorEntry(code: DomainErrorCode): ErrorEntry {
  return ERROR_CATALOGUE[code];
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}

/** Whether `error`, or an error it was caused by (a rolled-back batch wraps its cause), is a DomainError of `code`. */
export function causedBy(error: unknown, code: DomainErrorCode): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof DomainError && e.code === code) return true;
  }
  return false;
}
