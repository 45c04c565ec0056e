// The team admins part of test/docs.test.ts's walk through the whole API:
// every /api/admin/teams/{teamId}/admins route with the answers
// docs/openapi.json lists for it.

import type { ScimResponse } from '../helpers/test-app.js';
import type { Services } from '../../src/services.js';

type Call = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<ScimResponse>;
type Auth = Record<string, string>;

export async function walkAdmins(call: Call, ctx: { services: Services; teamId: string; ownerEmail: string; owner: Auth; member: Auth }): Promise<void> {
  const { services, teamId, ownerEmail, owner, member } = ctx;
  const admins = `/api/admin/teams/${teamId}/admins`;
  const nowhere = '/api/admin/teams/no-such-team/admins';
  await call('GET', admins, undefined, member);
  await call('GET', admins);
  await call('GET', nowhere, undefined, owner);

  const invite = { email: 'walk-invitee@example.com', role: 'admin' };
  const invited = (await call('POST', admins, invite, owner)).json();
  await call('POST', admins, invite, owner);
  await call('POST', admins, { email: 'not-an-email', role: 'admin' }, owner);
  await call('POST', admins, { email: 'walk-other@example.com', role: 'admin' }, member);
  await call('POST', admins, { email: 'walk-other@example.com', role: 'admin' });
  await call('POST', nowhere, { email: 'walk-other@example.com', role: 'admin' }, owner);

  const one = `${admins}/${invited.admin.id}`;
  await call('PATCH', one, { role: 'member' }, owner);
  await call('PATCH', one, { role: 'root' }, owner);
  await call('PATCH', one, { role: 'owner' }, member);
  await call('PATCH', one, { role: 'owner' });
  await call('PATCH', `${admins}/no-such-admin`, { role: 'admin' }, owner);

  await call('POST', `${one}/resend`, {}, owner);
  await call('POST', `${one}/resend`, {}, member);
  await call('POST', `${one}/resend`, {});
  await call('POST', `${admins}/no-such-admin/resend`, {}, owner);

  await call('DELETE', one, undefined, member);
  await call('DELETE', one);
  await call('DELETE', one, undefined, owner);
  await call('DELETE', one, undefined, owner);

  // The last owner stays: a team of its own where the walk's owner is the only one.
  const solo = await services.teams.create({ slug: 'walk-solo-owner' });
  const account = await services.adminAccess.grant(solo.id, ownerEmail, 'owner');
  await call('PATCH', `/api/admin/teams/${solo.id}/admins/${account.id}`, { role: 'admin' }, owner);
  await call('DELETE', `/api/admin/teams/${solo.id}/admins/${account.id}`, undefined, owner);
}

/** "Email me a sign-in link": the walk's app sends no email (409); test/api/admins-email-sign-in.test.ts covers 202 and 429. */
export async function walkEmailSignIn(call: Call): Promise<void> {
  await call('GET', '/api/admin/sign-in-options');
  await call('POST', '/api/admin/sign-in-links', { email: 'not-an-email' });
  await call('POST', '/api/admin/sign-in-links', { email: 'walk-owner@example.com' });
}
