// Bearer tokens: one team each, several at once, revocation immediate, and a
// 401 that reveals nothing about the team or the token.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('SCIM bearer authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  const get = (token: string | undefined, url = `${t.base}/Users`) =>
    t.app.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: token } });

  it('refuses a missing, malformed or unknown token with 401, a SCIM error and WWW-Authenticate', async () => {
    for (const header of [undefined, 'Basic Zm9vOmJhcg==', 'Bearer', 'Bearer rcs_unknown', `Bearer ${t.token}x`]) {
      const res = await get(header);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    }
  });

  it('accepts the scheme in any case', async () => {
    expect((await get(`bearer ${t.token}`)).statusCode).toBe(200);
  });

  it("refuses another team's token with the same answer as an unknown token", async () => {
    const other = await t.services.teams.create({ slug: 'other-team' });
    const { secret } = await t.services.tokens.create(other.id, { allowWithoutSso: true });
    const res = await get(`Bearer ${secret}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe((await get('Bearer rcs_unknown')).json().detail);
    expect((await get(`Bearer ${secret}`, `/scim/v2/${other.id}/Users`)).statusCode).toBe(200);
  });

  it('keeps several tokens active for rotation and revokes one at once', async () => {
    const second = await t.services.tokens.create(t.teamId, { label: 'rotation', allowWithoutSso: true });
    expect((await get(`Bearer ${second.secret}`)).statusCode).toBe(200);
    expect((await get(`Bearer ${t.token}`)).statusCode).toBe(200);
    await t.services.tokens.revoke(second.token.id);
    expect((await get(`Bearer ${second.secret}`)).statusCode).toBe(401);
    expect((await get(`Bearer ${t.token}`)).statusCode).toBe(200);
  });

  it('refuses an expired token', async () => {
    const expired = await t.services.tokens.create(t.teamId, { expiresAt: new Date(Date.now() - 1000), allowWithoutSso: true });
    expect((await get(`Bearer ${expired.secret}`)).statusCode).toBe(401);
  });

  it('stores only a hash and records the last use', async () => {
    const rows = await t.storage.db.selectFrom('scim_tokens').selectAll().where('team_id', '=', t.teamId).execute();
    for (const row of rows) expect(row.token_hash).not.toContain(t.token.slice(4));
    const listed = await t.services.tokens.list(t.teamId);
    expect(listed.find((tk) => t.token.startsWith(tk.prefix))?.lastUsedAt).not.toBeNull();
  });
});
