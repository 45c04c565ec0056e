// The storage port: what the directory services need from persistence.
// storage/ implements it with kysely; `Tx` is whatever handle it uses for a
// transaction, opaque to the domain.

import type { AdminMemberRow, StoredResource, GroupRef, ListQuery, ListResult, MemberRow, UserRef } from './types.js';
import type { Filter } from '../../scim/filter/ast.js';
import type { MemberRef } from '../../scim/patch/member-changes.js';
import type { GateFacts } from '../sso/gate.js';
import type { DomainEvent, StoredEvent } from '../events.js';

/** Where a batch of a group's members ended, in the order they were added (ties by the member's seq, then id). */
export interface MemberCursor {
  addedAt: string;
  seq: number | string;
  id: string;
}

export interface TeamRecord {
  id: string;
  slug: string;
  name: string;
  createdAt: string;
  userCount: number;
  groupCount: number;
  plan: string;
  /** The host product's own id for the team (its organisation id); unique while set. */
  externalId?: string | null;
  /** Set when the team was deleted: it is invisible everywhere until purged. */
  deletedAt?: string | null;
  updatedAt?: string | null;
}

export interface TokenRecord {
  id: string;
  teamId: string;
  tokenHash: string;
  prefix: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** When token.expiring was written for this token (it was the team's last active one). */
  expiryWarnedAt?: string | null;
}

/** A token with what the SSO gate needs about its team, from one query (sso-gate.ts). */
export interface TokenLookup extends TokenRecord {
  teamPlan: string;
  ssoStatus: string | null;
  ssoActivatedAt: string | null;
}

/**
 * A row lock held until the transaction ends (PostgreSQL; SQLite runs one
 * transaction at a time and needs none). `write`: the row will be updated, its
 * key kept, so members can still be added to it meanwhile. `delete`: the row
 * will be deleted, so nothing may start referencing it.
 */
export type RowLock = 'write' | 'delete';

export interface Store<Tx = unknown> {
  /** The non-transactional handle, for reads. */
  readonly db: Tx;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * A read-only transaction whose reads all see one snapshot (PostgreSQL
   * REPEATABLE READ, SQLite one read transaction), held until `end()`: a
   * reply streamed over many queries stays consistent with its version.
   * `end()` must be called, whatever happens (it never throws). `long`: it
   * may stay open for seconds (a streamed answer), so it must not hold up
   * other requests (SQLite gives it a connection of its own); a short one
   * is cheaper to open.
   */
  snapshot(options?: { long?: boolean }): Promise<{ tx: Tx; end(): Promise<void> }>;
  /** True for an error by which the database aborted a transaction that may simply run again (deadlock, serialization failure). */
  retryable(error: unknown): boolean;
  /**
   * Many writes in one transaction (Bulk). In `scoped`, each `transaction()`
   * is one write of that transaction. A write whose `users.insert` (its
   * first statement) finds the userName taken fails alone, leaving nothing
   * behind, and the others stand. Any other failure of a write makes the
   * batch full, and the batch then rejects: the whole transaction rolls
   * back, and the caller runs those writes again one at a time. The events appended, the users' email rows and the teams' user
   * counts are gathered and written once `fn` returns, just before the
   * commit, so they stay the last writes (and their locks the shortest held).
   * `full()` turns true once the transaction has as many writes, or has run
   * as long, as one should: the caller then returns and opens the next one.
   */
  batch<T>(fn: (scoped: Store<Tx>, full: () => boolean) => Promise<T>): Promise<T>;
  users: {
    insert(tx: Tx, user: StoredResource): Promise<void>;
    update(tx: Tx, user: StoredResource, expectedVersion: number): Promise<boolean>;
    findById(tx: Tx, teamId: string, id: string): Promise<StoredResource | undefined>;
    /** findById and the user's groups, read together (one round trip: GET /Users/{id}). */
    findWithGroups(tx: Tx, teamId: string, id: string): Promise<{ user: StoredResource; groups: GroupRef[] } | undefined>;
    /** findById, locking the row (call inside a transaction). */
    findForWrite(tx: Tx, teamId: string, id: string, lock: RowLock): Promise<StoredResource | undefined>;
    /** Deletes the user and their memberships; each group they were in gets a new version at `at`. Returns those groups, or false when absent. */
    delete(tx: Tx, teamId: string, id: string, at: string): Promise<string[] | false>;
    list(tx: Tx, teamId: string, query: ListQuery): Promise<ListResult>;
    /** The list narrowed to one group's direct members; cost grows with the group, not the team. */
    listInGroup(tx: Tx, teamId: string, groupId: string, query: ListQuery): Promise<ListResult>;
    groupsOf(tx: Tx, teamId: string, userIds: string[]): Promise<Map<string, GroupRef[]>>;
    /**
     * The team's users that manager references name, by reference: a
     * reference is a user's id, else its externalId, else its userName
     * (case-insensitive); unmatched references are left out.
     */
    resolveRefs(tx: Tx, teamId: string, refs: string[]): Promise<Map<string, UserRef>>;
  };
  groups: {
    insert(tx: Tx, group: StoredResource): Promise<void>;
    update(tx: Tx, group: StoredResource, expectedVersion: number): Promise<boolean>;
    touch(tx: Tx, teamId: string, id: string, lastModified: string): Promise<number | undefined>;
    findById(tx: Tx, teamId: string, id: string): Promise<StoredResource | undefined>;
    /** findById, locking the row (call inside a transaction). */
    findForWrite(tx: Tx, teamId: string, id: string, lock: RowLock): Promise<StoredResource | undefined>;
    /** Locks (for `write`) the groups `memberId` is a direct member of, in id order. */
    lockParents(tx: Tx, teamId: string, memberId: string): Promise<void>;
    /** Deletes the group, its memberships and its membership in other groups; each such parent gets a new version at `at`. Returns the parents, or false when absent. */
    delete(tx: Tx, teamId: string, id: string, at: string): Promise<string[] | false>;
    list(tx: Tx, teamId: string, query: ListQuery): Promise<ListResult>;
    memberCounts(tx: Tx, teamId: string, groupIds: string[]): Promise<Map<string, number>>;
  };
  members: {
    /** Locks the users and groups about to be referenced as members; call before locking the group (storage/directory/member-reference-locks.ts). */
    lockReferenced(tx: Tx, teamId: string, ids: string[]): Promise<void>;
    add(tx: Tx, teamId: string, groupId: string, refs: MemberRef[], at: string): Promise<string[]>;
    /** Sets the IdP's display on members already in the group; returns how many changed. */
    relabel(tx: Tx, groupId: string, refs: MemberRef[]): Promise<number>;
    remove(tx: Tx, groupId: string, ids: string[]): Promise<string[]>;
    removeWhere(tx: Tx, groupId: string, filter: Filter | null): Promise<string[]>;
    replace(tx: Tx, teamId: string, groupId: string, refs: MemberRef[], at: string): Promise<{ added: string[]; removed: string[] }>;
    membersOf(tx: Tx, groupIds: string[]): Promise<Map<string, MemberRow[]>>;
    page(tx: Tx, groupId: string, offset: number, limit: number): Promise<MemberRow[]>;
    /** One group's members in membersOf's order, `limit` after the keyset `after` (the `last` of the previous batch). */
    batch(tx: Tx, groupId: string, after: MemberCursor | undefined, limit: number): Promise<{ rows: MemberRow[]; last: MemberCursor | undefined }>;
    /** The dashboard's page: in the order added, after a keyset cursor or at an offset; each user's status. */
    adminPage(tx: Tx, groupId: string, page: { after?: MemberCursor; offset: number; limit: number }): Promise<{ rows: AdminMemberRow[]; last: MemberCursor | undefined }>;
  };
  events: {
    append(tx: Tx, events: DomainEvent[]): Promise<void>;
    listAfter(tx: Tx, teamId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  };
  teams: {
    insert(tx: Tx, team: TeamRecord): Promise<void>;
    findById(tx: Tx, id: string): Promise<TeamRecord | undefined>;
    findBySlug(tx: Tx, slug: string): Promise<TeamRecord | undefined>;
    /** By the host product's id for the team (migration 0011). */
    findByExternalId(tx: Tx, externalId: string): Promise<TeamRecord | undefined>;
    list(tx: Tx): Promise<TeamRecord[]>;
  };
  tokens: {
    insert(tx: Tx, token: TokenRecord): Promise<void>;
    findByHash(tx: Tx, hash: string): Promise<TokenLookup | undefined>;
    /** The team's plan and SSO state, for the gate on issuing a token. */
    gateFacts(tx: Tx, teamId: string): Promise<GateFacts | undefined>;
    findById(tx: Tx, id: string): Promise<TokenRecord | undefined>;
    listForTeam(tx: Tx, teamId: string): Promise<TokenRecord[]>;
    revoke(tx: Tx, id: string, at: string): Promise<boolean>;
    touch(tx: Tx, id: string, at: string): Promise<void>;
    /** Teams with an active, not yet warned token expiring by `until`. */
    teamsWithTokensExpiring(tx: Tx, now: string, until: string): Promise<string[]>;
    /** Marks a token warned; false if it already was (one event under races). */
    markExpiryWarned(tx: Tx, id: string, at: string): Promise<boolean>;
  };
}

// SCIM OAuth client credentials (scim-oauth.ts). Declared here rather than in
// a scim-oauth-store.ts of their own: they are about sixty lines, the same
// shape as TokenRecord/TokenLookup above (a credential, and its lookup with
// the team's gate facts), and one port file per feature keeps the directory's
// persistence readable in one place. The port stays its own interface (not a
// member of Store) so its adapter is wired apart from the directory store.

export interface ScimOAuthClientRecord {
  clientId: string;
  teamId: string;
  /** SHA-256 of the client secret (domain/secrets.ts); the secret is never stored. */
  secretHash: string;
  /** The start of the current secret, to recognise it. */
  secretPrefix: string;
  label: string | null;
  createdAt: string;
  secretRotatedAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ScimOAuthTokenRecord {
  /** SHA-256 of the access token. */
  tokenHash: string;
  clientId: string;
  teamId: string;
  createdAt: string;
  expiresAt: string;
}

/** A client with what the SSO gate needs about its team, from one query. */
export interface ScimOAuthClientLookup extends ScimOAuthClientRecord {
  teamPlan: string;
  ssoStatus: string | null;
  ssoActivatedAt: string | null;
}

/** An access token with its client's state and its team's gate facts, from one query. */
export interface ScimAccessTokenLookup extends ScimOAuthTokenRecord {
  clientRevokedAt: string | null;
  teamPlan: string;
  ssoStatus: string | null;
  ssoActivatedAt: string | null;
}

/** Persistence of SCIM OAuth clients and access tokens; `Tx` is the directory store's handle, so events commit with the change. */
export interface ScimOAuthStore<Tx = unknown> {
  insertClient(tx: Tx, client: ScimOAuthClientRecord): Promise<void>;
  findClient(tx: Tx, clientId: string): Promise<ScimOAuthClientLookup | undefined>;
  listClients(tx: Tx, teamId: string): Promise<ScimOAuthClientRecord[]>;
  /** Replaces an active client's secret; false if it is revoked or unknown. */
  replaceSecret(tx: Tx, clientId: string, secret: { hash: string; prefix: string }, at: string): Promise<boolean>;
  /** Marks an active client revoked and deletes its access tokens; false if it already was. */
  revokeClient(tx: Tx, clientId: string, at: string): Promise<boolean>;
  touchClient(tx: Tx, clientId: string, at: string): Promise<void>;
  insertToken(tx: Tx, token: ScimOAuthTokenRecord): Promise<void>;
  /** Deletes a client's access tokens that expired by `now` (each issuance tidies its own client). */
  deleteExpiredTokens(tx: Tx, clientId: string, now: string): Promise<void>;
  findToken(tx: Tx, hash: string): Promise<ScimAccessTokenLookup | undefined>;
}
