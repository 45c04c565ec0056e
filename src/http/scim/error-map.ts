// Domain error codes → SCIM errors (RFC 7644 §3.12). The Record type forces
// a row for every code, so a new code cannot reach the wire unmapped.

import type { DomainErrorCode } from '../../domain/errors.js';
import type { ScimType } from '../../scim/errors.js';

export const SCIM_ERROR_MAP: Record<DomainErrorCode, { status: number; scimType?: ScimType }> = {
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
  'api_key.not_found': { status: 404 },
};
