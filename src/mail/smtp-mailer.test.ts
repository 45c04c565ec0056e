import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from './smtp-mailer.js';
import { noMail, MailError } from '../domain/mail.js';
import { startSmtpServer, type TestSmtpServer } from '../../test/helpers/smtp-server.js';

describe('SMTP mailer', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('delivers a plain-text message to a real SMTP server', async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'Rollcall <rollcall@example.test>' });
    await mailer.send({ to: 'it-admin@example.test', subject: 'You are invited', text: 'Open https://rollcall.example.test/accept?x=1\n' });
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(['it-admin@example.test']);
    expect(mail.from).toBe('rollcall@example.test');
    expect(mail.subject).toBe('You are invited');
    expect(mail.text).toContain('https://rollcall.example.test/accept?x=1');
    mailer.close();
  });

  it('refuses a recipient that is not one address, sending nothing', async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'rollcall@example.test' });
    const before = smtp.received.length;
    await expect(mailer.send({ to: 'a@example.test, b@example.test', subject: 's', text: 't' })).rejects.toBeInstanceOf(MailError);
    await expect(mailer.send({ to: 'a@example.test\r\nBcc: x@example.test', subject: 's', text: 't' })).rejects.toBeInstanceOf(MailError);
    expect(smtp.received.length).toBe(before);
    mailer.close();
  });

  it('reports an unreachable server as a MailError', async () => {
    const mailer = createSmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'rollcall@example.test', timeoutMs: 2000 });
    await expect(mailer.send({ to: 'a@example.test', subject: 's', text: 't' })).rejects.toBeInstanceOf(MailError);
    mailer.close();
  });

  it('without a server configured, says so instead of pretending', async () => {
    expect(noMail.enabled).toBe(false);
    await expect(noMail.send({ to: 'a@example.test', subject: 's', text: 't' })).rejects.toBeInstanceOf(MailError);
  });
});
