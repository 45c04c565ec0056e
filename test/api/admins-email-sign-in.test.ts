// "Email me a sign-in link" over HTTP, with a real in-process SMTP server: a
// link arrives for an admin's address and signs them in; an unknown address
// gets the same answer and no email; requests are limited per address,
// known or not; nothing is offered when the server sends no email.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';

const ask = (t: TestApp, payload: unknown) => t.app.inject({ method: 'POST', url: '/api/admin/sign-in-links', payload: payload as object });
const linkIn = (text: string) => text.split(/\r?\n/).find((line) => line.includes('/sign-in#link=')) ?? '';

describe.each(DIALECTS)('email me a sign-in link (%s)', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let mailer: ReturnType<typeof createSmtpMailer>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    mailer = createSmtpMailer({ url: smtp.url, from: 'rollcall@example.test' });
    t = await createTestApp(dialect, { services: { mailer, emailSignIn: { perAddress: 2 } } });
  });
  afterAll(async () => {
    mailer.close();
    await t.close();
    await smtp.close();
  });

  it('says the server emails links, without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/sign-in-options' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ emailLinks: true });
  });

  it("emails an admin a link to their team that signs them in; an unknown address gets the same answer and nothing", async () => {
    await t.services.adminAccess.grant(t.teamId, 'known@example.com', 'admin');
    const unknown = await ask(t, { email: 'nobody@example.com' });
    const known = await ask(t, { email: 'KNOWN@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(['known@example.com']);
    expect(mail.text).toContain('admin');
    const link = linkIn(mail.text);
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:8080/sign-in#link=rcl_[^&]+&team=${t.teamId}$`));
    const session = await t.app.inject({ method: 'POST', url: '/api/admin/sessions', payload: { link: /#link=([^&]+)/.exec(link)?.[1] } });
    expect(session.statusCode).toBe(201);
    // Only the admin's email was ever sent.
    await ask(t, { email: 'second-known@example.com' }).then(() => undefined);
    expect(smtp.received.map((m) => m.to[0])).toEqual(['known@example.com']);
  });

  it('links to the team asked for when the admin has several', async () => {
    const other = await t.services.teams.create({ slug: `second-${dialect}`, name: 'Second Team' });
    await t.services.adminAccess.grant(t.teamId, 'two@example.com', 'member');
    await t.services.adminAccess.grant(other.id, 'two@example.com', 'owner');
    const before = smtp.received.length;
    expect((await ask(t, { email: 'two@example.com', team: `second-${dialect}` })).statusCode).toBe(202);
    const mail = (await smtp.waitFor(before + 1))[before];
    expect(mail.subject).toContain('Second Team');
    expect(linkIn(mail.text)).toContain(`&team=${other.id}`);
    expect(mail.text).toContain('owner');
  });

  it('limits requests per address, known or not, with 429 and Retry-After', async () => {
    await t.services.adminAccess.grant(t.teamId, 'limited@example.com', 'admin');
    const before = smtp.received.length;
    for (const email of ['limited@example.com', 'ghost@example.com']) {
      expect((await ask(t, { email })).statusCode).toBe(202);
      expect((await ask(t, { email: email.toUpperCase() })).statusCode).toBe(202);
      const third = await ask(t, { email });
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('rate_limited');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another address is not held back.
    expect((await ask(t, { email: 'fresh@example.com' })).statusCode).toBe(202);
    // The two accepted requests of the admin's address were emailed.
    expect((await smtp.waitFor(before + 2)).slice(before).map((m) => m.to[0])).toEqual(['limited@example.com', 'limited@example.com']);
  });

  it('answers bad input with 400 and sends nothing', async () => {
    await t.services.adminAccess.grant(t.teamId, 'careful@example.com', 'admin');
    const before = smtp.received.length;
    for (const payload of [{}, { email: 'not-an-email' }, { email: 42 }, { email: `${'a'.repeat(250)}@example.com` }, { email: 'careful@example.com', team: 7 }]) {
      const res = await ask(t, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('request.invalid');
    }
    // A request that is accepted afterwards is the only email.
    await ask(t, { email: 'careful@example.com' });
    const mails = await smtp.waitFor(before + 1);
    expect(mails.slice(before).map((m) => m.to[0])).toEqual(['careful@example.com']);
  });
});

describe.each(DIALECTS)('email me a sign-in link without an SMTP server (%s)', (dialect) => {
  it('is not offered, and refused with mail.not_configured', async () => {
    const t = await createTestApp(dialect);
    try {
      await t.services.adminAccess.grant(t.teamId, 'known@example.com', 'owner');
      expect((await t.app.inject({ method: 'GET', url: '/api/admin/sign-in-options' })).json()).toEqual({ emailLinks: false });
      const res = await ask(t, { email: 'known@example.com' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('mail.not_configured');
      expect((await ask(t, { email: 'nobody@example.com' })).json().error.code).toBe('mail.not_configured');
    } finally {
      await t.close();
    }
  });
});
