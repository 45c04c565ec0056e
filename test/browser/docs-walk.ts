// The dashboard's part of test/docs.test.ts's walk through the whole API:
// the pages it serves (/, /setup, /sign-in via the walk itself, assets) and
// the first-run setup routes and the setup wizard's progress, with the
// answers docs/openapi.json lists.

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ScimResponse } from '../helpers/test-app.js';
import type { Database } from '../../src/storage/db-types.js';
import type { Services } from '../../src/services.js';
import { hashSecret, newSecret } from '../../src/domain/secrets.js';
import { SETUP_PREFIX } from '../../src/domain/access/setup.js';

type Call = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<ScimResponse>;

export async function walkDashboard(call: Call, ctx: { services: Services }): Promise<void> {
  await call('GET', '/');
  await call('GET', '/setup');
  await call('GET', '/assets/index-missing0.js');

  await call('GET', '/api/admin/setup');
  const form = { teamName: 'Walk', teamSlug: 'walk-setup', email: 'walk-setup@example.com' };
  await call('POST', '/api/admin/setup', { ...form, secret: 42 });
  await call('POST', '/api/admin/setup', { ...form, secret: newSecret(SETUP_PREFIX).secret });
  // A setup secret left over from before the first team was made: the installation is set up already.
  const { secret } = newSecret(SETUP_PREFIX);
  const now = new Date();
  await (ctx.services.store.db as Kysely<Database>)
    .insertInto('setup_secrets')
    .values({ id: randomUUID(), token_hash: hashSecret(secret), created_at: now.toISOString(), expires_at: new Date(now.getTime() + 3600_000).toISOString(), used_at: null })
    .execute();
  await call('POST', '/api/admin/setup', { ...form, secret });

  // The setup wizard's place: read by any role, moved by admins.
  const [team] = await ctx.services.teams.list();
  const session = async (email: string, role: 'owner' | 'member') => {
    const account = await ctx.services.adminAccess.grant(team.id, email, role);
    const { secret: cookie, session: opened } = await ctx.services.adminAccess.openSession(account.id, 'link');
    return { cookie: `rollcall_session=${cookie}; rollcall_csrf=${opened.csrfToken}`, 'x-csrf-token': opened.csrfToken };
  };
  const owner = await session('walk-progress@example.com', 'owner');
  const member = await session('walk-progress-member@example.com', 'member');
  const progress = `/api/admin/teams/${team.id}/setup-progress`;
  await call('GET', progress);
  await call('GET', progress, undefined, owner);
  await call('GET', `/api/admin/teams/${randomUUID()}/setup-progress`, undefined, owner);
  await call('PUT', progress, { step: 2, completed: ['sso', 'start'] }, owner);
  await call('PUT', progress, { step: 'two' }, owner);
  await call('PUT', progress, { step: 1 }, member);

  // The sign-in page's team lookup, by short name.
  await call('GET', `/api/admin/sso-sign-in/${team.slug}`);
  await call('GET', '/api/admin/sso-sign-in/no-such-team');
}
