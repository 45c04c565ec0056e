// "Email me a sign-in link" from the sign-in page: anyone may ask for an
// address; a one-time link is emailed only when that address belongs to an
// admin with a role in a team, and the answer is the same either way (no
// account enumeration: the email is sent in the background, so the answer
// does not take longer for a real admin). Requests are counted per address,
// whether or not it exists, so the limit reveals nothing either.

import type { Clock } from '../ports.js';
import type { Mailer } from '../mail.js';
import type { AdminAccessService } from './admin-access.js';
import { deliver, signInLinkMail, signInUrl, type MailOutcome } from './admin-mail.js';

export interface EmailSignInOptions {
  /** Requests per address per window (default 3 per 15 minutes). */
  perAddress: number;
  windowMs: number;
  /** Addresses remembered at once per instance; the oldest are forgotten first. */
  maxTracked: number;
}

const DEFAULTS: EmailSignInOptions = { perAddress: 3, windowMs: 15 * 60_000, maxTracked: 10_000 };

export type EmailSignInAnswer = { status: 'accepted' } | { status: 'rate_limited'; retryAfterSeconds: number } | { status: 'not_configured' };

export function createEmailSignIn(deps: {
  adminAccess: AdminAccessService;
  mailer: Mailer;
  clock: Clock;
  options?: Partial<EmailSignInOptions>;
}) {
  const { adminAccess, mailer, clock } = deps;
  const options = { ...DEFAULTS, ...deps.options };
  const seen = new Map<string, number[]>();

  /** Counts the request; false when the address has used its allowance. */
  function allow(key: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const recent = (seen.get(key) ?? []).filter((at) => now - at < options.windowMs);
    if (recent.length >= options.perAddress) {
      seen.set(key, recent);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + options.windowMs - now) / 1000)) };
    }
    recent.push(now);
    // Re-inserting keeps the Map in least-recently-asked order for eviction.
    seen.delete(key);
    seen.set(key, recent);
    while (seen.size > options.maxTracked) seen.delete(seen.keys().next().value as string);
    return { ok: true };
  }

  async function send(emailCi: string, team: string | undefined, publicUrl: string): Promise<MailOutcome | undefined> {
    const account = await adminAccess.findAccountByEmail(emailCi);
    if (!account) return undefined;
    const teams = await adminAccess.teamsOf(account.id);
    const target = (team && teams.find((t) => t.teamId === team || t.slug === team.toLowerCase())) || teams[0];
    if (!target) return undefined;
    const { secret, expiresAt } = await adminAccess.createSignInLink(account.id);
    const url = signInUrl(publicUrl, secret, target.teamId);
    return deliver(mailer, signInLinkMail({ to: account.email, teamName: target.name, role: target.role, url, expiresAt }));
  }

  return {
    enabled: () => mailer.enabled,

    /**
     * Accepts the request (or refuses it for its rate) and, in the
     * background, emails a link if the address is an admin's. `sent` settles
     * (never rejects) when that is done, with what became of the email
     * (undefined: nothing to send); callers answer without waiting for it.
     */
    request(email: string, team: string | undefined, publicUrl: string): EmailSignInAnswer & { sent: Promise<MailOutcome | undefined> } {
      const done = Promise.resolve(undefined);
      if (!mailer.enabled) return { status: 'not_configured', sent: done };
      const emailCi = email.trim().toLowerCase();
      const allowed = allow(emailCi, clock.now().getTime());
      if (!allowed.ok) return { status: 'rate_limited', retryAfterSeconds: allowed.retryAfterSeconds, sent: done };
      const sent = send(emailCi, team, publicUrl).catch((error: Error): MailOutcome => ({ emailed: false, emailReason: 'mail.failed', failure: error.message }));
      return { status: 'accepted', sent };
    },
  };
}

export type EmailSignIn = ReturnType<typeof createEmailSignIn>;
