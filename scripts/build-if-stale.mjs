#!/usr/bin/env node
// `npm start` runs this first (prestart): it rebuilds the server (dist/) or
// the dashboard (web/dist/) only when a source is newer than the build, so a
// built checkout starts in seconds. `npm ci` already builds once (prepare).
// Exit status: 0 when everything is up to date or rebuilt, else the build's.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest file under `path`, leaving out tests (they are not built) and directories (adding a test touches its folder). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const TARGETS = [
  { name: 'server', sources: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'], built: 'dist/main.js', script: 'build:server' },
  { name: 'dashboard', sources: ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'package-lock.json'], built: 'web/dist/index.html', script: 'build:web' },
];

export function staleTargets(root = ROOT) {
  return TARGETS.filter((t) => {
    const built = join(root, t.built);
    if (!existsSync(built)) return true;
    return Math.max(...t.sources.map((s) => newest(join(root, s)))) > statSync(built).mtimeMs;
  });
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  for (const target of staleTargets()) {
    process.stderr.write(`rollcall: the ${target.name} build is missing or older than its sources: npm run ${target.script}\n`);
    const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
    const run = spawnSync(npm[0], [...npm[1], 'run', '--silent', target.script], { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) {
      process.stderr.write(`rollcall: building the ${target.name} failed (exit ${run.status ?? run.signal}); fix the error above, then npm start again\n`);
      process.exit(run.status ?? 1);
    }
  }
}
