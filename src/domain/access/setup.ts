// First run. On an installation with no team, `npm start` issues a one-time
// setup secret and prints it as a link to the dashboard, where a newcomer
// creates the first team and becomes its owner, signed in — no CLI needed.
// The secret is stored hashed, works once, and only while no team exists.

import type { Clock, Ids } from '../ports.js';
import type { AdminAccessService } from './admin-access.js';
import type { AccountRecord, SessionRecord, SetupStore } from './store.js';
import type { TeamService } from '../directory/teams.js';
import type { TeamRecord } from '../directory/store.js';
import { DomainError } from '../errors.js';
import { hashSecret, looksLike, newSecret, sameHash } from '../secrets.js';

/** Setup secrets say what they are, like every other secret (secrets.ts). */
export const SETUP_PREFIX = 'rcu_';

export interface SetupInput {
  secret: string;
  teamName: string;
  teamSlug: string;
  email: string;
  name?: string;
}

export interface SetupResult {
  team: TeamRecord;
  account: AccountRecord;
  /** The owner's new session: its secret goes into the cookie, never a log. */
  sessionSecret: string;
  session: SessionRecord;
}

/** Mistakes in the form: the secret is handed back so the newcomer can correct them. */
const CORRECTABLE = new Set(['admin.invalid_email', 'team.invalid_slug', 'team.slug_taken', 'team.invalid_plan']);

export function createSetupService(deps: { store: SetupStore; teams: TeamService; adminAccess: AdminAccessService; clock: Clock; ids: Ids; options?: { ttlMs?: number } }) {
  const { store, teams, adminAccess, clock, ids } = deps;
  const ttlMs = deps.options?.ttlMs ?? 24 * 3600_000;
  const pending = async () => (await store.countTeams(store.db)) === 0;
  const alreadyDone = () => new DomainError('setup.already_done', 'Rollcall is already set up; ask an owner of your team for a sign-in link');

  return {
    /** True while the installation has no team (the dashboard then offers setup). */
    pending,

    /** A new setup secret, or undefined when a team already exists. */
    async issue(): Promise<{ secret: string; expiresAt: string } | undefined> {
      if (!(await pending())) return undefined;
      const { secret, hash } = newSecret(SETUP_PREFIX);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      await store.insert(store.db, { id: ids.uuid(), tokenHash: hash, createdAt: now.toISOString(), expiresAt, usedAt: null });
      return { secret, expiresAt };
    },

    /** Creates the first team and its owner, and signs the owner in. */
    async complete(input: SetupInput): Promise<SetupResult> {
      const invalid = new DomainError('setup.link_invalid', 'this setup link is invalid, expired or already used; restart Rollcall to print a new one');
      if (!looksLike(input.secret, SETUP_PREFIX)) throw invalid;
      const hash = hashSecret(input.secret);
      const row = await store.findByHash(store.db, hash);
      const now = clock.now().toISOString();
      if (!row || !sameHash(row.tokenHash, hash) || row.usedAt || row.expiresAt <= now) throw invalid;
      if (!(await pending())) throw alreadyDone();
      // All outstanding secrets are consumed together, so two browsers racing
      // with two printed links cannot both create a "first" team.
      const consumed = await store.consumeAll(store.db, now);
      if (!consumed.includes(row.id)) throw invalid;
      try {
        if (!(await pending())) throw alreadyDone();
        const account = await adminAccess.ensureAccount(input.email, input.name?.trim() || undefined);
        const team = await teams.create({ slug: input.teamSlug, name: input.teamName });
        await adminAccess.grant(team.id, account.email, 'owner');
        const { secret, session } = await adminAccess.openSession(account.id, 'link');
        return { team, account, sessionSecret: secret, session };
      } catch (error) {
        if (error instanceof DomainError && CORRECTABLE.has(error.code)) await store.release(store.db, consumed);
        throw error;
      }
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
