// A real app on a real database for spend tests, with a clock the test moves
// (periods, hold expiry), an API key for /api/v1 and a signed-in team admin.
// Users and groups are written through the directory services, the same code
// the SCIM routes call.

import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { createServices, type Services } from '../../src/services.js';
import type { Storage } from '../../src/storage/database.js';
import type { Clock } from '../../src/domain/ports.js';
import type { Mailer } from '../../src/domain/mail.js';
import { openTestStorage, TEST_LIMITS, type DialectUnderTest, type ScimResponse, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface TestClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-11-10T12:00:00.000Z'): TestClock {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (iso) => {
      now = new Date(iso).getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

export interface SpendTestApp {
  app: FastifyInstance;
  storage: Storage;
  services: Services;
  clock: TestClock;
  teamId: string;
  apiKey: string;
  admin: AdminClient;
  /** A host API request (/api/v1/teams/<team>/spend…) with the API key. */
  host(method: InjectOptions['method'], path: string, body?: unknown): Promise<ScimResponse>;
  /** An admin API request (/api/admin/teams/<team>/spend…) as the signed-in admin. */
  adminApi(method: InjectOptions['method'], path: string, body?: unknown): Promise<ScimResponse>;
  user(userName: string, extra?: Record<string, unknown>): Promise<string>;
  group(displayName: string, memberIds?: string[]): Promise<string>;
  addMembers(groupId: string, memberIds: string[]): Promise<void>;
  removeMembers(groupId: string, memberIds: string[]): Promise<void>;
  /** The team's events of the given type, oldest first. */
  events(type: string): Promise<{ type: string; resourceId?: string; data: Record<string, unknown> }[]>;
  close(): Promise<void>;
}

export async function createSpendTestApp(dialect: DialectUnderTest, options: { clock?: TestClock; mailer?: Mailer } = {}): Promise<SpendTestApp> {
  const { storage, drop } = await openTestStorage(dialect);
  const clock = options.clock ?? testClock();
  const services = createServices(storage, { clock, mailer: options.mailer });
  const app = await buildApp({ services, storage, publicUrl: 'http://127.0.0.1:8080', limits: TEST_LIMITS, logLevel: 'silent' });
  const team = await services.teams.create({ slug: `spend-${randomBytes(3).toString('hex')}` });
  const apiKey = (await services.apiKeys.create({ label: 'host' })).secret;
  const shim = { app, services, teamId: team.id } as unknown as TestApp;
  const admin = await signInAdmin(shim, `admin-${randomBytes(3).toString('hex')}@example.com`, 'admin', team.id);

  const inject = async (method: InjectOptions['method'], url: string, headers: Record<string, string>, body?: unknown) =>
    (await app.inject({
      method,
      url,
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })) as ScimResponse;

  return {
    app,
    storage,
    services,
    clock,
    teamId: team.id,
    apiKey,
    admin,
    host: (method, path, body) => inject(method, `/api/v1/teams/${team.id}/spend${path}`, { authorization: `Bearer ${apiKey}` }, body),
    adminApi: (method, path, body) => admin.request(method, `/api/admin/teams/${team.id}/spend${path}`, body),
    async user(userName, extra = {}) {
      return (await services.users.create(team.id, { userName, ...extra })).user.id;
    },
    async group(displayName, memberIds = []) {
      return (await services.groups.create(team.id, { displayName, members: memberIds.map((value) => ({ value })) })).group.id;
    },
    async addMembers(groupId, memberIds) {
      await services.groups.patch(team.id, groupId, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: memberIds.map((value) => ({ value })) }] });
    },
    async removeMembers(groupId, memberIds) {
      await services.groups.patch(team.id, groupId, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members', value: memberIds.map((value) => ({ value })) }] });
    },
    async events(type) {
      const all = await services.store.events.listAfter(services.store.db, team.id, 0, 100_000);
      return all.filter((e) => e.type === type);
    },
    async close() {
      await app.close();
      await storage.close();
      await drop();
    },
  };
}
