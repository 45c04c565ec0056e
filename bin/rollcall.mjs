#!/usr/bin/env node
// `npx rollcall <noun> <verb>`: runs the compiled CLI (built by `npm ci`/`npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(compiled)) {
  process.stderr.write('rollcall: the CLI is not built yet; run `npm run build` first\n');
  process.exit(2);
}
const { run } = await import(compiled);
process.exitCode = await run(process.argv.slice(2));
