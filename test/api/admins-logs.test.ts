// Sign-in links never reach the logs: inviting, resending and redeeming a
// link, asking for one by email, and a failed email (whose cause is logged as a warning), at the most
// verbose log level.

import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { createServices, type Services } from '../../src/services.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';
import { openTestStorage, TEST_LIMITS } from '../helpers/test-app.js';
import type { Storage } from '../../src/storage/database.js';

describe('admin invitations in the logs', () => {
  const lines: string[] = [];
  const mailer = createSmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'rollcall@example.test', timeoutMs: 2000 });
  let app: FastifyInstance;
  let storage: Storage;
  let services: Services;
  let teamId: string;
  beforeAll(async () => {
    ({ storage } = await openTestStorage('sqlite'));
    services = createServices(storage, { mailer });
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    app = await buildApp({ services, storage, publicUrl: 'http://127.0.0.1:8080', limits: TEST_LIMITS, logLevel: 'trace', logStream: stream });
    teamId = (await services.teams.create({ slug: 'logged' })).id;
  });
  afterAll(async () => {
    await app.close();
    await storage.close();
    mailer.close();
  });

  it('logs why an email failed, and never a link', async () => {
    const owner = await services.adminAccess.grant(teamId, 'owner@example.com', 'owner');
    const first = await services.adminAccess.createSignInLink(owner.id);
    const session = await app.inject({ method: 'POST', url: '/api/admin/sessions', payload: { link: first.secret } });
    const cookie = ([] as string[]).concat(session.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const headers = { cookie, 'x-csrf-token': session.json().csrfToken as string };

    const invited = await app.inject({ method: 'POST', url: `/api/admin/teams/${teamId}/admins`, headers, payload: { email: 'new@example.com', role: 'admin' } });
    expect(invited.json()).toMatchObject({ emailed: false, emailReason: 'mail.failed' });
    const resent = await app.inject({ method: 'POST', url: `/api/admin/teams/${teamId}/admins/${invited.json().admin.id}/resend`, headers, payload: {} });
    const secrets = [first.secret, invited.json().link, resent.json().link].map((link: string) => /rcl_[^&\s]+/.exec(link)?.[0] as string);
    expect((await app.inject({ method: 'POST', url: '/api/admin/sessions', payload: { link: secrets[1] } })).statusCode).toBe(201);
    // "Email me a sign-in link" sends in the background: its failure is logged after the answer.
    expect((await app.inject({ method: 'POST', url: '/api/admin/sign-in-links', payload: { email: 'owner@example.com' } })).statusCode).toBe(202);
    await expect.poll(() => lines.some((l) => l.includes('could not email a requested sign-in link')), { timeout: 10_000 }).toBe(true);

    const log = lines.join('\n');
    expect(log).toContain('could not email an admin sign-in link');
    for (const secret of secrets) expect(log).not.toContain(secret.slice(4, 20));
  });
});
