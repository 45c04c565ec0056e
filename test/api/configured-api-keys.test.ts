// ROLLCALL_HOST_API_KEYS: a host product provisions its installation-wide key
// as configuration, so it can drive Rollcall without anyone at a shell.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { loadConfig, ConfigError, redactedConfig } from '../../src/config/load-config.js';

const newKey = () => 'rck_' + randomBytes(32).toString('base64url');

describe.each(DIALECTS)('configured host API keys (%s)', (dialect) => {
  const current = newKey();
  const next = newKey();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { hostApiKeys: [current, next] } });
  });
  afterAll(async () => t.close());

  const members = (key: string) => t.app.inject({ method: 'GET', url: `/api/v1/teams/${t.teamId}/members`, headers: { authorization: `Bearer ${key}` } });

  it('accepts every configured key as an installation-wide key, on any team', async () => {
    expect((await members(current)).statusCode).toBe(200);
    expect((await members(next)).statusCode).toBe(200);
    const other = await t.services.teams.create({ slug: `other-${dialect}` });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/teams/${other.id}/members`, headers: { authorization: `Bearer ${current}` } });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a key that is not configured, and leaves no row behind for configured ones', async () => {
    expect((await members(newKey())).statusCode).toBe(401);
    expect((await members(current.slice(0, -1) + (current.endsWith('A') ? 'B' : 'A'))).statusCode).toBe(401);
    expect(await t.services.apiKeys.list()).toEqual([]);
  });
});

describe('ROLLCALL_HOST_API_KEYS option', () => {
  it('reads a comma-separated list and masks it in the redacted config', () => {
    const a = newKey();
    const b = newKey();
    const config = loadConfig({ ROLLCALL_HOST_API_KEYS: ` ${a}, ${b} ` }, []);
    expect(config.hostApiKeys).toEqual([a, b]);
    const shown = JSON.stringify(redactedConfig(config));
    expect(shown).not.toContain(a);
    expect(shown).not.toContain(b);
  });

  it('refuses a short or unprefixed key, naming the option and not echoing the value', () => {
    for (const bad of ['rck_short', 'secret-' + randomBytes(32).toString('base64url'), 'rck_' + 'x'.repeat(39)]) {
      let error: unknown;
      try {
        loadConfig({ ROLLCALL_HOST_API_KEYS: bad }, []);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('ROLLCALL_HOST_API_KEYS');
      expect((error as Error).message).not.toContain(bad);
    }
  });
});
