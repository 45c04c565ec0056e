// Host-product API keys for /api/v1: a key either serves every team (the
// host product's own key) or one team. Separate from SCIM tokens and admin
// sessions: each credential works only where it belongs.

import type { Clock, Ids } from '../ports.js';
import type { ApiKeyRecord, ApiKeyStore } from './store.js';
import { DomainError } from '../errors.js';
import { SECRET_PREFIXES, hashSecret, looksLike, newSecret, sameHash } from '../secrets.js';

const TOUCH_INTERVAL_MS = 60_000;

const view = (k: ApiKeyRecord) => ({
  id: k.id,
  teamId: k.team_id,
  prefix: k.prefix,
  label: k.label,
  createdAt: k.created_at,
  lastUsedAt: k.last_used_at,
  status: k.revoked_at ? ('revoked' as const) : ('active' as const),
});

export type ApiKeyView = ReturnType<typeof view>;

export function createApiKeyService(deps: { store: ApiKeyStore; clock: Clock; ids: Ids }) {
  const { store, clock, ids } = deps;
  const lastTouched = new Map<string, number>();
  return {
    async create(options: { teamId?: string; label?: string } = {}): Promise<{ key: ApiKeyView; secret: string }> {
      const { secret, hash, shown } = newSecret(SECRET_PREFIXES.apiKey);
      const row: ApiKeyRecord = {
        id: ids.uuid(),
        team_id: options.teamId ?? null,
        token_hash: hash,
        prefix: shown,
        label: options.label ?? null,
        created_at: clock.now().toISOString(),
        last_used_at: null,
        revoked_at: null,
      };
      await store.insert(store.db, row);
      return { key: view(row), secret };
    },

    list: async () => (await store.list(store.db)).map(view),

    async revoke(id: string): Promise<void> {
      if (!(await store.revoke(store.db, id, clock.now().toISOString()))) throw new DomainError('api_key.not_found', `no active API key "${id}"`);
    },

    /** The key's scope, or undefined for anything that is not a live API key. */
    async authenticate(secret: string): Promise<{ keyId: string; teamId: string | null } | undefined> {
      if (!looksLike(secret, SECRET_PREFIXES.apiKey)) return undefined;
      const hash = hashSecret(secret);
      const row = await store.findByHash(store.db, hash);
      if (!row || !sameHash(row.token_hash, hash) || row.revoked_at) return undefined;
      const now = clock.now().getTime();
      if (now - (lastTouched.get(row.id) ?? 0) >= TOUCH_INTERVAL_MS) {
        lastTouched.set(row.id, now);
        await store.touch(store.db, row.id, new Date(now).toISOString());
      }
      return { keyId: row.id, teamId: row.team_id };
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
