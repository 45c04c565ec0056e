// Team admins: accounts (one per email, across teams), a role per team,
// one-time sign-in links, and sessions. Sessions are bearer secrets kept in an
// HttpOnly cookie; each carries a CSRF token the client echoes on writes.

import type { Clock, Ids } from '../ports.js';
import type { AccountRecord, AdminAccessStore, SessionRecord } from './store.js';
import { DomainError } from '../errors.js';
import { SECRET_PREFIXES, hashSecret, looksLike, newSecret, sameHash } from '../secrets.js';

export const ROLES = ['owner', 'admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do: members read, admins manage the team, owners also manage admins. */
export const ROLE_RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

/**
 * The role a session acts with in a team: the account's role there, capped at
 * the session's scope role (a portal link's session, portal-links.ts), so a
 * role lowered after the link was used lowers the session too.
 */
export function effectiveRole(held: Role | undefined, scopeRole: string | null | undefined): Role | undefined {
  if (!held || !scopeRole || !ROLES.includes(scopeRole as Role)) return held;
  return ROLE_RANK[scopeRole as Role] < ROLE_RANK[held] ? (scopeRole as Role) : held;
}

export interface AdminAccessOptions {
  sessionTtlMs: number;
  linkTtlMs: number;
}

const TOUCH_INTERVAL_MS = 60_000;

export function createAdminAccessService(deps: { store: AdminAccessStore; clock: Clock; ids: Ids; options: AdminAccessOptions }) {
  const { store, clock, ids, options } = deps;

  async function ensureAccount(email: string, name?: string): Promise<AccountRecord> {
    const emailCi = email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(emailCi)) throw new DomainError('admin.invalid_email', `"${email}" is not an email address`);
    const existing = await store.findAccountByEmail(store.db, emailCi);
    if (existing) return existing;
    const account: AccountRecord = { id: ids.uuid(), email: email.trim(), emailCi, name: name ?? null, createdAt: clock.now().toISOString(), lastSignInAt: null };
    await store.insertAccount(store.db, account);
    return account;
  }

  /** A portal link's session is scoped to one team and role, and remembers the host's return URL (portal-links.ts). */
  async function openSession(accountId: string, method: 'link' | 'sso' | 'portal', scope?: { teamId: string; role: Role; returnUrl: string | null }) {
    const { secret, hash } = newSecret(SECRET_PREFIXES.session);
    const now = clock.now();
    const session: SessionRecord = {
      id: ids.uuid(),
      accountId,
      tokenHash: hash,
      csrfToken: newSecret('').secret,
      method,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + options.sessionTtlMs).toISOString(),
      lastSeenAt: now.toISOString(),
      revokedAt: null,
      ...(scope ? { scopeTeamId: scope.teamId, scopeRole: scope.role, returnUrl: scope.returnUrl } : {}),
    };
    await store.transaction(async (tx) => {
      await store.insertSession(tx, session);
      await store.touchAccountSignIn(tx, accountId, session.createdAt);
    });
    return { secret, session };
  }

  return {
    ensureAccount,
    openSession,

    /** Gives an account (created if new) a role in a team. */
    async grant(teamId: string, email: string, role: Role, name?: string): Promise<AccountRecord> {
      if (!ROLES.includes(role)) throw new DomainError('admin.invalid_role', `role must be one of ${ROLES.join(', ')}`);
      const account = await ensureAccount(email, name);
      await store.setRole(store.db, teamId, account.id, role, clock.now().toISOString());
      return account;
    },

    /** A one-time sign-in link secret for the account, valid for linkTtlMs. */
    async createSignInLink(accountId: string): Promise<{ secret: string; expiresAt: string }> {
      const { secret, hash } = newSecret(SECRET_PREFIXES.signInLink);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + options.linkTtlMs).toISOString();
      await store.insertLink(store.db, { id: ids.uuid(), accountId, tokenHash: hash, createdAt: now.toISOString(), expiresAt, usedAt: null });
      return { secret, expiresAt };
    },

    /** Exchanges a sign-in link for a session; a link works once. */
    async redeemSignInLink(secret: string) {
      const invalid = new DomainError('admin.link_invalid', 'this sign-in link is invalid, expired or already used; ask for a new one');
      if (!looksLike(secret, SECRET_PREFIXES.signInLink)) throw invalid;
      const hash = hashSecret(secret);
      const link = await store.findLinkByHash(store.db, hash);
      const now = clock.now();
      if (!link || !sameHash(link.tokenHash, hash) || link.usedAt || new Date(link.expiresAt) <= now) throw invalid;
      if (!(await store.useLink(store.db, link.id, now.toISOString()))) throw invalid;
      return openSession(link.accountId, 'link');
    },

    async authenticate(secret: string): Promise<{ session: SessionRecord; account: AccountRecord } | undefined> {
      if (!looksLike(secret, SECRET_PREFIXES.session)) return undefined;
      const hash = hashSecret(secret);
      const session = await store.findSessionByHash(store.db, hash);
      const now = clock.now();
      if (!session || !sameHash(session.tokenHash, hash) || session.revokedAt || new Date(session.expiresAt) <= now) return undefined;
      const account = await store.findAccount(store.db, session.accountId);
      if (!account) return undefined;
      if (!session.lastSeenAt || now.getTime() - new Date(session.lastSeenAt).getTime() >= TOUCH_INTERVAL_MS) {
        await store.touchSession(store.db, session.id, now.toISOString());
      }
      return { session, account };
    },

    roleIn: (teamId: string, accountId: string) => store.roleIn(store.db, teamId, accountId),
    findAccountByEmail: (email: string) => store.findAccountByEmail(store.db, email.trim().toLowerCase()),
    teamsOf: (accountId: string) => store.teamsOf(store.db, accountId),

    /** The account's live sessions (revoked and expired ones are history, not listed). */
    async listSessions(accountId: string) {
      const now = clock.now();
      const live = (await store.listSessions(store.db, accountId)).filter((s) => !s.revokedAt && new Date(s.expiresAt) > now);
      return live.map((s) => ({
        id: s.id,
        method: s.method,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: s.expiresAt,
        status: s.revokedAt ? 'revoked' : new Date(s.expiresAt) <= now ? 'expired' : 'active',
      }));
    },

    async revokeSession(id: string, accountId: string): Promise<void> {
      if (!(await store.revokeSession(store.db, id, accountId, clock.now().toISOString()))) {
        throw new DomainError('admin.session_not_found', `no active session "${id}"`);
      }
    },
  };
}

export type AdminAccessService = ReturnType<typeof createAdminAccessService>;
