// A SCIM token check is remembered for a second. A check that read the token
// before its revocation and finishes after it must not remember it: the
// revoked token has to stop working at once on the instance that revoked it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('SCIM token checks in flight during a revocation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('does not remember a token read before it was revoked', async () => {
    const { token, secret } = await t.services.tokens.create(t.teamId, { allowWithoutSso: true });
    const tokens = t.services.store.tokens;
    const read = tokens.findByHash;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The check reads the live row, then waits while the revocation runs.
    tokens.findByHash = async (...args) => {
      const row = await read.apply(tokens, args);
      await held;
      return row;
    };
    try {
      const inFlight = t.services.tokens.authenticate(secret);
      await t.services.tokens.revoke(token.id);
      release();
      expect(await inFlight).toMatchObject({ tokenId: token.id });
    } finally {
      tokens.findByHash = read;
    }
    expect(await t.services.tokens.authenticate(secret)).toBeUndefined();
    const res = await t.app.inject({ method: 'GET', url: `/scim/v2/${t.teamId}/Users`, headers: { authorization: `Bearer ${secret}` } });
    expect(res.statusCode).toBe(401);
  });
});
