// The persistence ports of member sign-in: the directory as Rollcall's OpenID
// Provider reads it, and the host product's registered OIDC clients.
// storage/member-sign-in/*-store.ts implement them.

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
