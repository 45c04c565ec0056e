// `rollcall simulate` and `rollcall replay` against a real listening server
// that shares the CLI's database, as a new user runs them: `npm start` in one
// terminal, the CLI in another.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { run } from '../src/cli/main.js';
import { buildApp } from '../src/http/app.js';
import { createServices, type Services } from '../src/services.js';
import { openStorage, type Storage } from '../src/storage/database.js';
import { freePort } from './helpers/server-process.js';
import { DIALECTS, POSTGRES_URL, TEST_LIMITS } from './helpers/test-app.js';
import { makeDirectory } from '../src/simulate/directory.js';

const FIXTURES = resolve(import.meta.dirname, 'fixtures/idp');

describe.each(DIALECTS)('rollcall simulate and replay (%s)', (dialect) => {
  const saved = { ...process.env };
  let dir: string;
  let schema: string;
  let storage: Storage;
  let services: Services;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rollcall-simulate-'));
    schema = `t_${randomBytes(6).toString('hex')}`;
    const databaseUrl = dialect === 'sqlite' ? `sqlite:${join(dir, 'rollcall.db')}` : POSTGRES_URL;
    storage = await openStorage(databaseUrl, { postgres: { schema, poolSize: 3 } });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    services = createServices(storage, { sso: { publicUrl: url } });
    app = await buildApp({ services, storage, publicUrl: url, limits: TEST_LIMITS, logLevel: 'silent' });
    await app.listen({ port, host: '127.0.0.1' });
    Object.assign(process.env, { ROLLCALL_DATABASE_URL: databaseUrl, ROLLCALL_PUBLIC_URL: url, ROLLCALL_PG_SCHEMA: dialect === 'postgres' ? schema : '' });
    await services.teams.create({ slug: 'acme', name: 'Acme Inc' });
    await services.teams.create({ slug: 'globex', name: 'Globex' });
  });
  afterAll(async () => {
    process.env = saved;
    await app?.close();
    await storage?.close();
    if (dialect === 'postgres') {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await run(args, (s) => (out += s), (s) => (err += s));
    return { code, out, err };
  }

  it('pushes a directory as Okta would: users and groups appear in the team, and the temporary token is revoked', async () => {
    const { code, out, err } = await cli('simulate', 'okta', '--team', 'acme', '--users', '12', '--groups', '3', '--json');
    expect(code, err).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ idp: 'okta', team: 'acme', users: { created: 12, existing: 0 }, groups: { created: 3, existing: 0 } });
    expect(result.memberships).toBeGreaterThanOrEqual(12);
    const team = await services.teams.find('acme');
    expect([team.userCount, team.groupCount]).toEqual([12, 3]);
    expect((await services.tokens.list(team.id)).map((t) => t.status)).toEqual(['revoked']);
    expect(err).toMatch(/no active SSO: the temporary token skips that check/);
  });

  it('finds the same people on a second run and creates nothing new', async () => {
    const { code, out } = await cli('simulate', 'okta', '--team', 'acme', '--users', '12', '--groups', '3', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ users: { created: 0, existing: 12 }, groups: { created: 0, existing: 3 } });
    const team = await services.teams.find('acme');
    expect([team.userCount, team.groupCount]).toEqual([12, 3]);
  });

  it('pushes as Entra ID would, with the enterprise extension, and tells a person where to look', async () => {
    const { code, out } = await cli('simulate', 'entra', '--team', 'globex', '--users', '4', '--groups', '2');
    expect(code).toBe(0);
    expect(out).toMatch(/Entra ID provisioned 4 users and 2 groups into team globex/);
    expect(out).toMatch(/See them in the dashboard: http:\/\/127\.0\.0\.1:\d+\/teams\/[^/]+\/users/);
    const team = await services.teams.find('globex');
    expect([team.userCount, team.groupCount]).toEqual([4, 2]);
  });

  it('replays the recorded lifecycles through the CLI with 0 failed', async () => {
    const { code, out, err } = await cli('replay', join(FIXTURES, 'okta.json'), join(FIXTURES, 'entra.json'), '--team', 'globex', '--quiet');
    expect(code, out + err).toBe(0);
    expect(out.trim().split('\n').pop()).toMatch(/^replay: \d+ passed, 0 failed$/);
    const team = await services.teams.find('globex');
    // The teardown removed what the scenarios created.
    expect(team.userCount).toBe(4);
  });

  it('replays with an explicit SCIM base URL and token, and fails (exit 1) when the server disagrees', async () => {
    const team = await services.teams.find('acme');
    const { secret } = await services.tokens.create(team.id, { allowWithoutSso: true });
    const url = `${process.env.ROLLCALL_PUBLIC_URL}/scim/v2/${team.id}`;
    const ok = await cli('replay', join(FIXTURES, 'entra.json'), '--url', url, '--token', secret, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ failed: 0, scenarios: [{ idp: 'entra', failed: 0 }] });
    const wrong = await cli('replay', join(FIXTURES, 'entra.json'), '--url', url, '--token', 'rcs_wrong', '--json');
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.out).failed).toBeGreaterThan(0);
  });

  it('says clearly when no server answers, and still revokes the temporary token', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { code, out } = await cli('simulate', 'okta', '--team', 'globex', '--url', closed, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({ error: { code: 'simulate.unreachable', message: expect.stringContaining('npm start') } });
    const team = await services.teams.find('globex');
    expect((await services.tokens.list(team.id)).every((t) => t.status === 'revoked')).toBe(true);
  });

  it('refuses an unknown IdP, a bad size or a missing team with exit 2', async () => {
    expect((await cli('simulate', 'pingfederate', '--team', 'acme')).code).toBe(2);
    expect((await cli('simulate', 'okta', '--team', 'acme', '--users', '0')).code).toBe(2);
    expect((await cli('simulate', 'okta', '--team', 'acme', '--users', '10001')).code).toBe(2);
    expect((await cli('simulate', 'okta')).code).toBe(2);
    expect((await cli('replay', '--team', 'acme')).code).toBe(2);
    expect((await cli('replay', join(FIXTURES, 'missing.json'), '--team', 'acme', '--json')).out).toContain('replay.file_unreadable');
  });
});

describe('the simulated directory', () => {
  it('has distinct people even at the largest size, each in a group, and is the same every time', () => {
    const big = makeDirectory({ users: 10_000, groups: 500, domain: 'acme.example.com' });
    expect(new Set(big.people.map((p) => p.userName)).size).toBe(10_000);
    expect(new Set(big.people.map((p) => p.externalId)).size).toBe(10_000);
    expect(new Set(big.groups.map((g) => g.displayName)).size).toBe(500);
    const members = new Set(big.groups.flatMap((g) => g.members));
    expect(members.size).toBe(10_000);
    expect(big.groups.every((g) => g.members.length > 0)).toBe(true);
    expect(makeDirectory({ users: 30, groups: 4, domain: 'x.test' })).toEqual(makeDirectory({ users: 30, groups: 4, domain: 'x.test' }));
  });

  it('looks like a company: names, a work email, a title and a department', () => {
    const [first] = makeDirectory({ users: 1, groups: 1, domain: 'acme.example.com' }).people;
    expect(first).toMatchObject({ userName: 'ada.lovelace@acme.example.com', displayName: 'Ada Lovelace', email: 'ada.lovelace@acme.example.com', department: 'Engineering', title: 'Software Engineer' });
  });
});
