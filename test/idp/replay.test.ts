// The recorded Okta and Entra ID lifecycles (test/fixtures/idp), replayed by
// the project's own runner (src/simulate) against a real listening server on
// each database. They ship with the repository, so this never skips.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { parseScenario } from '../../src/simulate/scenario.js';
import { runScenario } from '../../src/simulate/run-scenario.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/idp');

describe.each(DIALECTS)('IdP replays (%s)', (dialect) => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `${address}${t.base}`;
  });
  afterAll(async () => t.close());

  for (const scenario of ['okta.json', 'entra.json']) {
    it(`${scenario} ends with 0 failed`, async () => {
      const lines: string[] = [];
      const result = await runScenario(parseScenario(readFileSync(resolve(FIXTURES, scenario), 'utf8'), scenario), { baseUrl, token: t.token, log: (l) => lines.push(l) });
      expect(result.failed, lines.join('\n')).toBe(0);
      expect(result.passed).toBeGreaterThan(20);
    });
  }

  it('cleans up after itself: the teardown leaves no user behind', async () => {
    const list = (await t.scim('GET', '/Users')).json();
    expect(list.totalResults).toBe(0);
  });
});

describe('the replay runner judges what it gets', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    baseUrl = `${await t.app.listen({ port: 0, host: '127.0.0.1' })}${t.base}`;
  });
  afterAll(async () => t.close());

  const replay = (steps: unknown[], vars: Record<string, string> = {}) =>
    runScenario(parseScenario(JSON.stringify({ idp: 'probe', vars, defaultHeaders: { Authorization: 'Bearer {{token}}', 'Content-Type': 'application/scim+json' }, steps }), 'probe'), { baseUrl, token: t.token });

  it('fails a wrong status, a body that lacks or holds what it must not, and a present attribute that must be absent', async () => {
    const create = { name: 'create', method: 'POST', path: '/Users', body: { userName: 'probe.{{run}}@x.test', password: 'p' }, expect: { status: [201] }, capture: { id: 'id' } };
    const result = await replay([
      create,
      { name: 'wrong-status', method: 'GET', path: '/Users/{{id}}', expect: { status: [404] } },
      { name: 'lacks', method: 'GET', path: '/Users/{{id}}', expect: { status: [200], bodyContains: { active: false } } },
      { name: 'holds', method: 'GET', path: '/Users/{{id}}', expect: { status: [200], bodyNotContains: { userName: '$ci:probe.{{run}}@X.TEST' } } },
      { name: 'present', method: 'GET', path: '/Users/{{id}}', expect: { status: [200], absent: ['userName'] } },
      { name: 'typed-and-filtered', method: 'GET', path: '/Users?filter=userName%20eq%20%22probe.{{run|upper|url}}%40x.test%22', expect: { status: [200], bodyContains: { totalResults: 1, Resources: [{ id: '{{id}}' }] }, absent: ['Resources.0.password'] } },
    ]);
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['create', true],
      ['wrong-status', false],
      ['lacks', false],
      ['holds', false],
      ['present', false],
      ['typed-and-filtered', true],
    ]);
    expect(result).toMatchObject({ passed: 2, failed: 4 });
  });

  it('does not send a step that names a variable never captured', async () => {
    const result = await replay([{ name: 'orphan', method: 'DELETE', path: '/Users/{{nobody}}', expect: { status: [204] } }]);
    expect(result.steps[0].status).toBeUndefined();
    expect(result.steps[0]).toMatchObject({ ok: false, errors: [expect.stringMatching(/not sent: variable "nobody"/)] });
  });

  it('refuses a file that is not a scenario before sending anything', () => {
    expect(() => parseScenario('{"steps": [{"name": "x"}]}', 'broken.json')).toThrow(/broken.json steps\[0\] needs "name", "method" and "path"/);
    expect(() => parseScenario('nope', 'x.json')).toThrow(/x.json is not JSON/);
  });
});
