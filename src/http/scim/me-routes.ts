// RFC 7644 §3.11: /Me is an alias for the resource the bearer token
// belongs to. Rollcall's tokens belong to a team's IdP connection, not to a
// User, so there is no resource to alias: the RFC's answer for a provider
// that does not support /Me is 501 Not Implemented, for every method.

import type { FastifyInstance } from 'fastify';
import { ScimError } from '../../scim/errors.js';

const NOT_IMPLEMENTED = 'the /Me endpoint is not supported: SCIM tokens belong to an identity provider connection, not to a user (RFC 7644 §3.11)';

export function registerMeRoutes(app: FastifyInstance): void {
  const answer = () => {
    throw new ScimError(501, NOT_IMPLEMENTED);
  };
  app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/Me', handler: answer });
}
