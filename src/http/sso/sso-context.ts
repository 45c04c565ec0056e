// What the SSO routes share. Route modules import this, never sso-plugin.ts,
// which imports them.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { SignInOutcome } from '../../domain/sso/sign-in.js';

/** Finishes a member's sign-in (Rollcall's OIDC provider registers one). */
export type MemberSignInHandler = (request: FastifyRequest, reply: FastifyReply, outcome: SignInOutcome) => Promise<FastifyReply>;

export interface SsoContext {
  services: Services;
  publicUrl: string;
  memberSignIn?: MemberSignInHandler;
}
