// Every 503 says when to come back (RFC 9110 §10.2.3): IdPs and the typed
// client back off on it instead of counting a failed push. The load shedder
// sets its own delay first; an unavailable database gets this one.

import type { FastifyReply } from 'fastify';

/** Seconds before retrying after `database.unavailable`: past a lock wait or a failover, well under an IdP's retry window. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function setRetryAfter(reply: FastifyReply): void {
  if (!reply.hasHeader('Retry-After')) reply.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
}
