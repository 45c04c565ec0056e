// A team's SSO connection in the admin API: its state and the values to
// paste into the IdP, configuration, the test sign-in that activates it,
// disable / enable, and setup presets for Okta, Entra ID and Google. And,
// without a session, which team a sign-in page means by its short name.

import type { FastifyInstance } from 'fastify';
import { signedIn, type AdminContext } from './admin-context.js';
import { guard } from './route-guard.js';
import { badRequest, notFoundApi } from './api-error.js';
import { DomainError } from '../../domain/errors.js';
import type { ConfigInput } from '../../domain/sso/types.js';
import { ssoPresets } from '../../sso/presets.js';

type TeamParams = { teamId: string };

const SAML_FIELDS = ['metadataXml', 'metadataUrl', 'idpEntityId', 'ssoUrl', 'certificate'] as const;
const OIDC_FIELDS = ['issuer', 'clientId', 'clientSecret'] as const;
const MAX_FIELD = 512 * 1024;

/** The request body as a configuration input, or a 400 that says what is wrong. */
function readConfigInput(body: unknown): ConfigInput {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('send a JSON object with "kind": "saml" or "oidc"');
  const b = body as Record<string, unknown>;
  const fields: readonly string[] = b.kind === 'saml' ? SAML_FIELDS : b.kind === 'oidc' ? OIDC_FIELDS : [];
  if (fields.length === 0) throw badRequest('"kind" must be "saml" or "oidc"');
  for (const key of Object.keys(b)) {
    if (key !== 'kind' && key !== 'attributes' && !fields.includes(key)) throw badRequest(`"${key}" is not a ${b.kind} setting; expected ${fields.join(', ')}, attributes`);
    if (fields.includes(key) && b[key] !== undefined && (typeof b[key] !== 'string' || (b[key] as string).length > MAX_FIELD)) throw badRequest(`"${key}" must be a string`);
  }
  if (b.attributes !== undefined && (typeof b.attributes !== 'object' || b.attributes === null || Array.isArray(b.attributes))) {
    throw badRequest('"attributes" must be an object like { "email": "mail", "name": "displayName", "groups": "groups" }');
  }
  if (b.kind === 'oidc' && (typeof b.issuer !== 'string' || typeof b.clientId !== 'string')) throw badRequest('OIDC needs "issuer" and "clientId" (and "clientSecret" for a new client)');
  return b as unknown as ConfigInput;
}

export function registerSsoAdminRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { ssoConnections, ssoSignIn } = ctx.services;
  const actor = (request: Parameters<typeof signedIn>[0]) => {
    const { account } = signedIn(request);
    return { accountId: account.id, email: account.email };
  };

  app.get<{ Params: TeamParams }>('/teams/:teamId/sso', guard.role('member'), async (request) => {
    return ssoConnections.view(request.params.teamId);
  });

  app.put<{ Params: TeamParams }>('/teams/:teamId/sso', guard.role('admin'), async (request) => {
    return ssoConnections.configure(request.params.teamId, readConfigInput(request.body), actor(request));
  });

  app.post<{ Params: TeamParams }>('/teams/:teamId/sso/test', guard.role('admin'), async (request) => {
    const { redirectUrl, expiresAt } = await ssoSignIn.beginSignIn(request.params.teamId, { purpose: 'test', initiatedBy: actor(request).accountId });
    return { redirectUrl, expiresAt };
  });

  app.post<{ Params: TeamParams }>('/teams/:teamId/sso/disable', guard.role('admin'), async (request) => {
    return ssoConnections.disable(request.params.teamId, actor(request));
  });

  app.post<{ Params: TeamParams }>('/teams/:teamId/sso/enable', guard.role('admin'), async (request) => {
    return ssoConnections.enable(request.params.teamId, actor(request));
  });

  app.get<{ Params: TeamParams }>('/teams/:teamId/sso/presets', guard.role('member'), async (request) => {
    const view = await ssoConnections.view(request.params.teamId);
    return { presets: ssoPresets(view.sp) };
  });

  // The sign-in page asks for the team's short name (slug), not its UUID. Public:
  // it says only what the SSO start URL (/sso/{teamId}/start) already tells anyone who has it.
  app.get<{ Params: { team: string } }>('/sso-sign-in/:team', guard.public(), async (request) => {
    const ref = request.params.team.trim().toLowerCase();
    if (ref === '' || ref.length > 100) throw badRequest('team must be a team short name or ID');
    const team = await ctx.services.teams.find(ref).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'team.not_found') return undefined;
      throw error;
    });
    if (!team) throw notFoundApi(`no team "${ref}"; check the short name in your team's dashboard address or ask your team owner`);
    return { teamId: team.id, slug: team.slug, name: team.name, startUrl: `/sso/${encodeURIComponent(team.id)}/start?purpose=admin` };
  });
}
