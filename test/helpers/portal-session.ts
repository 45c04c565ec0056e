// What a customer's IT admin's browser does with a portal link (docs/api.md):
// open the confirmation page, press Continue (the page's form and its
// SameSite cookie), keep the session cookies; then call the admin API as the
// dashboard does, with the session cookie and the CSRF header.

import { expect } from 'vitest';
import type { AdminClient } from './admin-session.js';
import type { TestApp } from './test-app.js';

const cookiesOf = (res: { headers: Record<string, unknown> }) =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | string | undefined) ?? [])
    .map((c) => c.split(';')[0])
    .filter((c) => !c.endsWith('='));

/** What a browser does with a portal link: open the page, press Continue (its form and cookie), keep the session cookies. */
export async function followPortalLink(t: TestApp, url: string): Promise<{ cookie: string; csrf: string; landedOn: string }> {
  const { pathname, search } = new URL(url);
  const page = await t.app.inject({ method: 'GET', url: pathname + search });
  expect(page.statusCode).toBe(200);
  const form = Object.fromEntries([...page.body.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
  const res = await t.app.inject({
    method: 'POST',
    url: pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(page).join('; ') },
    payload: new URLSearchParams(form).toString(),
  });
  expect(res.statusCode).toBe(303);
  const cookies = cookiesOf(res).filter((c) => !c.startsWith('rollcall_portal_confirm='));
  const csrf = decodeURIComponent(cookies.find((c) => c.startsWith('rollcall_csrf='))?.split('=')[1] ?? '');
  return { cookie: cookies.join('; '), csrf, landedOn: String(res.headers.location) };
}

export function dashboardClient(t: TestApp, session: { cookie: string; csrf: string }): AdminClient {
  return {
    ...session,
    async request(method, url, body, headers = {}) {
      return t.app.inject({
        method,
        url,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        payload: body === undefined ? undefined : JSON.stringify(body),
      }) as ReturnType<AdminClient['request']>;
    },
  };
}

