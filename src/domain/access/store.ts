// The persistence ports of access: admin accounts, roles, sign-in links and
// sessions; host API keys; first-run setup secrets; the setup wizard's place.
// storage/access/*-store.ts implement them, mapping rows to these records.

import type { Role } from './admin-access.js';
import type { DomainEvent } from '../events.js';

export interface AccountRecord {
  id: string;
  email: string;
  emailCi: string;
  name: string | null;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface SessionRecord {
  id: string;
  accountId: string;
  tokenHash: string;
  csrfToken: string;
  method: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  /** A portal link's session reaches only this team, with `scopeRole` (domain/access/portal-links.ts). */
  scopeTeamId?: string | null;
  scopeRole?: string | null;
  /** Where "Back to …" leads (a portal link's validated returnUrl). */
  returnUrl?: string | null;
}

export interface LinkRecord {
  id: string;
  accountId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
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

/** Someone's role in a team, with their account (team_roles joined with admin_accounts). */
export interface TeamAdminRecord {
  accountId: string;
  email: string;
  name: string | null;
  role: Role;
  addedAt: string;
  lastSignInAt: string | null;
}

/** A team's admins as its owners manage them (team-admins.ts). */
export interface TeamAdminsStore<Tx = unknown> {
  readonly db: Tx;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** The team, its row locked until the transaction ends (role changes of one team run one at a time). */
  lockTeam(tx: Tx, teamId: string): Promise<{ id: string; name: string } | undefined>;
  list(tx: Tx, teamId: string): Promise<TeamAdminRecord[]>;
  find(tx: Tx, teamId: string, accountId: string): Promise<TeamAdminRecord | undefined>;
  insertRole(tx: Tx, teamId: string, accountId: string, role: Role, at: string): Promise<void>;
  updateRole(tx: Tx, teamId: string, accountId: string, role: Role): Promise<void>;
  deleteRole(tx: Tx, teamId: string, accountId: string): Promise<void>;
  countOwners(tx: Tx, teamId: string): Promise<number>;
  appendEvents(tx: Tx, events: DomainEvent[]): Promise<void>;
}


export interface ApiKeyRecord {
  id: string;
  teamId: string | null;
  tokenHash: string;
  prefix: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeyStore<Tx = unknown> {
  readonly db: Tx;
  insert(tx: Tx, key: ApiKeyRecord): Promise<void>;
  findByHash(tx: Tx, hash: string): Promise<ApiKeyRecord | undefined>;
  list(tx: Tx): Promise<ApiKeyRecord[]>;
  revoke(tx: Tx, id: string, at: string): Promise<boolean>;
  touch(tx: Tx, id: string, at: string): Promise<void>;
}


export interface SetupSecretRecord {
  id: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface SetupStore<Tx = unknown> {
  readonly db: Tx;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  insert(tx: Tx, secret: SetupSecretRecord): Promise<void>;
  findByHash(tx: Tx, hash: string): Promise<SetupSecretRecord | undefined>;
  /** Marks every unused, unexpired secret used; returns their ids. */
  consumeAll(tx: Tx, at: string): Promise<string[]>;
  release(tx: Tx, ids: string[]): Promise<void>;
  countTeams(tx: Tx): Promise<number>;
}


export interface SetupProgressStore {
  find(teamId: string): Promise<{ progress: string; updatedAt: string; updatedBy: string | null } | undefined>;
  save(teamId: string, progress: string, at: string, by: string | null): Promise<void>;
}
