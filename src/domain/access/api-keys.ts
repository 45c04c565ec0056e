// Host-product API keys for /api/v1: a key either serves every team (the
// host product's own key) or one team. Separate from SCIM tokens and admin
// sessions: each credential works only where it belongs.

import type { Clock, Ids } from '../ports.js';
import type { ApiKeyRecord, ApiKeyStore } from './store.js';
import { DomainError } from '../errors.js';
import { SECRET_PREFIXES, hashSecret, looksLike, newSecret, sameHash } from '../secrets.js';

const TOUCH_INTERVAL_MS = 60_000;
/**
 * A key that proved valid is remembered this long, so a host API request
 * (spend authorize, on the host product's hot path) costs no key query.
 * Revoking the key, or deleting its team, forgets it at once on this
 * instance; other instances notice within this window (as SCIM tokens).
 */
export const API_KEY_CACHE_MS = 1_000;
const API_KEY_CACHE_MAX = 10_000;

const view = (k: ApiKeyRecord) => ({
  id: k.id,
  teamId: k.teamId,
  prefix: k.prefix,
  label: k.label,
  createdAt: k.createdAt,
  lastUsedAt: k.lastUsedAt,
  status: k.revokedAt ? ('revoked' as const) : ('active' as const),
});

export type ApiKeyView = ReturnType<typeof view>;

/**
 * Installation-wide keys given as configuration (ROLLCALL_HOST_API_KEYS), so a
 * host product's deployment provisions its own key with its other secrets and
 * never needs a shell. Only their hashes are kept; they have no database row,
 * so every instance accepts them from start-up, and rotating one is changing
 * the list (old and new side by side, then the old removed).
 */
export interface ConfiguredApiKey {
  id: string;
  hash: string;
}

/** The id a configured key goes by in logs and the activity log: never the secret. */
export function configuredApiKeys(secrets: readonly string[]): ConfiguredApiKey[] {
  return secrets.map((secret) => {
    const hash = hashSecret(secret);
    return { id: `config:${hash.slice(0, 12)}`, hash };
  });
}

export function createApiKeyService(deps: { store: ApiKeyStore; clock: Clock; ids: Ids; configured?: readonly ConfiguredApiKey[] }) {
  const { store, clock, ids } = deps;
  const configured = deps.configured ?? [];
  const lastTouched = new Map<string, number>();
  const recent = new Map<string, { keyId: string; teamId: string | null; until: number }>();
  // Bumped by every forget: a check that read the database before a forget
  // (revocation, team deletion) and finishes after it must not remember
  // what it read, or the revoked credential would work for one more second.
  let forgotten = 0;
  const forget = (match: (entry: { keyId: string; teamId: string | null }) => boolean) => {
    forgotten++;
    for (const [hash, entry] of recent) if (match(entry)) recent.delete(hash);
  };
  return {
    async create(options: { teamId?: string; label?: string } = {}): Promise<{ key: ApiKeyView; secret: string }> {
      const { secret, hash, shown } = newSecret(SECRET_PREFIXES.apiKey);
      const row: ApiKeyRecord = {
        id: ids.uuid(),
        teamId: options.teamId ?? null,
        tokenHash: hash,
        prefix: shown,
        label: options.label ?? null,
        createdAt: clock.now().toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      };
      await store.insert(store.db, row);
      return { key: view(row), secret };
    },

    list: async () => (await store.list(store.db)).map(view),

    async revoke(id: string): Promise<void> {
      const revoked = await store.revoke(store.db, id, clock.now().toISOString());
      forget((entry) => entry.keyId === id);
      if (!revoked) throw new DomainError('api_key.not_found', `no active API key "${id}"`);
    },

    /** Forgets remembered keys of a team (the team was deleted, which revokes its keys). */
    forgetTeam(teamId: string): void {
      forget((entry) => entry.teamId === teamId);
    },

    /** The key's scope, or undefined for anything that is not a live API key. */
    async authenticate(secret: string): Promise<{ keyId: string; teamId: string | null } | undefined> {
      if (!looksLike(secret, SECRET_PREFIXES.apiKey)) return undefined;
      const hash = hashSecret(secret);
      const fromConfig = configured.find((key) => sameHash(key.hash, hash));
      if (fromConfig) return { keyId: fromConfig.id, teamId: null };
      const now = clock.now().getTime();
      const cached = recent.get(hash);
      if (cached && cached.until > now) return { keyId: cached.keyId, teamId: cached.teamId };
      const generation = forgotten;
      const row = await store.findByHash(store.db, hash);
      if (!row || !sameHash(row.tokenHash, hash) || row.revokedAt) return undefined;
      if (now - (lastTouched.get(row.id) ?? 0) >= TOUCH_INTERVAL_MS) {
        lastTouched.set(row.id, now);
        await store.touch(store.db, row.id, new Date(now).toISOString());
      }
      if (recent.size >= API_KEY_CACHE_MAX) recent.clear();
      if (generation === forgotten) recent.set(hash, { keyId: row.id, teamId: row.teamId, until: now + API_KEY_CACHE_MS });
      return { keyId: row.id, teamId: row.teamId };
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
