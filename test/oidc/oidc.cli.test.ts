// `rollcall oidc-client create|list|revoke` on a real SQLite file.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';

describe('rollcall oidc-client', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rollcall-oidc-cli-'));
    process.env.ROLLCALL_DATABASE_URL = `sqlite:${join(dir, 'rollcall.db')}`;
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

  it('creates a client bound to a team, shows the secret once, lists and revokes it', async () => {
    const team = JSON.parse((await cli('team', 'create', 'acme', '--json')).out);
    const created = await cli('oidc-client', 'create', '--name', 'Host app', '--redirect-uri', 'https://app.example.com/cb,http://localhost:3000/cb', '--team', 'acme', '--json');
    expect(created.code).toBe(0);
    const client = JSON.parse(created.out);
    expect(client).toMatchObject({ name: 'Host app', teamId: team.id, status: 'active', issuer: 'https://rc.example.com/oidc', redirectUris: ['https://app.example.com/cb', 'http://localhost:3000/cb'] });
    expect(client.clientSecret).toMatch(/^[\w-]{43}$/);

    const listed = await cli('oidc-client', 'list');
    expect(listed.out).toContain(client.clientId);
    expect(listed.out).not.toContain(client.clientSecret);

    expect((await cli('oidc-client', 'revoke', client.clientId)).code).toBe(0);
    expect(JSON.parse((await cli('oidc-client', 'list', '--json')).out)[0]).toMatchObject({ clientId: client.clientId, status: 'revoked' });
  });

  it('refuses a missing name or redirect URI, a plain-http or fragment redirect URI, an unknown team or client', async () => {
    expect((await cli('oidc-client', 'create', '--name', 'X')).code).toBe(2);
    for (const uri of ['http://app.example.com/cb', 'https://app.example.com/cb#x', 'not a url']) {
      const res = await cli('oidc-client', 'create', '--name', 'X', '--redirect-uri', uri, '--json');
      expect(res.code).toBe(1);
      expect(JSON.parse(res.out).error.code).toBe('oidc_client.invalid');
    }
    expect(JSON.parse((await cli('oidc-client', 'create', '--name', 'X', '--redirect-uri', 'https://a.example.com/cb', '--team', 'nope', '--json')).out).error.code).toBe('team.not_found');
    expect(JSON.parse((await cli('oidc-client', 'revoke', 'rc_nope', '--json')).out).error.code).toBe('oidc_client.not_found');
  });
});
