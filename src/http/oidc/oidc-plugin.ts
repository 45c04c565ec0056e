// Rollcall's OpenID Provider on HTTP, under /oidc: oidc-provider (a koa
// app) answers its own endpoints, mounted route by route so the API
// document lists each; /oidc/interaction/:uid is ours and sends the member
// to the team's IdP. The provider reads request bodies itself, so this
// plugin's parser leaves them unread.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Provider } from 'oidc-provider';
import type { Services } from '../../services.js';
import { DomainError, errorEntry } from '../../domain/errors.js';
import { createOidcProvider, OIDC_MOUNT } from '../../oidc/create-provider.js';
import { renderPage, sendPage } from '../sso/sso-page.js';
import { createMemberSignInHandler } from './member-sign-in-handler.js';
import { registerInteractionRoutes } from './interaction-routes.js';
import type { MemberSignInHandler } from '../sso/sso-context.js';

/** oidc-provider's endpoints (paths under /oidc) and the methods each answers (OIDC Core, Discovery, RFC 7009). */
export const PROVIDER_ROUTES: [string, ('GET' | 'POST')[]][] = [
  ['/.well-known/openid-configuration', ['GET']],
  ['/jwks', ['GET']],
  ['/auth', ['GET', 'POST']],
  ['/auth/:uid', ['GET']],
  ['/token', ['POST']],
  ['/me', ['GET', 'POST']],
  ['/token/revocation', ['POST']],
];

export interface OidcSurface {
  provider: Provider;
  memberSignIn: MemberSignInHandler;
}

export async function createOidcSurface(services: Services, publicUrl: string): Promise<OidcSurface> {
  const provider = await createOidcProvider({
    publicUrl,
    members: services.memberSignIn,
    clients: services.oidcClients,
    payloads: services.oidcProvider.payloads,
    keys: services.oidcProvider.keys,
    clock: services.oidcProvider.clock,
    findTeam: (ref) => services.teams.find(ref),
    renderError: (title, message, code) => renderPage({ title, message, code }),
  });
  return { provider, memberSignIn: createMemberSignInHandler(provider, services) };
}

export async function oidcPlugin(app: FastifyInstance, ctx: { services: Services; publicUrl: string; surface: OidcSurface }): Promise<void> {
  const { provider } = ctx.surface;
  const callback = provider.callback();
  const base = new URL(ctx.publicUrl);
  const basePath = base.pathname.replace(/\/$/, '');

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof DomainError) return sendPage(reply, errorEntry(error.code).status, { title: 'Sign-in unavailable', message: error.message, code: error.code });
    request.log.error({ err: error }, 'unexpected error in an OIDC sign-in');
    return sendPage(reply, 500, { title: 'Something went wrong', message: 'Rollcall could not finish this sign-in; the server log has the details.' });
  });

  /** Hands the raw request to oidc-provider, as mounted at the public URL's /oidc. */
  function toProvider(request: FastifyRequest, reply: FastifyReply): void {
    reply.hijack();
    const req = request.raw as typeof request.raw & { originalUrl?: string };
    const url = req.url ?? '/';
    req.originalUrl = basePath + url;
    req.url = url.slice(OIDC_MOUNT.length) || '/';
    req.headers['x-forwarded-proto'] = base.protocol.slice(0, -1);
    req.headers['x-forwarded-host'] = base.host;
    reply.raw.setHeader('X-Request-Id', request.id);
    callback(req, reply.raw);
  }

  for (const [path, methods] of PROVIDER_ROUTES) app.route({ method: methods, url: path, handler: toProvider });
  registerInteractionRoutes(app, ctx.services, provider, ctx.publicUrl);
}
