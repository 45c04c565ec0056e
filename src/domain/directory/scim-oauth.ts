// OAuth 2.0 client credentials for the SCIM endpoint (RFC 6749 §4.4), for
// IdPs whose app gallery asks for a token endpoint, a client id and a secret
// instead of a long-lived bearer token. A team's client has a public
// `client_id` (`rcc_…`) and a secret (`rccs_…`) shown once and stored as a
// hash (secrets.ts). The token endpoint trades them for an access token
// (`rcat_…`), also stored only as a hash, with its client and expiry: the SCIM
// plugin accepts it exactly like a bearer token (same team binding, SSO gate).
//
// Rotation replaces the secret at once: the old secret is refused from the
// next token request, with no overlap. Access tokens already issued keep
// working until they expire (at most the token TTL), so provisioning does not
// stop while the admin pastes the new secret into the IdP. Revoking the client
// cuts its access tokens at once (their rows are deleted and every lookup
// checks the client).

import type { ScimOAuthClientLookup, ScimOAuthClientRecord, ScimOAuthStore, Store } from './store.js';
import { DomainError } from '../errors.js';
import type { Clock, Ids } from '../ports.js';
import { createEventFactory } from '../events.js';
import { SECRET_PREFIXES, hashSecret, looksLike, newSecret, sameHash } from '../secrets.js';
import { scimRequestRefusal, scimSetupRefusal, type GateFacts } from '../sso/gate.js';
import { randomBytes } from 'node:crypto';

export const CLIENT_ID_PREFIX = 'rcc_';
export const CLIENT_SECRET_PREFIX = SECRET_PREFIXES.scimClientSecret;
export const ACCESS_TOKEN_PREFIX = SECRET_PREFIXES.scimAccessToken;
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;
/** Like bearer tokens (tokens.ts): a check is remembered this long; revocations on this instance forget it at once. */
export const ACCESS_AUTH_CACHE_MS = 1_000;
const AUTH_CACHE_MAX = 10_000;
const TOUCH_INTERVAL_MS = 60_000;

export interface ScimOAuthClientView {
  clientId: string;
  teamId: string;
  label: string | null;
  /** The start of the current secret, to recognise it. */
  secretPrefix: string;
  createdAt: string;
  secretRotatedAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'revoked';
}

const view = (client: ScimOAuthClientRecord): ScimOAuthClientView => ({
  clientId: client.clientId,
  teamId: client.teamId,
  label: client.label,
  secretPrefix: client.secretPrefix,
  createdAt: client.createdAt,
  secretRotatedAt: client.secretRotatedAt,
  lastUsedAt: client.lastUsedAt,
  revokedAt: client.revokedAt,
  status: client.revokedAt ? 'revoked' : 'active',
});

/** What the token endpoint answers for an authenticated client (RFC 6749 §4.4.3, §5.2). */
export type TokenIssue = { ok: true; accessToken: string; expiresIn: number; clientId: string } | { ok: false; error: 'unauthorized_client'; description: string };

const gateFacts = (lookup: { teamPlan: string; ssoStatus: string | null; ssoActivatedAt: string | null }): GateFacts => ({
  plan: lookup.teamPlan,
  ssoStatus: lookup.ssoStatus,
  ssoActivatedAt: lookup.ssoActivatedAt,
});

/** A hash no secret has, compared against when the client is unknown so that case costs the same work. */
const NO_SECRET_HASH = hashSecret(`${CLIENT_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`);

export function createScimOAuthService(deps: { store: Store; oauth: ScimOAuthStore; clock: Clock; ids: Ids; accessTokenTtlSeconds?: number }) {
  const { store, oauth, clock, ids } = deps;
  const ttlSeconds = deps.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  const event = createEventFactory(clock, ids);
  const lastTouched = new Map<string, number>();
  const recent = new Map<string, { teamId: string; clientId: string; until: number }>();
  const forget = (match: (entry: { teamId: string; clientId: string }) => boolean) => {
    for (const [hash, entry] of recent) if (match(entry)) recent.delete(hash);
  };
  const touch = async (clientId: string, now: Date) => {
    if (now.getTime() - (lastTouched.get(clientId) ?? 0) < TOUCH_INTERVAL_MS) return;
    lastTouched.set(clientId, now.getTime());
    await oauth.touchClient(store.db, clientId, now.toISOString());
  };
  const activeClientOf = async (clientId: string, teamId: string | undefined) => {
    const row = await oauth.findClient(store.db, clientId);
    if (!row || (teamId !== undefined && row.teamId !== teamId)) throw new DomainError('scim_oauth_client.not_found', `no SCIM OAuth client "${clientId}"`);
    return row;
  };

  return {
    accessTokenTtlSeconds: ttlSeconds,

    /**
     * A new client for the team; its secret is in the answer and nowhere else.
     * Same gate as a SCIM token (Enterprise plan, active SSO unless `allowWithoutSso`).
     */
    async create(teamId: string, options: { label?: string; allowWithoutSso?: boolean } = {}): Promise<{ client: ScimOAuthClientView; clientSecret: string }> {
      const facts = await store.tokens.gateFacts(store.db, teamId);
      if (!facts) throw new DomainError('team.not_found', `no team "${teamId}"`);
      const refusal = scimSetupRefusal(facts, options.allowWithoutSso === true);
      if (refusal) throw refusal;
      const { secret, hash, shown } = newSecret(CLIENT_SECRET_PREFIX);
      const row: ScimOAuthClientRecord = {
        clientId: CLIENT_ID_PREFIX + randomBytes(16).toString('base64url'),
        teamId,
        secretHash: hash,
        secretPrefix: shown,
        label: options.label ?? null,
        createdAt: clock.now().toISOString(),
        secretRotatedAt: null,
        lastUsedAt: null,
        revokedAt: null,
      };
      await store.transaction(async (tx) => {
        await oauth.insertClient(tx, row);
        await store.events.append(tx, [event(teamId, 'scim_oauth_client.created', { type: 'OAuthClient', id: row.clientId }, { clientId: row.clientId, label: row.label })]);
      });
      return { client: view(row), clientSecret: secret };
    },

    async list(teamId: string): Promise<ScimOAuthClientView[]> {
      return (await oauth.listClients(store.db, teamId)).map(view);
    },

    /** A new secret (shown once); the old one is refused from now on. With `teamId`, only a client of that team. */
    async rotate(clientId: string, teamId?: string): Promise<{ client: ScimOAuthClientView; clientSecret: string }> {
      const row = await activeClientOf(clientId, teamId);
      const { secret, hash, shown } = newSecret(CLIENT_SECRET_PREFIX);
      const at = clock.now().toISOString();
      await store.transaction(async (tx) => {
        if (!(await oauth.replaceSecret(tx, clientId, { hash, prefix: shown }, at))) throw new DomainError('scim_oauth_client.not_found', `no active SCIM OAuth client "${clientId}"`);
        await store.events.append(tx, [event(row.teamId, 'scim_oauth_client.secret_rotated', { type: 'OAuthClient', id: clientId }, { clientId, label: row.label })]);
      });
      return { client: view({ ...row, secretHash: hash, secretPrefix: shown, secretRotatedAt: at }), clientSecret: secret };
    },

    /** Revokes a client and, at once, every access token it was issued. */
    async revoke(clientId: string, teamId?: string): Promise<ScimOAuthClientView> {
      const row = await activeClientOf(clientId, teamId);
      const at = clock.now().toISOString();
      await store.transaction(async (tx) => {
        if (await oauth.revokeClient(tx, clientId, at)) {
          await store.events.append(tx, [event(row.teamId, 'scim_oauth_client.revoked', { type: 'OAuthClient', id: clientId }, { clientId, label: row.label })]);
        }
      });
      forget((entry) => entry.clientId === clientId);
      return view({ ...row, revokedAt: row.revokedAt ?? at });
    },

    /**
     * Client authentication at the token endpoint (RFC 6749 §2.3.1): the
     * client must be this team's, active, and present its current secret
     * (compared in constant time, with the same work when the client is
     * unknown). Undefined for every failure alike, so nothing tells a caller
     * whether the client exists.
     */
    async authenticateClient(teamId: string, credentials: { clientId: string; clientSecret: string }): Promise<ScimOAuthClientLookup | undefined> {
      const presented = hashSecret(credentials.clientSecret);
      const row = credentials.clientId.length <= 200 ? await oauth.findClient(store.db, credentials.clientId) : undefined;
      const matches = sameHash(row?.secretHash ?? NO_SECRET_HASH, presented);
      if (!row || !matches || row.teamId !== teamId || row.revokedAt) return undefined;
      return row;
    },

    /**
     * An access token for an authenticated client (RFC 6749 §4.4.3), unless its
     * team may not use SCIM now (plan, SSO disabled): `unauthorized_client`.
     */
    async issueToken(client: ScimOAuthClientLookup): Promise<TokenIssue> {
      const refusal = scimRequestRefusal(gateFacts(client));
      if (refusal) return { ok: false, error: 'unauthorized_client', description: refusal.message };
      const now = clock.now();
      const { secret, hash } = newSecret(ACCESS_TOKEN_PREFIX);
      await store.transaction(async (tx) => {
        await oauth.deleteExpiredTokens(tx, client.clientId, now.toISOString());
        await oauth.insertToken(tx, {
          tokenHash: hash,
          clientId: client.clientId,
          teamId: client.teamId,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
        });
      });
      await touch(client.clientId, now);
      return { ok: true, accessToken: secret, expiresIn: ttlSeconds, clientId: client.clientId };
    },

    /** Whether a bearer secret is one of this service's access tokens (by its prefix). */
    isAccessToken: (secret: string): boolean => secret.startsWith(ACCESS_TOKEN_PREFIX),

    /** Forgets remembered authentications of a team (its SSO or plan changed). */
    forgetTeam(teamId: string): void {
      forget((entry) => entry.teamId === teamId);
    },

    /**
     * The team and client of a presented access token, or undefined (unknown,
     * expired, client revoked). `refusal` as in tokens.ts: the token is valid
     * but its team may not use SCIM now.
     */
    async authenticate(secret: string): Promise<{ teamId: string; clientId: string; refusal?: DomainError } | undefined> {
      if (!looksLike(secret, ACCESS_TOKEN_PREFIX)) return undefined;
      const hash = hashSecret(secret);
      const now = clock.now();
      const cached = recent.get(hash);
      if (cached && cached.until > now.getTime()) return { teamId: cached.teamId, clientId: cached.clientId };
      const row = await oauth.findToken(store.db, hash);
      if (!row || !sameHash(row.tokenHash, hash) || row.clientRevokedAt || new Date(row.expiresAt) <= now) return undefined;
      const refusal = scimRequestRefusal(gateFacts(row));
      if (refusal) return { teamId: row.teamId, clientId: row.clientId, refusal };
      await touch(row.clientId, now);
      if (recent.size >= AUTH_CACHE_MAX) recent.clear();
      recent.set(hash, { teamId: row.teamId, clientId: row.clientId, until: Math.min(now.getTime() + ACCESS_AUTH_CACHE_MS, new Date(row.expiresAt).getTime()) });
      return { teamId: row.teamId, clientId: row.clientId };
    },
  };
}

export type ScimOAuthService = ReturnType<typeof createScimOAuthService>;
