// Browser tests: Debian's Chromium driven by playwright-core against a real
// Rollcall server listening on 127.0.0.1 (in this process, on a real
// database), serving the built dashboard. Without /usr/bin/chromium the
// suites skip with a message, unless ROLLCALL_TEST_REQUIRE_BROWSER=1 (CI),
// where a missing browser fails the run.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { createServices, type Services } from '../../src/services.js';
import type { Role } from '../../src/domain/access/admin-access.js';
import type { Mailer } from '../../src/domain/mail.js';
import { freePort } from '../helpers/server-process.js';
import { openTestStorage, TEST_LIMITS, type DialectUnderTest } from '../helpers/test-app.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROOT = resolve(import.meta.dirname, '../..');
const WEB = join(ROOT, 'web');

const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.ROLLCALL_TEST_REQUIRE_BROWSER === '1') {
  throw new Error(`browser tests are required (ROLLCALL_TEST_REQUIRE_BROWSER=1) but ${CHROMIUM} is missing: apt-get install -y chromium`);
}
if (!hasBrowser) process.stderr.write(`\n*** browser tests SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium) ***\n\n`);

/** Whether the browser suites run (use with describe.skipIf(!BROWSER)). */
export const BROWSER = hasBrowser;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds web/dist when it is missing or older than the dashboard's sources. */
export function ensureDashboardBuilt(): void {
  const index = join(WEB, 'dist', 'index.html');
  const sources = Math.max(newestMtime(join(WEB, 'src')), newestMtime(join(WEB, 'index.html')), newestMtime(join(WEB, 'vite.config.ts')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building the dashboard failed:\n${run.stdout}\n${run.stderr}`);
}

export interface LiveServer {
  url: string;
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1 with an empty database (no team: first run). */
export async function startLiveServer(dialect: DialectUnderTest = 'sqlite', options: { mailer?: Mailer } = {}): Promise<LiveServer> {
  ensureDashboardBuilt();
  const { storage, drop } = await openTestStorage(dialect);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The test IdPs listen on http://127.0.0.1, as an IdP on a developer's machine would.
  const services = createServices(storage, { sso: { publicUrl: url, allowInsecureHttp: true }, egress: { allowCidrs: ['127.0.0.1/32'] }, mailer: options.mailer });
  const app = await buildApp({ services, storage, publicUrl: url, limits: TEST_LIMITS, logLevel: 'silent' });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    app,
    services,
    async close() {
      await app.close();
      await storage.close();
      await drop();
    },
  };
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Chromium with a fresh profile, at laptop size unless told otherwise. */
export async function openBrowser(options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'rollcall-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // The fresh profile directory is the --user-data-dir (playwright passes it).
    args: CHROMIUM_FLAGS,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A team with an admin, signed in through a one-time link, as an owner would send it. */
export async function signIn(server: LiveServer, page: Page, options: { teamSlug?: string; email?: string; role?: Role } = {}): Promise<{ teamId: string }> {
  const team = (await server.services.teams.list()).find((t) => t.slug === (options.teamSlug ?? 'acme')) ?? (await server.services.teams.create({ slug: options.teamSlug ?? 'acme', name: 'Acme Inc' }));
  const account = await server.services.adminAccess.grant(team.id, options.email ?? 'ada@acme.test', options.role ?? 'owner');
  const { secret } = await server.services.adminAccess.createSignInLink(account.id);
  await page.goto(`${server.url}/sign-in#link=${secret}`);
  await page.waitForURL(/\/teams\/[^/]+\/active-directory/);
  return { teamId: team.id };
}
