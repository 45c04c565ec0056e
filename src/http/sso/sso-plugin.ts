// The public sign-in surface under /sso/:teamId, reached by browsers and
// IdPs, without a session: start (→ IdP), the SAML assertion consumer
// service (HTTP-POST binding, saml-bindings §3.5), the OIDC redirect URI,
// and the SP metadata. Its own form parser and an error handler that
// answers with a page, since a person is looking at it.

import type { FastifyInstance } from 'fastify';
import { DomainError, errorEntry } from '../../domain/errors.js';
import { sendPage } from './sso-page.js';
import { registerSignInRoutes } from './sign-in-routes.js';
import type { SsoContext } from './sso-context.js';

/** A SAMLResponse is a few to a few hundred kilobytes. */
const FORM_LIMIT_BYTES = 1024 * 1024;

export async function ssoPlugin(app: FastifyInstance, ctx: SsoContext): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  // The OIDC callback URL carries an authorization code: never leak it in a Referer.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof DomainError) {
      return sendPage(reply, errorEntry(error.code).status, { title: 'Single sign-on unavailable', message: error.message, code: error.code });
    }
    const { statusCode: status, message } = error as { statusCode?: number; message?: string };
    if (typeof status === 'number' && status >= 400 && status < 500) return sendPage(reply, status, { title: 'Bad request', message: message ?? 'bad request' });
    request.log.error({ err: error }, 'unexpected error serving an SSO request');
    return sendPage(reply, 500, { title: 'Something went wrong', message: 'Rollcall could not finish this request; the server log has the details.' });
  });
  app.setNotFoundHandler((_request, reply) => sendPage(reply, 404, { title: 'Not found', message: 'There is no single sign-on page at this address.' }));

  registerSignInRoutes(app, ctx);
}
