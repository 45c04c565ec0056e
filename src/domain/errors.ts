// Domain errors carry a stable code and no HTTP status; each API surface maps
// codes to its own wire format in one table (see http/scim/error-map.ts).

export type DomainErrorCode =
  | 'team.not_found'
  | 'team.slug_taken'
  | 'team.invalid_slug'
  | 'team.invalid_plan'
  | 'token.not_found'
  | 'resource.not_found'
  | 'resource.version_mismatch'
  | 'user.user_name_taken'
  | 'group.member_not_found'
  | 'group.member_is_self'
  | 'admin.invalid_email'
  | 'admin.invalid_role'
  | 'admin.link_invalid'
  | 'admin.session_not_found'
  | 'plan.feature_unavailable'
  | 'scim.sso_required'
  | 'scim.sso_inactive'
  | 'sso.not_configured'
  | 'sso.invalid_config'
  | 'sso.metadata_unavailable'
  | 'sso.discovery_failed'
  | 'sso.invalid_state'
  | 'sso.not_active'
  | 'setup.link_invalid'
  | 'setup.already_done'
  | 'spend.invalid_request'
  | 'spend.invalid_amount'
  | 'spend.invalid_currency'
  | 'spend.invalid_period'
  | 'spend.currency_mismatch'
  | 'spend.currency_locked'
  | 'spend.member_not_found'
  | 'spend.member_ambiguous'
  | 'spend.group_not_found'
  | 'spend.event_conflict'
  | 'spend.original_not_found'
  | 'spend.refund_exceeds_original'
  | 'spend.hold_not_found'
  | 'spend.hold_not_active'
  | 'spend.capture_exceeds_hold'
  | 'spend.request_not_found'
  | 'spend.request_pending'
  | 'spend.request_decided'
  | 'events.invalid_cursor'
  | 'webhook.not_found'
  | 'webhook.invalid'
  | 'webhook.delivery_not_found'
  | 'activity.invalid_query'
  | 'activity.not_found'
  | 'api_key.not_found'
  | 'oidc_client.not_found'
  | 'oidc_client.invalid';

export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}
