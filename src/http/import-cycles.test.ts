// Route modules never import the plugin that registers them: what they share
// lives in small modules of its own (api/admin-context.ts, api/host-context.ts,
// api/route-guard.ts, scim/scim-context.ts, sso/sso-context.ts). A cycle
// would mean a route module reaching back into its plugin; this walks the
// relative imports of src/http (type imports too) and finds none.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { expect, it } from 'vitest';

const HTTP = import.meta.dirname;

function importsOf(file: string): string[] {
  const text = readFileSync(join(HTTP, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)[^;]*?from '(\.[^']+)\.js'/gm)].map((m) => normalize(join(dirname(file), `${m[1]}.ts`)));
}

it('has no import cycle among the modules of src/http', () => {
  const files = (readdirSync(HTTP, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const graph = new Map(files.map((f) => [f, importsOf(f).filter((dep) => !dep.startsWith('..'))]));
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const dep of graph.get(file) ?? []) visit(dep, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  expect(graph.size).toBeGreaterThan(40);
  expect(cycles).toEqual([]);
});
