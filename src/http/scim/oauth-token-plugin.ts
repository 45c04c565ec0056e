// The SCIM token endpoint, POST /scim/v2/:teamId/oauth/token: OAuth 2.0
// client credentials (RFC 6749 §4.4) for IdPs that authenticate to SCIM with
// a client id and secret. Its own plugin, beside the SCIM one (whose bearer
// auth must not run here): form bodies, client authentication by
// client_secret_basic (§2.3.1, id and secret form-urlencoded inside Basic) or
// client_secret_post, JSON answers with `Cache-Control: no-store` (§5.1) and
// §5.2 errors. Every answer for a known team goes to the activity log.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { ScimOAuthClientLookup } from '../../domain/directory/store.js';
import { hashSecret } from '../../domain/secrets.js';
import type { ActivitySampler } from '../api/activity-sampler.js';
import { redactQuerySecrets } from '../redact-query-secrets.js';
import { createFailureLimit, type FailureLimit } from './oauth-failure-limit.js';

export const TOKEN_PATH = '/oauth/token';
const FORM = 'application/x-www-form-urlencoded';
const MAX_BODY_BYTES = 16 * 1024;

export interface OAuthTokenContext {
  services: Services;
  publicUrl: string;
  activitySampler?: ActivitySampler;
  /** Failed client authentications per client id (oauth-failure-limit.ts); one per app by default. */
  failureLimit?: FailureLimit;
}

/** The token endpoint of a team, as advertised in /ServiceProviderConfig and shown to admins. */
export const tokenEndpointUrl = (publicUrl: string, teamId: string) => `${publicUrl}/scim/v2/${teamId}${TOKEN_PATH}`;

type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope' | 'slow_down' | 'server_error';

class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: OAuthErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What the activity log keeps of one token request (never the secret). */
interface TokenAudit {
  /** The team is known to exist (a client of it authenticated). */
  teamKnown: boolean;
  clientId?: string;
  clientAuth: 'client_secret_basic' | 'client_secret_post' | 'none';
  grantType?: string;
  scope?: string;
  error?: { code: string; description: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    oauthAudit?: TokenAudit;
  }
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache').type('application/json; charset=utf-8');
}

/** §5.2: `{ error, error_description }`; a 401 names the Basic scheme (RFC 9110 §11.6.1). */
function sendOAuthError(reply: FastifyReply, error: OAuthError, retryAfterSeconds?: number): FastifyReply {
  if (error.status === 401) reply.header('WWW-Authenticate', 'Basic realm="Rollcall SCIM token endpoint", charset="UTF-8"');
  if (retryAfterSeconds !== undefined) reply.header('Retry-After', String(retryAfterSeconds));
  return noStore(reply.code(error.status)).send({ error: error.code, error_description: error.message });
}

const invalidRequest = (message: string) => new OAuthError(400, 'invalid_request', message);
const invalidClient = () =>
  new OAuthError(401, 'invalid_client', 'client authentication failed: unknown client_id, wrong client_secret, or a client that is revoked or belongs to another team');

/** RFC 6749 §2.3.1: the id and secret are form-urlencoded before they go into Basic. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** The client credentials of a Basic header; undefined for another scheme or none. */
function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic(?:\s+(.*))?$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const encoded = (match[1] ?? '').trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw invalidRequest('the Basic credentials are not base64');
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalidRequest('the Basic credentials need the form client_id:client_secret');
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw invalidRequest('the Basic credentials are not valid form-urlencoded text (RFC 6749 §2.3.1)');
  }
}

/** §3.2: parameters in the body, each at most once; one sent without a value counts as omitted. */
function parseForm(request: FastifyRequest): Map<string, string> {
  const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== FORM) throw invalidRequest(`send the parameters as ${FORM} in the request body (RFC 6749 §4.4.2)`);
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(typeof request.body === 'string' ? request.body : '')) {
    if (params.has(name)) throw invalidRequest(`the parameter ${name} is given more than once`);
    if (value !== '') params.set(name, value);
  }
  return params;
}

const SECRET_IN_URL = /[?&](client_secret|access_token)=/i;

export async function scimOAuthTokenPlugin(app: FastifyInstance, ctx: OAuthTokenContext): Promise<void> {
  const { services } = ctx;
  const failures = ctx.failureLimit ?? createFailureLimit();
  app.decorateRequest('oauthAudit', undefined);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, String(body)));

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof OAuthError) return sendOAuthError(reply, error);
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const tooLarge = status === 413;
      return sendOAuthError(reply, invalidRequest(tooLarge ? `the request body is larger than ${MAX_BODY_BYTES} bytes` : 'the request could not be read'));
    }
    request.log.error({ err: error }, 'unexpected error serving a SCIM token request');
    return sendOAuthError(reply, new OAuthError(500, 'server_error', 'internal error; the server log has the details'));
  });

  app.post<{ Params: { teamId: string } }>(TOKEN_PATH, async (request, reply) => {
    const { teamId } = request.params;
    const audit: TokenAudit = { teamKnown: false, clientAuth: 'none' };
    request.oauthAudit = audit;
    const refuse = (error: OAuthError, retryAfterSeconds?: number) => {
      audit.error = { code: error.code, description: error.message };
      return sendOAuthError(reply, error, retryAfterSeconds);
    };
    try {
      if (SECRET_IN_URL.test(request.url)) throw invalidRequest('send client_secret in the request body or the Authorization header, never in the URL (RFC 6749 §2.3.1)');
      const params = parseForm(request);
      audit.grantType = params.get('grant_type');
      audit.scope = params.get('scope');
      audit.clientId = params.get('client_id');

      // Client authentication (§2.3): Basic, or the secret in the body; never both.
      const basic = basicCredentials(request.headers.authorization);
      let credentials: { clientId: string; clientSecret: string };
      if (basic) {
        if (params.has('client_secret')) throw invalidRequest('authenticate with one method: the Authorization header or client_secret in the body, not both');
        if (params.has('client_id') && params.get('client_id') !== basic.clientId) throw invalidRequest('client_id in the body differs from the one in the Authorization header');
        credentials = basic;
        audit.clientAuth = 'client_secret_basic';
      } else {
        const clientId = params.get('client_id');
        const clientSecret = params.get('client_secret');
        if (clientId === undefined && clientSecret === undefined) throw invalidClient();
        if (clientId === undefined || clientSecret === undefined) throw invalidRequest(`the ${clientId === undefined ? 'client_id' : 'client_secret'} parameter is missing`);
        credentials = { clientId, clientSecret };
        audit.clientAuth = 'client_secret_post';
      }
      audit.clientId = credentials.clientId;

      const failureKey = `${teamId}\n${credentials.clientId}`;
      const wait = failures.retryAfter(failureKey);
      if (wait !== undefined) {
        return refuse(new OAuthError(429, 'slow_down', `too many failed authentications of this client; retry after ${wait} s`), wait);
      }
      const client: ScimOAuthClientLookup | undefined = await services.scimOAuth.authenticateClient(teamId, credentials);
      if (!client) {
        failures.fail(failureKey);
        throw invalidClient();
      }
      audit.teamKnown = true;

      const grantType = params.get('grant_type');
      if (grantType === undefined) throw invalidRequest('the grant_type parameter is missing; send grant_type=client_credentials');
      if (grantType !== 'client_credentials') throw new OAuthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported here; send grant_type=client_credentials`);
      const scope = params.get('scope');
      if (scope !== undefined && !scope.split(' ').every((s) => s === 'scim' || s === '')) {
        throw new OAuthError(400, 'invalid_scope', 'the only scope is "scim" (or none)');
      }

      const issued = await services.scimOAuth.issueToken(client);
      if (!issued.ok) throw new OAuthError(400, issued.error, issued.description);
      return noStore(reply.code(200)).send({ access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn });
    } catch (error) {
      if (error instanceof OAuthError) return refuse(error);
      throw error;
    }
  });

  // Token requests go to the team's activity log like its SCIM requests. A
  // 401 is kept only for an existing team (activity-log.ts); another refusal
  // before any client authenticated is kept only once the team is found.
  app.addHook('onResponse', async (request, reply) => {
    const audit = request.oauthAudit;
    if (!audit || request.shed) return;
    const { teamId } = request.params as { teamId: string };
    const status = reply.statusCode;
    const clientHash = audit.clientId ? hashSecret(`oauth-client:${audit.clientId}`) : null;
    if (ctx.activitySampler && !ctx.activitySampler.keep({ teamId, status, tokenHash: clientHash })) return;
    try {
      if (status !== 401 && !audit.teamKnown && !(await services.store.teams.findById(services.store.db, teamId))) return;
    } catch {
      return;
    }
    services.realtime.activity.record({
      teamId,
      method: request.method,
      url: redactQuerySecrets(request.url),
      status,
      latencyMs: reply.elapsedTime,
      userAgent: request.headers['user-agent'],
      body: { grant_type: audit.grantType ?? null, scope: audit.scope ?? null, client_id: audit.clientId ?? null, client_authentication: audit.clientAuth },
      errorBody: audit.error ? JSON.stringify({ detail: audit.error.description, scimType: audit.error.code }) : undefined,
      requestId: request.id,
      tokenHash: status === 401 ? clientHash : undefined,
      authFailure: status === 401 && audit.clientId ? 'oauth_client' : undefined,
    });
  });
}
