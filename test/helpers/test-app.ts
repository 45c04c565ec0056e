// A real app on a real database for HTTP tests: SQLite in memory, or
// PostgreSQL in a schema of its own (dropped afterwards). Requests go through
// fastify's inject(), with no open socket unless a test asks to listen.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { openStorage, type Storage } from '../../src/storage/database.js';
import { createServices, type ServiceOptions, type Services } from '../../src/services.js';
import { buildApp } from '../../src/http/app.js';
import type { EdgeLimits } from '../../src/http/load-shedding.js';

export type DialectUnderTest = 'sqlite' | 'postgres';

export const POSTGRES_URL = process.env.ROLLCALL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<string | undefined> {
  if (process.env.ROLLCALL_TEST_SKIP_POSTGRES === '1') return 'ROLLCALL_TEST_SKIP_POSTGRES=1';
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return `cannot reach ${POSTGRES_URL}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const postgresMissing = await postgresReachable();
if (postgresMissing && process.env.ROLLCALL_TEST_REQUIRE_POSTGRES === '1') {
  throw new Error(`the PostgreSQL leg is required (ROLLCALL_TEST_REQUIRE_POSTGRES=1) but ${postgresMissing}`);
}
if (postgresMissing) process.stderr.write(`\n*** PostgreSQL leg SKIPPED (${postgresMissing}); SQLite only ***\n\n`);

/** The dialects this run covers: both, unless PostgreSQL is unreachable (and not required). */
export const DIALECTS: DialectUnderTest[] = postgresMissing ? ['sqlite'] : ['sqlite', 'postgres'];

export const TEST_LIMITS = { maxResults: 200, defaultCount: 100, bulkMaxOperations: 1000, bulkMaxPayloadBytes: 4 * 1024 * 1024, maxBodyBytes: 1024 * 1024 };

// Tests read arbitrary SCIM JSON; `any` keeps assertions on it readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ScimResponse = LightMyRequestResponse & { json: () => any };

export interface TestApp {
  app: FastifyInstance;
  storage: Storage;
  services: Services;
  teamId: string;
  token: string;
  base: string;
  /** A SCIM request with the team's token; `body` is sent as JSON. */
  scim(method: InjectOptions['method'], path: string, body?: unknown, headers?: Record<string, string>): Promise<ScimResponse>;
  close(): Promise<void>;
}

/** `migrate: false` leaves the database empty (migration tests apply them step by step). */
export async function openTestStorage(dialect: DialectUnderTest, options: { migrate?: boolean } = {}): Promise<{ storage: Storage; drop: () => Promise<void> }> {
  const migrate = options.migrate ?? true;
  if (dialect === 'sqlite') {
    const storage = await openStorage('sqlite::memory:', { sqlite: { synchronous: 'OFF' }, migrate });
    return { storage, drop: async () => undefined };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const storage = await openStorage(POSTGRES_URL, { postgres: { schema, poolSize: 5 }, migrate });
  return {
    storage,
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}

export async function createTestApp(dialect: DialectUnderTest = 'sqlite', options: { publicUrl?: string; services?: ServiceOptions; edge?: EdgeLimits } = {}): Promise<TestApp> {
  const { storage, drop } = await openTestStorage(dialect);
  const publicUrl = options.publicUrl ?? 'http://127.0.0.1:8080';
  // Test receivers and IdPs listen on 127.0.0.1: allowed the way an operator
  // allows an on-premises range. test/security/ssrf* passes its own (none).
  const services = createServices(storage, { egress: { allowCidrs: ['127.0.0.1/32'] }, ...options.services, sso: { publicUrl, ...options.services?.sso } });
  const app = await buildApp({ services, storage, publicUrl, limits: TEST_LIMITS, logLevel: 'silent', edge: options.edge });
  const team = await services.teams.create({ slug: `team-${randomBytes(3).toString('hex')}` });
  // No SSO connection in these tests: the token comes through the override.
  const { secret } = await services.tokens.create(team.id, { allowWithoutSso: true });
  const base = `/scim/v2/${team.id}`;
  return {
    app,
    storage,
    services,
    teamId: team.id,
    token: secret,
    base,
    async scim(method, path, body, headers = {}) {
      const res = await app.inject({
        method,
        url: path.startsWith('/scim/') ? path : base + path,
        headers: { authorization: `Bearer ${secret}`, ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}), ...headers },
        payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return res as ScimResponse;
    },
    async close() {
      await app.close();
      await storage.close();
      await drop();
    },
  };
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export const patchBody = (...operations: unknown[]) => ({ schemas: [PATCH_OP], Operations: operations });
