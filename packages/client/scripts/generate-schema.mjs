// Generates src/schema.ts, the client's types, from docs/openapi.json: the
// host API's paths (/api/v1) and the components they reference, nothing else.
// The client's methods are typed by these paths, so a route the spec renames
// or reshapes breaks the client's compilation; test/client/schema-drift.test.ts
// fails when this file is older than the spec.
//
//   node packages/client/scripts/generate-schema.mjs          (writes)
//   node packages/client/scripts/generate-schema.mjs --check  (exits 1 if stale)

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const SPEC = here('../../../docs/openapi.json');
const OUT = here('../src/schema.ts');
const HOST_API = '/api/v1/';

/** The spec narrowed to the host API: its paths and every component they reach. */
export function hostApiSpec(spec) {
  const paths = Object.fromEntries(Object.entries(spec.paths).filter(([path]) => path.startsWith(HOST_API)));
  const kept = {};
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/')) {
        const [, , section, name] = value.split('/');
        kept[section] ??= {};
        if (!kept[section][name]) {
          kept[section][name] = spec.components[section][name];
          visit(kept[section][name]);
        }
      } else visit(value);
    }
  };
  visit(paths);
  for (const [name, scheme] of Object.entries(spec.components.securitySchemes ?? {})) (kept.securitySchemes ??= {})[name] = scheme;
  const sorted = Object.fromEntries(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b)).map(([section, items]) => [section, Object.fromEntries(Object.entries(items).sort(([a], [b]) => a.localeCompare(b)))]));
  return { ...spec, paths, components: sorted, tags: undefined };
}

export async function generate() {
  const spec = hostApiSpec(JSON.parse(readFileSync(SPEC, 'utf8')));
  // Defaults stay optional in requests: the server fills them in.
  const ast = await openapiTS(spec, { alphabetize: true, defaultNonNullable: false });
  const header = '// Generated from docs/openapi.json by packages/client/scripts/generate-schema.mjs; do not edit.\n// Regenerate with `npm run client:generate` after changing the spec.\n\n';
  return header + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUT, 'utf8');
    if (current !== text) {
      process.stderr.write('packages/client/src/schema.ts is out of date with docs/openapi.json: run npm run client:generate\n');
      process.exit(1);
    }
  } else writeFileSync(OUT, text);
}
