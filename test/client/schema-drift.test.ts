// The typed client is built from docs/openapi.json: its types are generated
// from the spec, and its methods are typed by the generated paths, so the two
// cannot disagree without this test (or the typecheck) failing.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs build script, no declarations
import { generate, hostApiSpec } from '../../packages/client/scripts/generate-schema.mjs';

describe('@rollcall/client and the OpenAPI spec', () => {
  it('ships types generated from the current spec (npm run client:generate after editing it)', async () => {
    const committed = readFileSync(new URL('../../packages/client/src/schema.ts', import.meta.url), 'utf8');
    expect(committed === (await generate()), 'packages/client/src/schema.ts is stale: run npm run client:generate').toBe(true);
  }, 60_000);

  it('covers every host API path of the spec and nothing else', () => {
    const spec = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    const narrowed = hostApiSpec(spec);
    const hostPaths = Object.keys(spec.paths).filter((path) => path.startsWith('/api/v1/'));
    expect(Object.keys(narrowed.paths).sort()).toEqual(hostPaths.sort());
    expect(hostPaths.length).toBeGreaterThan(10);
  });
});
