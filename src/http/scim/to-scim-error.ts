// Any error thrown while serving a SCIM request, as a ScimError: protocol
// errors pass through, domain errors take their status and scimType from the
// catalogue (domain/errors.ts), fastify's own errors get
// their SCIM equivalent, and everything else is a generic 500 (the cause is
// logged, never shown).

import { DomainError, errorEntry } from '../../domain/errors.js';
import { ScimError } from '../../scim/errors.js';

export function toScimError(error: unknown): { error: ScimError; unexpected: boolean } {
  if (error instanceof ScimError) return { error, unexpected: false };
  if (error instanceof DomainError) {
    const { status, scimType } = errorEntry(error.code);
    // A database outage is logged like an unexpected error: the operator needs to see it.
    return { error: new ScimError(status, error.message, scimType), unexpected: error.code === 'database.unavailable' };
  }
  const e = error as { code?: string; statusCode?: number; message?: string };
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { error: new ScimError(413, 'the request body is larger than this server accepts'), unexpected: false };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { error: new ScimError(400, 'the request body is not valid JSON', 'invalidSyntax'), unexpected: false };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { error: new ScimError(415, 'send application/scim+json or application/json'), unexpected: false };
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { error: new ScimError(e.statusCode, e.message ?? 'bad request'), unexpected: false };
  }
  return { error: new ScimError(500, 'internal error; the server log has the details'), unexpected: true };
}
