import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layers (docs/ARCHITECTURE.md), enforced on every import written in src/:
//
//   scim      the protocol, pure: imports no other layer
//   domain    services and their ports: imports scim only
//   storage, sso, oidc, net, mail
//             adapters implementing domain ports: import domain and scim
//             (sso also net), never each other, nor anything above them
//   workers   background jobs: take services as domain types, never services.ts
//   http, cli on top: anything below, but no storage internals. The CLI is a
//             composition root and may open a database (storage/database.ts);
//             http reaches the database only through services.
//   services.ts, main.ts  composition roots: wire everything
//
// ESLint matches an import by its text, and `../sso/` means src/sso from
// src/domain/x.ts but src/domain/sso from src/domain/directory/x.ts: each
// rule is therefore written per folder depth, counting the `../` that lead
// back to src/. test/architecture/layers.test.ts proves a wrong-way import fails.

const MAX_DEPTH = 4;
const up = (depth) => `(?:\\./)?(?:\\.\\./){${depth}}`;

/** An import of `target` (a src/ folder, or `services` / `main` for the root files). */
function reaching(target, depth) {
  return target === 'services' || target === 'main'
    ? `^${up(depth)}${target}(?:\\.js|\\.ts)?$`
    : `^${up(depth)}${target}(?:/|$)`;
}

/** Packages the pure layers must not touch: no web framework, database, file system or protocol library. */
const IMPURE_PACKAGES = ['fastify', 'kysely', 'pg', 'better-sqlite3', 'fs', 'node:fs', 'node:fs/promises', 'nodemailer', 'oidc-provider', 'openid-client'];

/**
 * `no-restricted-imports` for every file of src/<layer>: `forbidden` lists
 * the folders (and root files) it may not import; `extra(depth)` adds
 * patterns; `packages` bans bare imports.
 */
function layer(name, { forbidden, why, extra = () => [], packages = [] }) {
  return Array.from({ length: MAX_DEPTH }, (_, i) => {
    const depth = i + 1;
    return {
      files: [`src/${name}/${'*/'.repeat(i)}*.ts`],
      rules: {
        'no-restricted-imports': ['error', {
          paths: packages.map((pkg) => ({ name: pkg, message: `src/${name} ${why}` })),
          patterns: [
            ...forbidden.map((target) => ({ regex: reaching(target, depth), message: `src/${name} ${why}` })),
            ...extra(depth).map((pattern) => ({ ...pattern, message: pattern.message ?? `src/${name} ${why}` })),
            ...packages.map((pkg) => ({ regex: `^${pkg.replace(/[/.]/g, '\\$&')}/`, message: `src/${name} ${why}` })),
          ],
        }],
      },
    };
  });
}

const ABOVE_ADAPTERS = ['http', 'cli', 'workers', 'services', 'main', 'config', 'simulate'];
const ADAPTERS = ['storage', 'sso', 'oidc', 'net', 'mail'];
const others = (self, list) => list.filter((l) => l !== self);
const ADAPTER_RULE = 'implements domain ports: it may import src/domain and src/scim (src/sso also src/net), not another adapter nor http, cli, workers, config or the composition roots (services.ts, main.ts)';

export default tseslint.config(
  { ignores: ['dist/', '**/dist/', 'node_modules/', 'data/', 'coverage/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['**/*.mjs', 'bin/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...layer('scim', {
    forbidden: ['domain', ...ADAPTERS, ...ABOVE_ADAPTERS],
    packages: IMPURE_PACKAGES,
    why: 'is the protocol, pure: it imports no other layer of src/ and no I/O package',
  }),
  ...layer('domain', {
    forbidden: [...ADAPTERS, ...ABOVE_ADAPTERS],
    packages: IMPURE_PACKAGES,
    why: 'imports only src/scim and itself: what it needs from outside is a port (an interface in src/domain) that an adapter implements',
  }),
  ...ADAPTERS.map((name) =>
    layer(name, {
      forbidden: [...others(name, ADAPTERS).filter((a) => !(name === 'sso' && a === 'net')), ...ABOVE_ADAPTERS],
      why: ADAPTER_RULE,
    }),
  ).flat(),
  ...layer('workers', {
    forbidden: ['http', 'cli', 'services', 'main'],
    why: 'takes the services it runs as domain types (WorkerServices), never services.ts, http or cli',
  }),
  ...layer('http', {
    forbidden: ['storage', 'cli', 'workers', 'main'],
    why: 'reaches the database only through services: no import of src/storage (types included), cli, workers or main.ts',
  }),
  ...layer('cli', {
    forbidden: ['http', 'workers', 'main'],
    extra: (depth) => [{
      regex: `^${up(depth)}storage/(?!database(?:\\.js|\\.ts)?$)`,
      message: 'src/cli may open a database through src/storage/database.ts (openStorage, applyMigrations) but imports no other part of storage: repositories are reached through services',
    }],
    why: 'is on top: it may not import http, workers or main.ts',
  }),
);
