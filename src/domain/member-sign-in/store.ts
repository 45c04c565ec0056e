// The persistence ports of member sign-in: the directory as Rollcall's OpenID
// Provider reads it, and the host product's registered OIDC clients.
// storage/member-sign-in/*-store.ts implement them. Also the ports of Rollcall's
// OpenID provider (src/oidc): what oidc-provider stores (sessions, interactions,
// grants, codes, tokens) and its signing keys.

export interface MemberGroup {
  id: string;
  displayName: string;
}

/** A provisioned member as the provider needs it. */
export interface MemberAccount {
  id: string;
  teamId: string;
  userName: string;
  active: boolean;
  /** The stored SCIM resource (name, emails, displayName...). */
  resource: Record<string, unknown>;
  groups: MemberGroup[];
}

export interface MemberCandidate {
  id: string;
  userNameCi: string;
  active: boolean;
}

export interface MemberSignInStore<Tx = unknown> {
  readonly db: Tx;
  /** Members of the team whose userName or any email is `emailCi` (a few at most). */
  findByEmail(tx: Tx, teamId: string, emailCi: string): Promise<MemberCandidate[]>;
  /** A member by id, in any team, with the directory groups it belongs to. */
  findMember(tx: Tx, userId: string): Promise<MemberAccount | undefined>;
  /** Deletes every provider session, grant, code and token of the account; returns how many. */
  revokeAccount(tx: Tx, accountId: string): Promise<number>;
}


export interface OidcClientRecord {
  clientId: string;
  name: string;
  clientSecret: string;
  redirectUris: string[];
  teamId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface OidcClientStore<Tx = unknown> {
  readonly db: Tx;
  insert(tx: Tx, client: OidcClientRecord): Promise<void>;
  find(tx: Tx, clientId: string): Promise<OidcClientRecord | undefined>;
  list(tx: Tx): Promise<OidcClientRecord[]>;
  revoke(tx: Tx, clientId: string, at: string): Promise<boolean>;
}

export interface StoredPayload {
  payload: Record<string, unknown>;
  consumedAt: string | null;
}

/** oidc-provider's models by name and id. `now`/`at` are ISO times. */
export interface OidcPayloadStore {
  upsert(model: string, id: string, payload: Record<string, unknown>, expiresAt: string | null): Promise<void>;
  find(model: string, id: string, now: string): Promise<StoredPayload | undefined>;
  findByUid(model: string, uid: string, now: string): Promise<StoredPayload | undefined>;
  findByUserCode(model: string, userCode: string, now: string): Promise<StoredPayload | undefined>;
  consume(model: string, id: string, at: string): Promise<void>;
  destroy(model: string, id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
  purgeExpired(before: string): Promise<void>;
}

export interface OidcKeyStore {
  getOrCreate(id: string, create: () => string, at: string): Promise<string>;
}
