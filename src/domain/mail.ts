// The outgoing-mail port: what the domain needs to tell a person something by
// email (an admin invitation, a sign-in link, a spend alert). Mail is optional:
// without ROLLCALL_SMTP_URL the services get `noMail` and every feature that
// emails also shows its link or raises its event, so nothing depends on mail
// arriving.

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text body; links on their own line so every client makes them clickable. */
  text: string;
}

export interface Mailer {
  /** False when no SMTP server is configured: callers say "copy this link" instead of "sent". */
  readonly enabled: boolean;
  /** Resolves once the SMTP server accepted the message; rejects with MailError otherwise. */
  send(message: MailMessage): Promise<void>;
}

export class MailError extends Error {
  override name = 'MailError';
}

export const noMail: Mailer = {
  enabled: false,
  async send() {
    throw new MailError('no SMTP server is configured (ROLLCALL_SMTP_URL)');
  },
};
