// Signs a team admin in through a one-time link, as the dashboard does, and
// returns a request helper that carries the session cookie and CSRF token.

import type { InjectOptions } from 'fastify';
import type { Role } from '../../src/domain/access/admin-access.js';
import type { TestApp, ScimResponse } from './test-app.js';

export interface AdminClient {
  cookie: string;
  csrf: string;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<ScimResponse>;
}

export async function signInAdmin(t: TestApp, email: string, role: Role = 'owner', teamId = t.teamId): Promise<AdminClient> {
  const account = await t.services.adminAccess.grant(teamId, email, role);
  const { secret } = await t.services.adminAccess.createSignInLink(account.id);
  const res = await t.app.inject({ method: 'POST', url: '/api/admin/sessions', payload: { link: secret } });
  if (res.statusCode !== 201) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  const csrf = res.json().csrfToken as string;
  return {
    cookie,
    csrf,
    async request(method, url, body, headers = {}) {
      return (await t.app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        payload: body === undefined ? undefined : JSON.stringify(body),
      })) as ScimResponse;
    },
  };
}
