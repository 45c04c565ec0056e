// The team lifecycle's part of test/docs.test.ts's walk through the whole
// API: /api/v1/teams and the admin portal links, with the answers
// docs/openapi.json lists.

import type { ScimResponse } from '../helpers/test-app.js';
import type { Services } from '../../src/services.js';

type Call = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<ScimResponse>;
type Auth = Record<string, string>;

export async function walkTeams(call: Call, ctx: { services: Services; teamId: string; owner: Auth; member: Auth }): Promise<void> {
  const { services, teamId, owner, member } = ctx;
  const key = { authorization: `Bearer ${(await services.apiKeys.create({ label: 'walk-teams' })).secret}` };
  const bound = { authorization: `Bearer ${(await services.apiKeys.create({ teamId, label: 'walk-teams-bound' })).secret}` };

  const team = (await call('POST', '/api/v1/teams', { name: 'Walk Co', externalId: 'org_walk' }, key)).json();
  await call('POST', '/api/v1/teams', { name: 'Walk Co', externalId: 'org_walk' }, key);
  await call('POST', '/api/v1/teams', { name: 'Other Co', externalId: 'org_walk' }, key);
  await call('POST', '/api/v1/teams', { plan: 'gold' }, key);
  await call('POST', '/api/v1/teams', { slug: 'x' }, bound);
  await call('POST', '/api/v1/teams', { slug: 'x' });
  await call('GET', '/api/v1/teams?limit=1', undefined, key);
  await call('GET', '/api/v1/teams?externalId=org_walk', undefined, key);
  await call('GET', '/api/v1/teams?cursor=bad', undefined, key);
  await call('GET', '/api/v1/teams', undefined, bound);
  await call('GET', '/api/v1/teams');
  await call('GET', '/api/v1/teams/ext:org_walk', undefined, key);
  await call('PATCH', '/api/v1/teams/ext:org_walk', { name: 'Walk Corp', plan: 'team' }, key);
  await call('PATCH', `/api/v1/teams/${team.id}`, { colour: 'teal' }, key);
  await call('PATCH', `/api/v1/teams/${team.id}`, { externalId: 'org_walk' }, key);
  await call('PATCH', `/api/v1/teams/${teamId}`, { name: 'x' }, bound);
  await call('PATCH', '/api/v1/teams/no-such-team', { name: 'x' }, key);
  await call('PATCH', `/api/v1/teams/${team.id}`, { name: 'x' });
  await call('GET', '/api/v1/events?limit=5', undefined, key);

  const host = `/api/v1/teams/${team.slug}/portal-links`;
  const { url } = (await call('POST', host, { intent: 'sso', role: 'admin', email: 'it@walk.example' }, key)).json();
  await call('POST', host, { intent: 'billing', role: 'admin' }, key);
  await call('POST', host, { intent: 'sso', role: 'admin' });
  await call('POST', '/api/v1/teams/no-such-team/portal-links', { intent: 'sso', role: 'admin' }, key);
  const path = (url as string).replace(/^https?:\/\/[^/]+/, '');
  // The page (twice: a GET uses nothing), then its button.
  await call('GET', path);
  const page = await call('GET', path);
  const nonceCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? [])[0].split(';')[0];
  const fields = Object.fromEntries([...page.body.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  await call('POST', '/api/admin/portal', new URLSearchParams(fields).toString(), { ...form, cookie: nonceCookie });
  await call('POST', '/api/admin/portal', new URLSearchParams(fields).toString(), { ...form, cookie: nonceCookie });
  await call('POST', '/api/admin/portal', new URLSearchParams({ portal_token: fields.portal_token }).toString(), form);
  await call('GET', path);

  const admin = `/api/admin/teams/${teamId}/portal-links`;
  await call('POST', admin, { intent: 'scim', role: 'admin' }, owner);
  await call('POST', admin, { intent: 'scim', role: 'admin', returnUrl: 'https://evil.example' }, owner);
  await call('POST', admin, { intent: 'scim', role: 'admin' }, member);
  await call('POST', admin, { intent: 'scim', role: 'admin' });
  await call('POST', '/api/admin/teams/no-such-team/portal-links', { intent: 'scim', role: 'admin' }, owner);
  await call('GET', admin, undefined, owner);
  await call('GET', admin, undefined, member);
  await call('GET', admin);
  await call('GET', '/api/admin/teams/no-such-team/portal-links', undefined, owner);

  await call('DELETE', `/api/v1/teams/${teamId}`, undefined, bound);
  await call('DELETE', `/api/v1/teams/${team.id}`);
  await call('DELETE', `/api/v1/teams/${team.id}`, undefined, key);
  await call('DELETE', `/api/v1/teams/${team.id}`, undefined, key);
}
