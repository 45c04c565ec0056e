// The persistence ports of Rollcall's OpenID provider (src/oidc): what
// oidc-provider stores (sessions, interactions, grants, codes, tokens) and
// its signing keys. Adapters: src/storage/member-sign-in/oidc-payloads-repository.ts.

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
