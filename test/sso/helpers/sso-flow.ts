// The browser's part of an SSO sign-in, driven with HTTP requests: the admin
// API calls a dashboard makes, the form POST to the ACS, the redirect to the
// OIDC callback.

import type { AdminClient } from '../../helpers/admin-session.js';
import type { ScimResponse, TestApp } from '../../helpers/test-app.js';

export const ssoUrl = (t: TestApp, path = '') => `/api/admin/teams/${t.teamId}/sso${path}`;

export async function spMetadata(t: TestApp): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: `/sso/${t.teamId}/saml/metadata` });
  if (res.statusCode !== 200) throw new Error(`SP metadata: ${res.statusCode} ${res.body}`);
  return res.body;
}

export async function configure(admin: AdminClient, t: TestApp, body: unknown): Promise<ScimResponse> {
  return admin.request('PUT', ssoUrl(t), body);
}

/** POST /test; the redirect URL the dashboard would send the admin to. */
export async function startTest(admin: AdminClient, t: TestApp): Promise<string> {
  const res = await admin.request('POST', ssoUrl(t, '/test'));
  if (res.statusCode !== 200) throw new Error(`start test: ${res.statusCode} ${res.body}`);
  return res.json().redirectUrl as string;
}

/** The Cookie header a browser sends back after `res` set cookies (the sign-in's binding cookie, from /start). */
export function cookiesFrom(res: { headers: Record<string, unknown> }): string {
  return ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | string | undefined) ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** The cookie a browser holds for a sign-in started through the service (beginSignIn's binding). */
export const bindingCookie = (binding: string) => `rollcall_sso_test=${encodeURIComponent(binding)}`;

/** What the browser posts to the ACS (HTTP-POST binding), with the cookies it holds. */
export async function postAcs(t: TestApp, form: { SAMLResponse: string; RelayState?: string; rollcall_hop?: string }, teamId = t.teamId, cookie?: string): Promise<ScimResponse> {
  return (await t.app.inject({
    method: 'POST',
    url: `/sso/${teamId}/saml/acs`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    payload: new URLSearchParams(form as Record<string, string>).toString(),
  })) as ScimResponse;
}

/** Follows a redirect to the OIDC callback on the app (the public URL's path and query), with the cookies the browser holds. */
export async function getCallback(t: TestApp, location: string, cookie?: string): Promise<ScimResponse> {
  const url = new URL(location);
  return (await t.app.inject({ method: 'GET', url: url.pathname + url.search, headers: cookie ? { cookie } : {} })) as ScimResponse;
}

export async function state(admin: AdminClient, t: TestApp) {
  return (await admin.request('GET', ssoUrl(t))).json();
}

/** The reason code on a refusal page or in a dashboard redirect. */
export function reasonOf(res: ScimResponse): string | undefined {
  const location = res.headers.location;
  if (typeof location === 'string') return new URLSearchParams(location.split('?')[1] ?? '').get('reason') ?? undefined;
  return /<code id="reason">([^<]+)<\/code>/.exec(res.body)?.[1];
}
