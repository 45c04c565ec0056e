// The SSO part of test/docs.test.ts's walk through the whole API: every SSO
// route with the answers docs/openapi.json lists for it. It leaves the
// team's SSO active, so the walk can go on to issue SCIM tokens.

import type { ScimResponse } from '../../helpers/test-app.js';
import type { Services } from '../../../src/services.js';
import { createSamlIdp } from './saml-idp.js';

type Call = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<ScimResponse>;
type Auth = Record<string, string>;

export async function walkSso(call: Call, ctx: { services: Services; teamId: string; ownerEmail: string; owner: Auth; member: Auth }): Promise<void> {
  const { services, teamId, owner, member } = ctx;
  const api = `/api/admin/teams/${teamId}/sso`;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const post = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const idp = createSamlIdp();

  // A team off the Enterprise plan, and one without a connection.
  const free = await services.teams.create({ slug: `walk-free-${teamId.slice(0, 8)}`, plan: 'free' });
  const bare = await services.teams.create({ slug: `walk-bare-${teamId.slice(0, 8)}` });
  for (const team of [free, bare]) await services.adminAccess.grant(team.id, ctx.ownerEmail, 'owner');
  await call('GET', `/api/admin/teams/${free.id}/sso`, undefined, owner);
  await call('GET', `/api/admin/teams/${free.id}/sso/presets`, undefined, owner);
  await call('PUT', `/api/admin/teams/${free.id}/sso`, { kind: 'saml', metadataXml: idp.metadata() }, owner);
  await call('GET', `/sso/${free.id}/saml/metadata`);
  await call('GET', `/sso/${free.id}/start`);
  await call('POST', `/api/admin/teams/${bare.id}/sso/test`, undefined, owner);
  await call('POST', `/api/admin/teams/${bare.id}/sso/disable`, undefined, owner);
  await call('POST', `/api/admin/teams/${bare.id}/sso/enable`, undefined, owner);
  await call('GET', `/sso/${bare.id}/start`);
  await call('GET', '/sso/no-such-team/saml/metadata');

  await call('GET', api, undefined, member);
  await call('GET', `${api}/presets`, undefined, member);
  await call('PUT', api, { kind: 'ldap' }, owner);
  await call('PUT', api, { kind: 'saml', metadataXml: idp.metadata() }, member);
  await call('PUT', api, { kind: 'saml', metadataXml: idp.metadata() }, owner);
  await call('POST', `${api}/test`, undefined, member);
  const metadata = (await call('GET', `/sso/${teamId}/saml/metadata`)).body;
  await call('GET', `/sso/${teamId}/start`);
  await call('GET', `/sso/${teamId}/start?purpose=test`);

  const activate = async () => {
    const { redirectUrl } = (await call('POST', `${api}/test`, undefined, owner)).json();
    await call('POST', `/sso/${teamId}/saml/acs`, post(await idp.respond(metadata, redirectUrl, { email: ctx.ownerEmail })), form);
  };
  await activate();
  await call('POST', `/sso/${teamId}/saml/acs`, post({ SAMLResponse: 'bm90IHNhbWw=' }), form);
  const start = await call('GET', `/sso/${teamId}/start`);
  const stranger = post(await idp.respond(metadata, String(start.headers.location), { email: 'stranger@example.com' }));
  // Without the sign-in's cookie (the IdP's cross-site POST): the page that posts it again; then as the browser re-posts it.
  await call('POST', `/sso/${teamId}/saml/acs`, stranger, form);
  const cookie = ([] as string[]).concat(start.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  await call('POST', `/sso/${teamId}/saml/acs`, `${stranger}&rollcall_hop=1`, { ...form, cookie });
  await call('GET', `/sso/${teamId}/oidc/callback?code=x&state=not-issued`);

  await call('POST', `${api}/disable`, undefined, member);
  await call('POST', `${api}/enable`, undefined, owner);
  await call('POST', `${api}/disable`, undefined, owner);
  await call('POST', `${api}/disable`, undefined, owner);
  await call('POST', `${api}/test`, undefined, owner);
  await call('POST', `${api}/enable`, undefined, owner);
  await activate();
}
