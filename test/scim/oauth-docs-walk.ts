// The SCIM OAuth part of test/docs.test.ts's walk through the whole API: the
// admin routes for a team's OAuth clients and the token endpoint, with the
// answers docs/openapi.json lists for them. Runs once the team's SSO is active.

import type { ScimResponse } from '../helpers/test-app.js';

type Call = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<ScimResponse>;
type Auth = Record<string, string>;

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export async function walkScimOAuth(call: Call, ctx: { teamId: string; owner: Auth; member: Auth }): Promise<void> {
  const { teamId, owner, member } = ctx;
  const admin = `/api/admin/teams/${teamId}/scim-oauth-clients`;
  await call('GET', admin, undefined, owner);
  await call('GET', admin, undefined, member);
  const { client, clientSecret } = (await call('POST', admin, { label: 'Entra' }, owner)).json();
  await call('POST', admin, { label: 5 }, owner);
  await call('POST', admin, {}, member);
  const basic = (secret: string) => ({ ...FORM, authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}` });

  // The token endpoint, relative to the team's SCIM base URL; '' drops the walk's SCIM bearer token.
  await call('POST', '/oauth/token', 'grant_type=client_credentials', basic(clientSecret));
  await call('POST', '/oauth/token', `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${clientSecret}`, { ...FORM, authorization: '' });
  await call('POST', '/oauth/token', 'grant_type=client_credentials', basic(`${clientSecret}x`));
  await call('POST', '/oauth/token', 'grant_type=password', basic(clientSecret));
  await call('POST', '/oauth/token', 'grant_type=client_credentials', { authorization: basic(clientSecret).authorization, 'content-type': 'application/json' });

  await call('POST', `${admin}/${client.clientId}/rotate`, undefined, owner);
  await call('POST', `${admin}/rcc_nobody/rotate`, undefined, owner);
  await call('POST', `${admin}/${client.clientId}/rotate`, undefined, member);
  await call('DELETE', `${admin}/${client.clientId}`, undefined, owner);
  await call('DELETE', `${admin}/rcc_nobody`, undefined, owner);
}
