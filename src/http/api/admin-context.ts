// What the admin API's routes (/api/admin) are given, and the signed-in admin
// its guard (admin-guard.ts) puts on the request. Route modules import this,
// never admin-plugin.ts, which imports them.

import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { AccountRecord, SessionRecord } from '../../domain/access/store.js';
import { unauthorized } from './api-error.js';

export interface AdminContext {
  services: Services;
  publicUrl: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    admin?: { account: AccountRecord; session: SessionRecord };
  }
}

/** The signed-in admin (every route guarded by a session has one), or a 401. */
export function signedIn(request: FastifyRequest): { account: AccountRecord; session: SessionRecord } {
  if (!request.admin) throw unauthorized('sign in first');
  return request.admin;
}
