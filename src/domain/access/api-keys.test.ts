import { describe, expect, it } from 'vitest';
import { createApiKeyService } from './api-keys.js';
import type { ApiKeyRecord, ApiKeyStore } from './store.js';
import { randomIds, systemClock } from '../ports.js';

/** An in-memory key store whose reads can be held back, to interleave a check with a revocation. */
function heldStore() {
  const rows: ApiKeyRecord[] = [];
  let hold: Promise<void> | undefined;
  const store: ApiKeyStore = {
    db: null,
    insert: async (_tx, key) => void rows.push({ ...key }),
    async findByHash(_tx, hash) {
      const row = rows.find((r) => r.tokenHash === hash);
      const snapshot = row && { ...row };
      await hold;
      return snapshot;
    },
    list: async () => rows,
    async revoke(_tx, id, at) {
      const row = rows.find((r) => r.id === id && !r.revokedAt);
      if (row) row.revokedAt = at;
      return row !== undefined;
    },
    touch: async () => undefined,
  };
  return { store, holdReads: () => { let release!: () => void; hold = new Promise((r) => (release = r)); return () => { hold = undefined; release(); }; } };
}

describe('API key checks remembered for a second', () => {
  it('a check that read the key before its revocation and finishes after it does not keep the key working', async () => {
    const { store, holdReads } = heldStore();
    const keys = createApiKeyService({ store, clock: systemClock, ids: randomIds });
    const { key, secret } = await keys.create({ teamId: 'team-1' });

    const release = holdReads();
    const inFlight = keys.authenticate(secret); // reads the live row, then waits
    await keys.revoke(key.id);
    release();
    expect(await inFlight).toMatchObject({ keyId: key.id }); // it was live when read
    expect(await keys.authenticate(secret)).toBeUndefined(); // but not remembered past the revocation
  });

  it('the same holds for a team deletion (forgetTeam)', async () => {
    const { store, holdReads } = heldStore();
    const keys = createApiKeyService({ store, clock: systemClock, ids: randomIds });
    const { key, secret } = await keys.create({ teamId: 'team-2' });
    const release = holdReads();
    const inFlight = keys.authenticate(secret);
    await store.revoke(null, key.id, new Date().toISOString()); // the deletion revokes the team's keys…
    keys.forgetTeam('team-2'); // …then forgets them
    release();
    await inFlight;
    expect(await keys.authenticate(secret)).toBeUndefined();
  });
});
