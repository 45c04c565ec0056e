// Team admins: accounts (one per email, across teams), a role per team,
// one-time sign-in links, and sessions. Sessions are bearer secrets kept in an
// HttpOnly cookie; each carries a CSRF token the client echoes on writes.

import type { Clock, Ids } from '../ports.js';
import { DomainError } from '../errors.js';
import { SECRET_PREFIXES, hashSecret, looksLike, newSecret, sameHash } from '../secrets.js';

export const ROLES = ['owner', 'admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do: members read, admins manage the team, owners also manage admins. */
export const ROLE_RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export interface AccountRecord {
  id: string;
  email: string;
  email_ci: string;
  name: string | null;
  created_at: string;
  last_sign_in_at: string | null;
}

export interface SessionRecord {
  id: string;
  account_id: string;
  token_hash: string;
  csrf_token: string;
  method: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

export interface LinkRecord {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface TeamRoleView {
  teamId: string;
  slug: string;
  name: string;
  plan: string;
  role: Role;
}

export interface AdminAccessStore<Tx = unknown> {
  readonly db: Tx;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  findAccountByEmail(tx: Tx, emailCi: string): Promise<AccountRecord | undefined>;
  findAccount(tx: Tx, id: string): Promise<AccountRecord | undefined>;
  insertAccount(tx: Tx, account: AccountRecord): Promise<void>;
  touchAccountSignIn(tx: Tx, id: string, at: string): Promise<void>;
  setRole(tx: Tx, teamId: string, accountId: string, role: Role, at: string): Promise<void>;
  roleIn(tx: Tx, teamId: string, accountId: string): Promise<Role | undefined>;
  teamsOf(tx: Tx, accountId: string): Promise<TeamRoleView[]>;
  insertLink(tx: Tx, link: LinkRecord): Promise<void>;
  findLinkByHash(tx: Tx, hash: string): Promise<LinkRecord | undefined>;
  useLink(tx: Tx, id: string, at: string): Promise<boolean>;
  insertSession(tx: Tx, session: SessionRecord): Promise<void>;
  findSessionByHash(tx: Tx, hash: string): Promise<SessionRecord | undefined>;
  touchSession(tx: Tx, id: string, at: string): Promise<void>;
  listSessions(tx: Tx, accountId: string): Promise<SessionRecord[]>;
  revokeSession(tx: Tx, id: string, accountId: string, at: string): Promise<boolean>;
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
    const account: AccountRecord = { id: ids.uuid(), email: email.trim(), email_ci: emailCi, name: name ?? null, created_at: clock.now().toISOString(), last_sign_in_at: null };
    await store.insertAccount(store.db, account);
    return account;
  }

  async function openSession(accountId: string, method: 'link' | 'sso') {
    const { secret, hash } = newSecret(SECRET_PREFIXES.session);
    const now = clock.now();
    const session: SessionRecord = {
      id: ids.uuid(),
      account_id: accountId,
      token_hash: hash,
      csrf_token: newSecret('').secret,
      method,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + options.sessionTtlMs).toISOString(),
      last_seen_at: now.toISOString(),
      revoked_at: null,
    };
    await store.transaction(async (tx) => {
      await store.insertSession(tx, session);
      await store.touchAccountSignIn(tx, accountId, session.created_at);
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
      await store.insertLink(store.db, { id: ids.uuid(), account_id: accountId, token_hash: hash, created_at: now.toISOString(), expires_at: expiresAt, used_at: null });
      return { secret, expiresAt };
    },

    /** Exchanges a sign-in link for a session; a link works once. */
    async redeemSignInLink(secret: string) {
      const invalid = new DomainError('admin.link_invalid', 'this sign-in link is invalid, expired or already used; ask for a new one');
      if (!looksLike(secret, SECRET_PREFIXES.signInLink)) throw invalid;
      const hash = hashSecret(secret);
      const link = await store.findLinkByHash(store.db, hash);
      const now = clock.now();
      if (!link || !sameHash(link.token_hash, hash) || link.used_at || new Date(link.expires_at) <= now) throw invalid;
      if (!(await store.useLink(store.db, link.id, now.toISOString()))) throw invalid;
      return openSession(link.account_id, 'link');
    },

    async authenticate(secret: string): Promise<{ session: SessionRecord; account: AccountRecord } | undefined> {
      if (!looksLike(secret, SECRET_PREFIXES.session)) return undefined;
      const hash = hashSecret(secret);
      const session = await store.findSessionByHash(store.db, hash);
      const now = clock.now();
      if (!session || !sameHash(session.token_hash, hash) || session.revoked_at || new Date(session.expires_at) <= now) return undefined;
      const account = await store.findAccount(store.db, session.account_id);
      if (!account) return undefined;
      if (!session.last_seen_at || now.getTime() - new Date(session.last_seen_at).getTime() >= TOUCH_INTERVAL_MS) {
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
      const live = (await store.listSessions(store.db, accountId)).filter((s) => !s.revoked_at && new Date(s.expires_at) > now);
      return live.map((s) => ({
        id: s.id,
        method: s.method,
        createdAt: s.created_at,
        lastSeenAt: s.last_seen_at,
        expiresAt: s.expires_at,
        status: s.revoked_at ? 'revoked' : new Date(s.expires_at) <= now ? 'expired' : 'active',
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
