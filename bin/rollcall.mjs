#!/usr/bin/env node
// `npx rollcall <command>`: runs the compiled CLI (built by `npm ci`, `npm run build`
// or `npm start`). See docs/cli.md.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(compiled)) {
  process.stderr.write('rollcall: the CLI is not built yet; run `npm run build` first\n');
  process.exit(1);
}
const { staleTargets } = await import('../scripts/build-if-stale.mjs');
if (staleTargets().some((t) => t.name === 'server')) {
  process.stderr.write('rollcall: note: dist/ is older than src/, so this runs the last build; `npm run build:server` (or `npm start`) rebuilds it\n');
}
const { run } = await import(compiled);
process.exitCode = await run(process.argv.slice(2));
