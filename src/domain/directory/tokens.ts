// SCIM bearer tokens: shown once, stored as a hash (secrets.ts), several
// active at once for rotation, revocation immediate.

import type { Store, TokenRecord } from './store.js';
import { DomainError } from '../errors.js';
import type { Clock, Ids } from '../ports.js';
import { createEventFactory } from '../events.js';
import { SECRET_PREFIXES, hashSecret, looksLike, newSecret, sameHash } from '../secrets.js';
import { scimRequestRefusal, scimSetupRefusal } from '../sso/gate.js';

export const TOKEN_PREFIX = SECRET_PREFIXES.scimToken;
/**
 * A successful authentication is remembered this long, so a SCIM request
 * costs no token query. Revoking a token or disabling a team's SSO forgets
 * it at once on this instance; other instances notice within this window.
 */
export const AUTH_CACHE_MS = 1_000;
const AUTH_CACHE_MAX = 10_000;
/** last_used_at is written at most this often per token, off the hot path. */
const TOUCH_INTERVAL_MS = 60_000;

export interface TokenInfo {
  id: string;
  teamId: string;
  prefix: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'revoked' | 'expired';
}

function info(row: TokenRecord, now: Date): TokenInfo {
  const expired = row.expiresAt !== null && new Date(row.expiresAt) <= now;
  return {
    id: row.id,
    teamId: row.teamId,
    prefix: row.prefix,
    label: row.label,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    status: row.revokedAt ? 'revoked' : expired ? 'expired' : 'active',
  };
}

export function createTokenService(deps: { store: Store; clock: Clock; ids: Ids }) {
  const { store, clock, ids } = deps;
  const event = createEventFactory(clock, ids);
  const lastTouched = new Map<string, number>();
  const recent = new Map<string, { teamId: string; tokenId: string; until: number }>();
  // Bumped by every forget: a check that read the database before a forget
  // (revocation, team deletion) and finishes after it must not remember
  // what it read, or the revoked credential would work for one more second.
  let forgotten = 0;
  const forget = (match: (entry: { teamId: string; tokenId: string }) => boolean) => {
    forgotten++;
    for (const [hash, entry] of recent) if (match(entry)) recent.delete(hash);
  };

  return {
    /**
     * Issues a token. The team must be on the Enterprise plan and have active
     * SSO (sso-gate.ts); `allowWithoutSso` skips the SSO condition, for tests
     * and migrations only (the CLI's --allow-without-sso).
     */
    async create(teamId: string, options: { label?: string; expiresAt?: Date; allowWithoutSso?: boolean } = {}): Promise<{ token: TokenInfo; secret: string }> {
      const facts = await store.tokens.gateFacts(store.db, teamId);
      if (!facts) throw new DomainError('team.not_found', `no team "${teamId}"`);
      const refusal = scimSetupRefusal(facts, options.allowWithoutSso === true);
      if (refusal) throw refusal;
      const { secret, hash, shown } = newSecret(TOKEN_PREFIX);
      const row: TokenRecord = {
        id: ids.uuid(),
        teamId,
        tokenHash: hash,
        prefix: shown,
        label: options.label ?? null,
        createdAt: clock.now().toISOString(),
        lastUsedAt: null,
        expiresAt: options.expiresAt ? options.expiresAt.toISOString() : null,
        revokedAt: null,
      };
      await store.transaction(async (tx) => {
        await store.tokens.insert(tx, row);
        await store.events.append(tx, [event(teamId, 'token.created', { type: 'Token', id: row.id }, { tokenId: row.id, prefix: row.prefix, label: row.label })]);
      });
      return { token: info(row, clock.now()), secret };
    },

    async list(teamId: string): Promise<TokenInfo[]> {
      const now = clock.now();
      return (await store.tokens.listForTeam(store.db, teamId)).map((r) => info(r, now));
    },

    /** Revokes a token; with `teamId`, only a token of that team. */
    async revoke(id: string, teamId?: string): Promise<TokenInfo> {
      const row = await store.tokens.findById(store.db, id);
      if (!row || (teamId !== undefined && row.teamId !== teamId)) throw new DomainError('token.not_found', `no token "${id}"`);
      const at = clock.now().toISOString();
      await store.transaction(async (tx) => {
        if (await store.tokens.revoke(tx, id, at)) {
          await store.events.append(tx, [event(row.teamId, 'token.revoked', { type: 'Token', id }, { tokenId: id, prefix: row.prefix })]);
        }
      });
      forget((entry) => entry.tokenId === id);
      return info({ ...row, revokedAt: row.revokedAt ?? at }, clock.now());
    },

    /**
     * Writes `token.expiring` for each team whose last active token expires
     * within `withinMs` (a team with a token that never expires is fine):
     * once per token, so the hourly check never repeats itself. Returns how
     * many it wrote.
     */
    async warnExpiring(withinMs: number): Promise<number> {
      const now = clock.now();
      const nowIso = now.toISOString();
      const until = new Date(now.getTime() + withinMs).toISOString();
      let written = 0;
      for (const teamId of await store.tokens.teamsWithTokensExpiring(store.db, nowIso, until)) {
        const active = (await store.tokens.listForTeam(store.db, teamId)).filter((t) => !t.revokedAt && (!t.expiresAt || t.expiresAt > nowIso));
        if (active.some((t) => !t.expiresAt)) continue;
        const last = active.sort((a, b) => ((a.expiresAt as string) < (b.expiresAt as string) ? -1 : 1)).at(-1);
        if (!last || (last.expiresAt as string) > until || last.expiryWarnedAt) continue;
        await store.transaction(async (tx) => {
          if (!(await store.tokens.markExpiryWarned(tx, last.id, nowIso))) return;
          await store.events.append(tx, [event(teamId, 'token.expiring', { type: 'Token', id: last.id }, { tokenId: last.id, prefix: last.prefix, label: last.label, expiresAt: last.expiresAt })]);
          written++;
        });
      }
      return written;
    },

    /** Forgets remembered authentications of a team (its SSO or plan changed). */
    forgetTeam(teamId: string): void {
      forget((entry) => entry.teamId === teamId);
    },

    /**
     * The team a presented secret belongs to, or undefined. `refusal` is set
     * when the token is valid but its team may not use SCIM now (plan, SSO
     * disabled): the caller checks the team first, so a refusal never tells
     * another team's caller anything.
     */
    async authenticate(secret: string): Promise<{ teamId: string; tokenId: string; refusal?: DomainError } | undefined> {
      if (!looksLike(secret, TOKEN_PREFIX)) return undefined;
      const hash = hashSecret(secret);
      const cached = recent.get(hash);
      if (cached && cached.until > clock.now().getTime()) return { teamId: cached.teamId, tokenId: cached.tokenId };
      const generation = forgotten;
      const row = await store.tokens.findByHash(store.db, hash);
      if (!row || !sameHash(row.tokenHash, hash)) return undefined;
      const now = clock.now();
      if (row.revokedAt || (row.expiresAt && new Date(row.expiresAt) <= now)) return undefined;
      const refusal = scimRequestRefusal({ plan: row.teamPlan, ssoStatus: row.ssoStatus, ssoActivatedAt: row.ssoActivatedAt });
      if (refusal) return { teamId: row.teamId, tokenId: row.id, refusal };
      const previous = lastTouched.get(row.id) ?? 0;
      if (now.getTime() - previous >= TOUCH_INTERVAL_MS) {
        lastTouched.set(row.id, now.getTime());
        await store.tokens.touch(store.db, row.id, now.toISOString());
      }
      if (recent.size >= AUTH_CACHE_MAX) recent.clear();
      const expiry = row.expiresAt ? new Date(row.expiresAt).getTime() : Infinity;
      if (generation === forgotten) recent.set(hash, { teamId: row.teamId, tokenId: row.id, until: Math.min(now.getTime() + AUTH_CACHE_MS, expiry) });
      return { teamId: row.teamId, tokenId: row.id };
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
