// The layer rules of eslint.config.js (docs/ARCHITECTURE.md) fail the lint
// on a wrong-way import and let the allowed ones through. Each case lints a
// one-import module as if it were the file at `file`, with the project's own
// configuration (ESLint's Node API, as `npx eslint .` runs it).

import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The messages of `no-restricted-imports` for `import type { X } from 'specifier'` in `file`. */
async function restrictions(file: string, specifier: string): Promise<string[]> {
  const code = `import type { X } from '${specifier}';\n\nexport type Probe = X;\n`;
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  const other = result.messages.filter((m) => m.ruleId !== 'no-restricted-imports');
  expect(other, 'the probe itself lints clean').toEqual([]);
  return result.messages.map((m) => m.message);
}

describe('layer rules (eslint.config.js)', () => {
  it.each([
    // file, import, the layer rule it breaks
    ['src/domain/directory/probe.ts', '../../http/app.js', 'src/domain imports only src/scim'],
    ['src/domain/probe.ts', '../sso/reasons.js', 'src/domain imports only src/scim'],
    ['src/domain/sso/probe.ts', '../../storage/database.js', 'src/domain imports only src/scim'],
    ['src/domain/probe.ts', 'kysely', 'src/domain imports only src/scim'],
    ['src/scim/probe.ts', '../domain/errors.js', 'src/scim is the protocol, pure'],
    ['src/scim/filter/probe.ts', 'fastify', 'src/scim is the protocol, pure'],
    ['src/storage/member-sign-in/probe.ts', '../../oidc/oidc-adapter.js', 'src/storage implements domain ports'],
    ['src/storage/probe.ts', '../http/app.js', 'src/storage implements domain ports'],
    ['src/sso/probe.ts', '../storage/database.js', 'src/sso implements domain ports'],
    ['src/mail/probe.ts', '../services.js', 'src/mail implements domain ports'],
    ['src/workers/probe.ts', '../services.js', 'src/workers takes the services it runs as domain types'],
    ['src/http/probe.ts', '../storage/database.js', 'src/http reaches the database only through services'],
    ['src/http/scim/probe.ts', '../../storage/directory/users-repository.js', 'src/http reaches the database only through services'],
    ['src/cli/probe.ts', '../storage/migrations/index.js', 'src/cli may open a database through src/storage/database.ts'],
  ])('%s may not import %s', async (file, specifier, rule) => {
    const messages = await restrictions(file, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(rule);
  });

  it.each([
    ['src/domain/directory/probe.ts', '../sso/types.js'],
    ['src/domain/directory/probe.ts', '../../scim/errors.js'],
    ['src/domain/probe.ts', './directory/store.js'],
    ['src/scim/filter/probe.ts', '../schema/types.js'],
    ['src/storage/directory/probe.ts', '../../domain/directory/store.js'],
    ['src/storage/directory/probe.ts', '../sso/sso-store.js'],
    ['src/sso/probe.ts', '../net/outbound-request.js'],
    ['src/oidc/probe.ts', '../domain/member-sign-in/store.js'],
    ['src/workers/probe.ts', '../domain/realtime/webhooks.js'],
    ['src/http/api/probe.ts', '../../services.js'],
    ['src/cli/probe.ts', '../storage/database.js'],
    ['src/services.ts', './storage/directory/directory-store.js'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await restrictions(file, specifier)).toEqual([]);
  });
});
