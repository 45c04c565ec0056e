// Screenshots of the main pages for docs/dashboard.md and the README:
//   npx tsx test/browser/screenshots.ts [output-dir]   (default docs/screenshots)
// A real server with SSO activated through a real OpenID Connect provider, a
// seeded directory and limits; Chromium at 1280 px, on a phone, and in Japanese.

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startOidcIdp } from '../sso/helpers/oidc-idp.js';
import { openBrowser, signIn, startLiveServer } from './harness.js';
import { seedDirectory } from './seed.js';

const out = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../../docs/screenshots'));
mkdirSync(out, { recursive: true });

/** An admin API call from the signed-in page, with its CSRF token. */
const call = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ({ method, path, body }) => {
      const csrf = /rollcall_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(`/api/admin${path}`, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) }, body: body === undefined ? undefined : JSON.stringify(body) });
      return res.status === 204 ? null : res.json();
    },
    { method, path, body },
  );

const server = await startLiveServer();
const browser = await openBrowser();
const email = 'ada@acme.test';
try {
  const { page } = browser;
  const { teamId } = await signIn(server, page, { email });
  const idp = await startOidcIdp([{ client_id: 'rollcall', client_secret: 'shot-secret', redirect_uris: [`${server.url}/sso/${teamId}/oidc/callback`] }], { ada: { email, email_verified: true, name: 'Ada' } });
  const team = `/teams/${teamId}`;
  await call(page, 'PUT', `${team}/sso`, { kind: 'oidc', issuer: idp.issuer, clientId: 'rollcall', clientSecret: 'shot-secret' });
  const { redirectUrl } = (await call(page, 'POST', `${team}/sso/test`, {})) as { redirectUrl: string };
  await page.goto(await idp.browse(redirectUrl, 'ada'));
  await idp.close();

  const { secret } = await server.services.tokens.create(teamId, { label: 'Okta production' });
  const { groups } = await seedDirectory(server, teamId, secret, 64);
  await call(page, 'PUT', `${team}/spend/default`, { amount: 2500 });
  await call(page, 'PUT', `${team}/spend/group-limits/${groups.Engineering}`, { amount: 10000 });
  await call(page, 'PUT', `${team}/spend/group-limits/${groups['Sales EMEA']}`, { amount: 5000 });
  await call(page, 'POST', `${team}/webhooks`, { url: 'https://app.acme.test/hooks/rollcall', description: 'Billing service', eventTypes: ['user.*', 'spend.*'] });

  const base = `${server.url}${team}`;
  const shot = async (name: string) => {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${out}/${name}.png` });
    process.stdout.write(`${out}/${name}.png\n`);
  };

  await page.goto(`${base}/active-directory`);
  await page.getByTestId('setup-wizard').waitFor();
  await page.getByRole('button', { name: /Test/ }).first().click();
  await page.getByTestId('connection-ok').waitFor();
  await shot('active-directory');
  // The wizard keeps its place on the server: move on to the limits, then reopen the page there.
  await page.getByTestId('wizard-next').click();

  await page.goto(`${base}/active-directory`);
  await page.getByTestId('setup-wizard').waitFor();
  await page.getByTestId('group-limits').waitFor();
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('multi-group-review').waitFor();
  await shot('wizard-review');

  await page.goto(`${base}/users`);
  await page.getByTestId('users-table').waitFor();
  await shot('users');

  await page.getByTestId('user-row').first().getByRole('link').click();
  await page.getByTestId('member-spend').waitFor();
  await shot('user-detail');

  await page.goto(`${base}/groups`);
  await page.getByTestId('groups-table').waitFor();
  await shot('groups');

  await page.goto(`${base}/spend`);
  await page.getByTestId('group-limits').waitFor();
  await page.locator('[data-testid="group-limit-row"][data-group="Design"]').getByRole('button').click();
  await page.getByTestId('limit-amount').fill('75');
  await page.getByTestId('affected-count').waitFor();
  await shot('spend-preview');
  await page.keyboard.press('Escape');

  await page.goto(`${base}/tokens`);
  await page.getByTestId('tokens-table').waitFor();
  await shot('tokens');

  await page.goto(`${base}/activity`);
  await page.getByTestId('activity-table').waitFor();
  await shot('activity');

  await page.goto(`${base}/webhooks`);
  await shot('webhooks');

  await page.evaluate(() => localStorage.setItem('rollcall.locale', 'ja'));
  await page.goto(`${base}/active-directory`);
  await page.getByTestId('setup-wizard').waitFor();
  await shot('active-directory-ja');
  await page.evaluate(() => localStorage.removeItem('rollcall.locale'));

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/users`);
  await page.getByTestId('users-table').waitFor();
  await shot('phone-users');
} finally {
  await browser.close();
  await server.close();
}
