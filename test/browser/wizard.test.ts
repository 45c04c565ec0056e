// The Active Directory Management wizard end to end, in Chromium against a
// real server: SCIM locked without SSO; SSO set up and activated by a real
// test sign-in at an OpenID Connect provider; the endpoint and token handed
// out once; the IdP instructions; the connection test turning green while a
// SCIM client replays what Okta sends (test/fixtures/idp/okta.json) and the page
// watches users arrive without a reload; group limits set with a preview;
// and the review of members in several groups changing with the limits.

import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startOidcIdp, type OidcIdp } from '../sso/helpers/oidc-idp.js';
import { BROWSER, openBrowser, signIn, startLiveServer, type LiveServer, type TestBrowser } from './harness.js';
import { scim } from './seed.js';
import { parseScenario } from '../../src/simulate/scenario.js';
import { runScenario } from '../../src/simulate/run-scenario.js';

const OKTA = resolvePath(import.meta.dirname, '../fixtures/idp/okta.json');
const EMAIL = 'ada@acme.test';

/** Okta's recorded lifecycle through the project's replay runner; its users stay (no teardown). */
async function replay(baseUrl: string, token: string): Promise<{ code: number | null; output: string }> {
  const lines: string[] = [];
  const result = await runScenario(parseScenario(readFileSync(OKTA, 'utf8'), 'okta.json'), { baseUrl, token, teardown: false, log: (line) => lines.push(line) });
  lines.push(`replay: ${result.passed} passed, ${result.failed} failed`);
  return { code: result.failed === 0 ? 0 : 1, output: lines.join('\n') };
}

const next = (page: Page) => page.getByTestId('wizard-next').click();

async function setGroupLimit(page: Page, group: string, amount: string, affected: number) {
  await page.locator(`[data-testid="group-limit-row"][data-group="${group}"]`).getByRole('button').click();
  const editor = page.getByTestId('limit-editor');
  await editor.getByTestId('limit-amount').fill(amount);
  await editor.locator(`[data-testid="affected-count"][data-count="${affected}"]`).waitFor();
  await editor.getByTestId('save-limit').click();
  await editor.waitFor({ state: 'detached' });
}

describe.skipIf(!BROWSER)('Active Directory Management wizard (browser)', () => {
  let server: LiveServer;
  let browser: TestBrowser;
  let idp: OidcIdp;
  let teamId: string;
  let page: Page;
  let baseUrl = '';
  let token = '';

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await openBrowser();
    page = browser.page;
    ({ teamId } = await signIn(server, page, { email: EMAIL }));
    idp = await startOidcIdp([{ client_id: 'rollcall', client_secret: 'oidc-secret', redirect_uris: [`${server.url}/sso/${teamId}/oidc/callback`] }], {
      ada: { email: EMAIL, email_verified: true, name: 'Ada Lovelace' },
    });
  });
  afterEach(async (context) => {
    // A failing step leaves a picture of the page behind for whoever debugs it.
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${tmpdir()}/rollcall-wizard-failure.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await idp?.close();
    await server?.close();
  });

  it('keeps SCIM setup locked without SSO, and says why', async () => {
    const sso = page.getByTestId('sso-state');
    await expect(sso.getAttribute('data-phase')).resolves.toBe('none');
    await page.getByTestId('scim-locked').getByText('SCIM setup is locked until SSO is active').waitFor();
    expect(await page.getByTestId('wizard-next').isDisabled()).toBe(true);
    // The server agrees: no token without active SSO.
    const refused = await page.evaluate(async (id) => {
      const res = await fetch(`/api/admin/teams/${id}/scim-tokens`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': /rollcall_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '' }, body: '{}' });
      return res.status;
    }, teamId);
    expect(refused).toBe(409);
  });

  it('sets up SSO and activates it with a real test sign-in at the IdP', async () => {
    const form = page.getByTestId('sso-form');
    await form.getByText('OpenID Connect').click();
    await form.getByLabel('Issuer URL').fill(idp.issuer);
    await form.getByLabel('Client ID').fill('rollcall');
    await form.getByLabel('Client secret').fill('oidc-secret');
    await form.getByRole('button', { name: 'Save SSO settings' }).click();
    await page.locator('[data-testid="sso-state"][data-phase="draft"]').waitFor();

    await page.getByTestId('sso-test').click();
    await page.waitForURL(`${idp.issuer}/**`);
    await page.locator('input[name="login"]').fill('ada');
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    await page.waitForURL(/\/teams\/[^/]+\/active-directory\?sso=ok$/);
    await page.getByText('SSO test sign-in succeeded').waitFor();
    await page.locator('[data-testid="sso-state"][data-phase="active"]').waitFor();
    await next(page);
  });

  it('hands out the SCIM endpoint and a token once, and the steps for each IdP', async () => {
    await page.getByLabel('Token name').fill('Okta production');
    await page.getByRole('button', { name: 'Start SCIM setup' }).click();
    baseUrl = await page.getByTestId('scim-base-url').inputValue();
    token = await page.getByTestId('scim-token').inputValue();
    expect(baseUrl).toBe(`${server.url}/scim/v2/${teamId}`);
    expect(token).toMatch(/^rcs_/);
    expect(await page.getByTestId('wizard-next').isDisabled()).toBe(true);
    await page.getByTestId('saved-token').check();
    await next(page);

    for (const idpTab of ['okta', 'entra', 'google', 'onelogin', 'jumpcloud']) {
      await page.getByTestId(`idp-tab-${idpTab}`).click();
      const guide = page.getByTestId(`idp-guide-${idpTab}`);
      // Group push is called out as its own switch in every guide, with the values to paste.
      await guide.getByTestId('group-push-step').waitFor();
      expect(await guide.locator('input[readonly]').first().inputValue()).toBe(baseUrl);
    }
    await next(page);
  });

  it('turns the connection test green when the IdP calls, and shows users arriving live', async () => {
    await page.getByTestId('connection-waiting').waitFor();
    expect(await page.getByTestId('test-users').textContent()).toBe('0');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const run = replay(baseUrl, token);
    await page.getByTestId('connection-ok').waitFor();
    await page.getByText("Okta's connection test arrived", { exact: false }).waitFor();
    const { code, output } = await run;
    expect(code, output).toBe(0);
    await page.locator('[data-testid="test-users"]', { hasText: '2' }).waitFor();
    await page.getByTestId('arrival').first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await next(page);
  });

  it('sets limits on synced groups with a preview, and the review shows the limit that wins', async () => {
    // Okta's scenario deletes its pushed group at the end; push two groups the way Okta's group push does.
    const users = (await scim(server, teamId, token, 'GET', '/Users?count=10')).Resources as { id: string; userName: string }[];
    const [first, second] = users;
    await scim(server, teamId, token, 'POST', '/Groups', { displayName: 'Engineering', members: [{ value: first.id }, { value: second.id }] });
    await scim(server, teamId, token, 'POST', '/Groups', { displayName: 'Sales', members: [{ value: first.id }] });
    await page.locator('[data-testid="group-limit-row"][data-group="Sales"]').waitFor();

    await setGroupLimit(page, 'Engineering', '50', 2);
    await page.locator('[data-testid="group-limit-row"][data-group="Engineering"]', { hasText: '$50.00' }).waitFor();
    await setGroupLimit(page, 'Sales', '80', 1);
    await next(page);

    const row = page.locator(`[data-testid="review-row"][data-member="${first.userName}"]`);
    await row.getByTestId('effective-limit').filter({ hasText: '$80.00' }).waitFor();
    expect(await row.getByTestId('limit-source').textContent()).toBe('Group: Sales');
    expect(await page.getByTestId('review-row').count()).toBe(1);

    // Lower Sales below Engineering: the review changes, live, to Engineering's limit.
    await page.getByRole('button', { name: /Spend limits/ }).first().click();
    await setGroupLimit(page, 'Sales', '20', 1);
    await next(page);
    await row.getByTestId('effective-limit').filter({ hasText: '$50.00' }).waitFor();
    expect(await row.getByTestId('limit-source').textContent()).toBe('Group: Engineering');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-done').waitFor();
  });
});
