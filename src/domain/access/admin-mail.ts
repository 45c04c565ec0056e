// What Rollcall emails a team admin: an invitation, or a sign-in link.
// Plain text, the link on its own line (every mail client makes it
// clickable), who the team is, the role and when the link stops working.
// The link carries a secret: it goes in the message and nowhere else (never
// in a log line, never in an event).

import type { MailMessage, Mailer } from '../mail.js';
import type { Role } from './admin-access.js';

export const PRODUCT_NAME = 'Rollcall';

/** The dashboard URL that signs in with a one-time link secret and opens the team. */
export function signInUrl(publicUrl: string, secret: string, teamId: string): string {
  // The secret rides in the fragment, which browsers never send to servers or
  // logs; the team in it makes the dashboard open this team, not the last one.
  return `${publicUrl}/sign-in#link=${secret}&team=${encodeURIComponent(teamId)}`;
}

const ROLE_WORDS: Record<Role, string> = {
  owner: 'owner (manages the team and its admins)',
  admin: 'admin (manages the team: SSO, tokens, spend limits, webhooks)',
  member: 'member (sees the team\'s directory, changes nothing)',
};

/** "2026-12-02 01:00 UTC": unambiguous in every language and time zone. */
function utc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export interface LinkMail {
  to: string;
  teamName: string;
  role: Role;
  url: string;
  expiresAt: string;
}

export function invitationMail(mail: LinkMail & { invitedBy: string }): MailMessage {
  return {
    to: mail.to,
    subject: `You are invited to manage ${mail.teamName} in ${PRODUCT_NAME}`,
    text: [
      'Hello,',
      '',
      `${mail.invitedBy} invited you to the team "${mail.teamName}" in ${PRODUCT_NAME}, as ${ROLE_WORDS[mail.role]}.`,
      '',
      'Open this link to accept and sign in:',
      '',
      mail.url,
      '',
      `The link works once, until ${utc(mail.expiresAt)}. If it has expired, ask a team owner for a new one.`,
      'If you did not expect this invitation, ignore this email: nothing happens until the link is opened.',
      '',
      `-- ${PRODUCT_NAME}`,
      '',
    ].join('\n'),
  };
}

export function signInLinkMail(mail: LinkMail): MailMessage {
  return {
    to: mail.to,
    subject: `Your ${PRODUCT_NAME} sign-in link for ${mail.teamName}`,
    text: [
      'Hello,',
      '',
      `Here is a sign-in link to the team "${mail.teamName}" in ${PRODUCT_NAME}, where you are ${ROLE_WORDS[mail.role]}.`,
      '',
      mail.url,
      '',
      `The link works once, until ${utc(mail.expiresAt)}.`,
      'If you did not ask for it, ignore this email: nobody can sign in without the link.',
      '',
      `-- ${PRODUCT_NAME}`,
      '',
    ].join('\n'),
  };
}

/** Whether a message was handed to the SMTP server, and if not, why (never the message itself). */
export type MailOutcome = { emailed: true } | { emailed: false; emailReason: 'mail.not_configured' | 'mail.failed'; failure?: string };

export async function deliver(mailer: Mailer, message: MailMessage): Promise<MailOutcome> {
  if (!mailer.enabled) return { emailed: false, emailReason: 'mail.not_configured' };
  try {
    await mailer.send(message);
    return { emailed: true };
  } catch (error) {
    return { emailed: false, emailReason: 'mail.failed', failure: (error as Error).message };
  }
}
