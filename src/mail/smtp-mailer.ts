// The Mailer port over SMTP (nodemailer). ROLLCALL_SMTP_URL is operator
// configuration (`smtp://user:pass@host:587`, `smtps://…:465`), not admin
// input, so it is not subject to the outbound address policy. Messages are
// plain text; a header injection is impossible because nodemailer encodes
// every header value, and recipients are single addresses we validate first.

import nodemailer from 'nodemailer';
import { MailError, type MailMessage, type Mailer } from '../domain/mail.js';

export interface SmtpOptions {
  url: string;
  from: string;
  /** Per message: connect + send; a slow SMTP server must not hold a request. */
  timeoutMs?: number;
}

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

export function createSmtpMailer(options: SmtpOptions): Mailer & { close(): void } {
  const timeout = options.timeoutMs ?? 10_000;
  const url = new URL(options.url);
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    auth: url.username === '' ? undefined : { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    enabled: true,
    async send(message: MailMessage) {
      if (!ADDRESS.test(message.to)) throw new MailError(`not an email address: ${JSON.stringify(message.to)}`);
      try {
        await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
      } catch (error) {
        throw new MailError(`the SMTP server did not accept the message: ${(error as Error).message}`);
      }
    },
    close: () => transport.close(),
  };
}
