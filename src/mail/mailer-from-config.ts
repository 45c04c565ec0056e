// The Mailer the configuration asks for: SMTP when ROLLCALL_SMTP_URL is set, none otherwise.

import { noMail, type Mailer } from '../domain/mail.js';
import { createSmtpMailer } from './smtp-mailer.js';

export function mailerFromConfig(smtp: { url: string; from: string }): Mailer {
  return smtp.url === '' ? noMail : createSmtpMailer({ url: smtp.url, from: smtp.from });
}
