// The CLI on a real SQLite file, the same database the server would use.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../src/cli/main.js';
import { COMMANDS } from '../src/cli/commands.js';
import { openStorage } from '../src/storage/database.js';
import { createServices } from '../src/services.js';
import { AUTH_CACHE_MS } from '../src/domain/directory/tokens.js';
import type { Kysely } from 'kysely';

describe('rollcall CLI', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rollcall-cli-'));
    process.env.ROLLCALL_DATABASE_URL = `sqlite:${join(dir, 'nested', 'rollcall.db')}`;
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

  it('creates a team and prints its SCIM base URL', async () => {
    const { code, out } = await cli('team', 'create', 'acme', '--name', 'Acme Inc', '--json');
    expect(code).toBe(0);
    const team = JSON.parse(out);
    expect(team).toMatchObject({ slug: 'acme', name: 'Acme Inc', scimBaseUrl: `https://rc.example.com/scim/v2/${team.id}` });
  });

  it('refuses a duplicate or invalid slug with a message and a non-zero exit', async () => {
    expect((await cli('team', 'create', 'acme', '--json')).code).toBe(1);
    expect((await cli('team', 'create', 'Not A Slug!', '--json')).code).toBe(1);
  });

  it('refuses a token while the team has no active SSO, and says why', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { code } = await cli('token', 'create', '--team', 'acme');
      expect(code).toBe(1);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^rollcall: Set up and test SSO first: /);
      expect(JSON.parse((await cli('token', 'create', '--team', 'acme', '--json')).out)).toMatchObject({ error: { code: 'scim.sso_required' } });
    } finally {
      stderr.mockRestore();
    }
  });

  it('creates a token once with --allow-without-sso (warning on stderr), lists it without the secret, and revokes it', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const created = JSON.parse((await cli('token', 'create', '--team', 'acme', '--label', 'okta', '--allow-without-sso', '--json')).out);
    const warned = String(stderr.mock.calls[0]?.[0]);
    stderr.mockRestore();
    expect(warned).toMatch(/warning: --allow-without-sso .* tests and migrations/);
    expect(created.token).toMatch(/^rcs_[A-Za-z0-9_-]{43}$/);
    expect(created.scimBaseUrl).toMatch(/^https:\/\/rc\.example\.com\/scim\/v2\//);

    const listed = await cli('token', 'list', '--team', 'acme', '--json');
    expect(listed.out).not.toContain(created.token);
    expect(JSON.parse(listed.out)).toEqual([expect.objectContaining({ id: created.id, status: 'active', label: 'okta' })]);

    // The server is another process than the CLI: it notices a revocation
    // within AUTH_CACHE_MS (its clock is moved on here instead of waiting).
    let now = Date.now();
    const storage = await openStorage(process.env.ROLLCALL_DATABASE_URL as string);
    const services = createServices(storage, { clock: { now: () => new Date(now) } });
    expect(await services.tokens.authenticate(created.token)).toBeTruthy();
    expect((await cli('token', 'revoke', created.id)).code).toBe(0);
    now += AUTH_CACHE_MS + 1;
    expect(await services.tokens.authenticate(created.token)).toBeUndefined();
    await storage.close();
  });

  it('creates a team with its owner and prints a one-time sign-in link that opens a session', async () => {
    const team = JSON.parse((await cli('team', 'create', 'globex', '--plan', 'team', '--admin-email', 'it@globex.example', '--json')).out);
    expect(team).toMatchObject({ plan: 'team', owner: 'it@globex.example' });
    expect(team.signInLink).toMatch(/^https:\/\/rc\.example\.com\/sign-in#link=rcl_/);
    const storage = await openStorage(process.env.ROLLCALL_DATABASE_URL as string);
    const services = createServices(storage);
    const { session } = await services.adminAccess.redeemSignInLink(new URLSearchParams(team.signInLink.split('#')[1]).get('link') as string);
    expect(await services.adminAccess.roleIn(team.id, session.accountId)).toBe('owner');
    await storage.close();
    expect((await cli('team', 'create', 'initech', '--plan', 'platinum')).code).toBe(1);
  });

  it('issues a new admin link, and creates, lists and revokes API keys', async () => {
    const link = JSON.parse((await cli('admin', 'link', '--team', 'acme', '--email', 'ops@acme.example', '--role', 'admin', '--json')).out);
    expect(link.signInLink).toContain('#link=rcl_');
    const key = JSON.parse((await cli('api-key', 'create', '--team', 'acme', '--label', 'app', '--json')).out);
    expect(key.apiKey).toMatch(/^rck_/);
    const listed = (await cli('api-key', 'list', '--json')).out;
    expect(listed).not.toContain(key.apiKey);
    expect(JSON.parse(listed)).toEqual([expect.objectContaining({ id: key.id, status: 'active', label: 'app' })]);
    expect((await cli('api-key', 'revoke', key.id)).code).toBe(0);
    expect(JSON.parse((await cli('api-key', 'list', '--json')).out)[0].status).toBe('revoked');
  });

  it('prints usage for an unknown command with exit 2', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('token', 'create')).code).toBe(2);
  });

  it('prints usage with exit 0 when asked, and exit 2 when a command is missing', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const args of [['--help'], ['-h'], ['team', '--help'], ['team', 'create', '--help'], ['token', 'create', '-h'], ['simulate', '--help']]) {
        const { code, out } = await cli(...args);
        expect(code, args.join(' ')).toBe(0);
        expect(out, args.join(' ')).toMatch(/^usage: rollcall /);
      }
      expect((await cli('team', 'create', '--help')).out).toContain('--admin-email <email>');
      expect((await cli('--help')).out).toMatch(/Exit codes: 0 .* 1 .* 2 usage error/);
      expect((await cli()).code).toBe(2);
      expect((await cli('team')).code).toBe(2);
      expect((await cli('--json', 'team', 'list')).code).toBe(2);
    } finally {
      stderr.mockRestore();
    }
  });

  it('refuses an unknown option, a missing value or an extra argument with exit 2, changing nothing', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await cli('team', 'list', '--bogus-flag')).code).toBe(2);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^rollcall: Unknown option '--bogus-flag'/);
      expect((await cli('team', 'list', 'extra')).code).toBe(2);
      expect((await cli('token', 'create', '--team')).code).toBe(2);
      expect((await cli('team', 'create', 'umbrella', '--plan')).code).toBe(2);
      expect((await cli('token', 'create', '--team', 'acme', '--expires-in-days', 'soon')).code).toBe(2);
      expect((await cli('team', 'create', 'umbrella', '--colour', 'red')).code).toBe(2);
      expect(JSON.parse((await cli('team', 'list', '--json')).out).map((t: { slug: string }) => t.slug)).not.toContain('umbrella');
    } finally {
      stderr.mockRestore();
    }
  });

  it('answers every error in --json as {"error":{"code","message"}}, like the APIs', async () => {
    const usage = await cli('team', 'list', '--bogus-flag', '--json');
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.out)).toEqual({ error: { code: 'usage', message: expect.stringContaining('--bogus-flag') } });
    const missing = await cli('token', 'list', '--team', 'nope', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out)).toEqual({ error: { code: 'team.not_found', message: expect.any(String) } });
    expect(JSON.parse((await cli('frobnicate', '--json')).out)).toEqual({ error: { code: 'usage', message: 'unknown command "frobnicate"' } });
  });

  it('prints camelCase JSON everywhere (team list) and team slugs instead of ids in lists', async () => {
    const teams = JSON.parse((await cli('team', 'list', '--json')).out) as Record<string, unknown>[];
    const acme = teams.find((t) => t.slug === 'acme');
    expect(acme).toEqual({ id: expect.any(String), slug: 'acme', name: 'Acme Inc', plan: 'enterprise', createdAt: expect.any(String), userCount: 0, groupCount: 0, scimBaseUrl: expect.stringContaining('/scim/v2/') });
    for (const team of teams) for (const key of Object.keys(team)) expect(key).not.toContain('_');
    await cli('api-key', 'create', '--team', 'acme', '--label', 'slugs');
    const human = (await cli('api-key', 'list')).out;
    expect(human).toMatch(/ acme +last used never {2}slugs/);
    expect(human).not.toContain(String(acme?.id));
    expect(JSON.parse((await cli('api-key', 'list', '--json')).out)).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'slugs', teamId: acme?.id, team: 'acme' })]));
  });

  it('warns about --allow-without-sso only when the override was needed', async () => {
    const team = JSON.parse((await cli('team', 'create', 'ssoco', '--json')).out);
    // The state a successful SSO test sign-in leaves behind.
    const storage = await openStorage(process.env.ROLLCALL_DATABASE_URL as string);
    const now = new Date().toISOString();
    await (storage.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto('sso_connections')
      .values({ team_id: team.id, id: 'sso-ssoco', kind: 'oidc', status: 'active', config: '{}', config_revision: 1, created_at: now, updated_at: now, activated_at: now })
      .execute();
    await storage.close();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { code, out } = await cli('token', 'create', '--team', 'ssoco', '--allow-without-sso', '--json');
      expect(code).toBe(0);
      expect(JSON.parse(out).token).toMatch(/^rcs_/);
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
    }
  });

  it('has every command in docs/cli.md', () => {
    const doc = readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8');
    for (const command of COMMANDS) expect(doc, command.name).toContain(`| \`${command.name}`);
  });

  it('migrates and checks config', async () => {
    expect((await cli('db', 'migrate')).out).toMatch(/up to date|applied/);
    const config = JSON.parse((await cli('config', 'check', '--json')).out);
    expect(config.publicUrl).toBe('https://rc.example.com');
  });
});
