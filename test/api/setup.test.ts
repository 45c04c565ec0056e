// First run: on an installation with no team, the one-time setup secret that
// `npm start` prints creates the first team and its owner and signs the owner
// in; it works once, only while no team exists, and survives a typo in the form.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, openTestStorage, TEST_LIMITS } from '../helpers/test-app.js';
import { createServices, type Services } from '../../src/services.js';
import { buildApp } from '../../src/http/app.js';
import type { Storage } from '../../src/storage/database.js';

describe.each(DIALECTS)('first-run setup (%s)', (dialect) => {
  let app: FastifyInstance;
  let services: Services;
  let storage: Storage;
  let close: () => Promise<void>;
  beforeEach(async () => {
    const opened = await openTestStorage(dialect);
    storage = opened.storage;
    const drop = opened.drop;
    services = createServices(storage);
    app = await buildApp({ services, storage, publicUrl: 'http://127.0.0.1:8080', limits: TEST_LIMITS, logLevel: 'silent' });
    close = async () => {
      await app.close();
      await storage.close();
      await drop();
    };
  });
  afterEach(async () => close());

  const form = (secret: string, extra: Record<string, unknown> = {}) => ({ secret, teamName: 'Acme Inc', teamSlug: 'acme', email: 'Ada@Example.com', name: 'Ada', ...extra });
  const post = (payload: unknown) => app.inject({ method: 'POST', url: '/api/admin/setup', payload: payload as object });

  it('is pending on an empty installation, and the secret is stored only as a hash', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/admin/setup' })).json()).toEqual({ setupRequired: true });
    const issued = await services.setup.issue();
    expect(issued?.secret).toMatch(/^rcu_[\w-]{43}$/);
    const rows = await storage.db.selectFrom('setup_secrets').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(issued?.secret);
  });

  it('creates the first team with its owner, signs the owner in, and is done', async () => {
    const issued = await services.setup.issue();
    const res = await post(form(issued!.secret));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.team).toMatchObject({ slug: 'acme', name: 'Acme Inc' });
    expect(body.account).toMatchObject({ email: 'Ada@Example.com', name: 'Ada' });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const me = await app.inject({ method: 'GET', url: '/api/admin/me', headers: { cookie } });
    expect(me.json().teams).toEqual([expect.objectContaining({ teamId: body.team.id, role: 'owner' })]);
    expect(me.json().csrfToken).toBe(body.csrfToken);

    expect((await app.inject({ method: 'GET', url: '/api/admin/setup' })).json()).toEqual({ setupRequired: false });
    expect(await services.setup.issue()).toBeUndefined();
  });

  it('works once: the same link again is refused with 401', async () => {
    const issued = await services.setup.issue();
    expect((await post(form(issued!.secret))).statusCode).toBe(201);
    const again = await post(form(issued!.secret, { teamSlug: 'other' }));
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('setup.link_invalid');
  });

  it('consumes every outstanding link, so a second printed link cannot create another first team', async () => {
    const first = await services.setup.issue();
    const second = await services.setup.issue();
    expect((await post(form(first!.secret))).statusCode).toBe(201);
    const res = await post(form(second!.secret, { teamSlug: 'beta' }));
    expect(res.statusCode).toBe(401);
    expect((await services.teams.list()).map((t) => t.slug)).toEqual(['acme']);
  });

  it('refuses with 409 once a team exists (for example one made with the CLI)', async () => {
    const issued = await services.setup.issue();
    await services.teams.create({ slug: 'made-by-cli' });
    const res = await post(form(issued!.secret));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('setup.already_done');
  });

  it('keeps the link usable after a mistake in the form (bad slug, bad email)', async () => {
    const issued = await services.setup.issue();
    const badSlug = await post(form(issued!.secret, { teamSlug: 'Not A Slug!' }));
    expect(badSlug.statusCode).toBe(400);
    expect(badSlug.json().error.code).toBe('team.invalid_slug');
    const badEmail = await post(form(issued!.secret, { email: 'not-an-email' }));
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.code).toBe('admin.invalid_email');
    expect((await services.teams.list()).length).toBe(0);
    expect((await post(form(issued!.secret))).statusCode).toBe(201);
  });

  it('refuses forged, malformed and missing secrets and incomplete forms', async () => {
    const issued = await services.setup.issue();
    expect((await post(form(`${issued!.secret.slice(0, -3)}abc`))).statusCode).toBe(401);
    expect((await post(form('rcl_not-a-setup-secret-but-long-enough-to-look-like-one-xxxx'))).statusCode).toBe(401);
    for (const broken of [{}, form(issued!.secret, { teamName: '' }), form(issued!.secret, { email: 42 }), form(issued!.secret, { teamSlug: 'x'.repeat(64) })]) {
      const res = await post(broken);
      expect(res.statusCode, JSON.stringify(broken)).toBe(400);
      expect(res.json().error.code).toBe('request.invalid');
    }
    expect((await services.teams.list()).length).toBe(0);
  });

  it('refuses an expired link', async () => {
    const other = await openTestStorage(dialect);
    try {
      let now = new Date('2030-01-01T00:00:00Z');
      const pinned = createServices(other.storage, { clock: { now: () => now } });
      const issued = await pinned.setup.issue();
      now = new Date('2030-01-02T00:00:01Z');
      await expect(pinned.setup.complete(form(issued!.secret))).rejects.toMatchObject({ code: 'setup.link_invalid' });
    } finally {
      await other.storage.close();
      await other.drop();
    }
  });
});
