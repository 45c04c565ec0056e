// `rollcall scim-client …` on a real SQLite file: create (secret once, token
// endpoint), list without secrets, rotate (old secret refused), revoke.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../src/cli/main.js';
import { openStorage } from '../src/storage/database.js';
import { createServices } from '../src/services.js';

describe('rollcall scim-client', () => {
  let dir: string;
  let dbUrl: string;
  const saved = { ...process.env };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rollcall-cli-oauth-'));
    dbUrl = `sqlite:${join(dir, 'rollcall.db')}`;
    process.env.ROLLCALL_DATABASE_URL = dbUrl;
    process.env.ROLLCALL_PUBLIC_URL = 'https://rc.example.com';
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const code = await run(args, (s) => (out += s));
    return { code, out };
  }

  /** Whether the secret authenticates the client now, checked on the same database. */
  async function authenticates(teamId: string, clientId: string, clientSecret: string): Promise<boolean> {
    const storage = await openStorage(dbUrl);
    try {
      return (await createServices(storage).scimOAuth.authenticateClient(teamId, { clientId, clientSecret })) !== undefined;
    } finally {
      await storage.close();
    }
  }

  it('creates, lists, rotates and revokes a client', async () => {
    const team = JSON.parse((await cli('team', 'create', 'oauth', '--json')).out);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await cli('scim-client', 'create', '--team', 'oauth')).code).toBe(1);
      const created = JSON.parse((await cli('scim-client', 'create', '--team', 'oauth', '--label', 'Entra', '--allow-without-sso', '--json')).out);
      expect(String(stderr.mock.calls.at(-1)?.[0])).toMatch(/--allow-without-sso/);
      expect(created).toMatchObject({ clientId: expect.stringMatching(/^rcc_/), clientSecret: expect.stringMatching(/^rccs_/), label: 'Entra', status: 'active' });
      expect(created.tokenEndpoint).toBe(`https://rc.example.com/scim/v2/${team.id}/oauth/token`);
      expect(await authenticates(team.id, created.clientId, created.clientSecret)).toBe(true);

      const listed = (await cli('scim-client', 'list', '--team', 'oauth', '--json')).out;
      expect(listed).not.toContain(created.clientSecret);
      expect(JSON.parse(listed)).toEqual([expect.objectContaining({ clientId: created.clientId, status: 'active' })]);

      const rotated = JSON.parse((await cli('scim-client', 'rotate', created.clientId, '--json')).out);
      expect(rotated.clientSecret).not.toBe(created.clientSecret);
      expect(await authenticates(team.id, created.clientId, created.clientSecret)).toBe(false);
      expect(await authenticates(team.id, created.clientId, rotated.clientSecret)).toBe(true);

      expect((await cli('scim-client', 'revoke', created.clientId)).code).toBe(0);
      expect(JSON.parse((await cli('scim-client', 'list', '--team', 'oauth', '--json')).out)[0].status).toBe('revoked');
      expect(await authenticates(team.id, created.clientId, rotated.clientSecret)).toBe(false);
      expect((await cli('scim-client', 'rotate', created.clientId)).code).toBe(1);
    } finally {
      stderr.mockRestore();
    }
  });
});
