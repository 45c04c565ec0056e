// The recorded Okta and Entra ID lifecycles in ../shared/idp, replayed by
// their own runner against a real listening server on each database.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';

const IDP_DIR = resolve(import.meta.dirname, '../../../shared/idp');
const run = promisify(execFile);

describe.runIf(existsSync(IDP_DIR)).each(DIALECTS)('IdP replays (%s)', (dialect) => {
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
      const { stdout } = await run(process.execPath, [resolve(IDP_DIR, 'replay.mjs'), baseUrl, t.token, resolve(IDP_DIR, scenario), '--quiet'], { timeout: 120_000 }).catch(
        (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
      );
      const last = stdout.trim().split('\n').pop();
      expect(last, stdout).toMatch(/^idp-replay: \d+ passed, 0 failed$/);
    });
  }
});
