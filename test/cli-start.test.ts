// `npm start` rebuilds only what is stale (scripts/build-if-stale.mjs), so a
// built checkout starts without a two-minute build.

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleTargets } from '../scripts/build-if-stale.mjs';

describe('npm start: build only what is stale', () => {
  let root: string;
  const at = (path: string, secondsAgo: number, text = '') => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    const when = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(file, when, when);
  };
  const names = () => staleTargets(root).map((t) => t.name);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'rollcall-start-'));
    at('src/main.ts', 100);
    at('web/src/app.tsx', 100);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds both when nothing was built yet', () => {
    expect(names()).toEqual(['server', 'dashboard']);
  });

  it('builds nothing when both builds are newer than their sources', () => {
    at('dist/main.js', 10);
    at('web/dist/index.html', 10);
    expect(names()).toEqual([]);
  });

  it('rebuilds only the side whose sources changed, and ignores test files', () => {
    at('dist/main.js', 10);
    at('web/dist/index.html', 10);
    at('src/domain/directory/users.test.ts', 1);
    expect(names()).toEqual([]);
    at('web/src/pages/users.tsx', 1);
    expect(names()).toEqual(['dashboard']);
    at('src/domain/directory/users.ts', 1);
    expect(names()).toEqual(['server', 'dashboard']);
  });
});
