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
  | 'api_key.not_found';

export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}
