// Token checks are remembered for AUTH_CACHE_MS: a revocation made by THIS
// instance takes effect at once; one made by another instance (seen here as a
// direct database change) within that window, never later.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage } from '../helpers/test-app.js';
import { createServices, type Services } from '../../src/services.js';
import { AUTH_CACHE_MS } from '../../src/domain/directory/tokens.js';
import type { Storage } from '../../src/storage/database.js';

describe('remembered token checks', () => {
  let storage: Storage;
  let services: Services;
  let now = Date.parse('2026-11-22T10:00:00Z');
  let teamId: string;
  beforeAll(async () => {
    ({ storage } = await openTestStorage('sqlite'));
    services = createServices(storage, { clock: { now: () => new Date(now) } });
    teamId = (await services.teams.create({ slug: 'cache' })).id;
  });
  afterAll(async () => storage.close());

  it('forgets a token revoked on this instance at once', async () => {
    const { token, secret } = await services.tokens.create(teamId, { allowWithoutSso: true });
    expect(await services.tokens.authenticate(secret)).toMatchObject({ teamId });
    await services.tokens.revoke(token.id);
    expect(await services.tokens.authenticate(secret)).toBeUndefined();
  });

  it('notices a revocation made elsewhere within the cache window, not after', async () => {
    const { token, secret } = await services.tokens.create(teamId, { allowWithoutSso: true });
    expect(await services.tokens.authenticate(secret)).toMatchObject({ teamId });
    await storage.db.updateTable('scim_tokens').set({ revoked_at: new Date(now).toISOString() }).where('id', '=', token.id).execute();
    now += AUTH_CACHE_MS + 1;
    expect(await services.tokens.authenticate(secret)).toBeUndefined();
  });

  it('never remembers a token past its expiry', async () => {
    const { secret } = await services.tokens.create(teamId, { allowWithoutSso: true, expiresAt: new Date(now + 10) });
    expect(await services.tokens.authenticate(secret)).toMatchObject({ teamId });
    now += 11;
    expect(await services.tokens.authenticate(secret)).toBeUndefined();
  });
});
