// Languages in a real browser: the dashboard opens in the browser's language
// (Japanese here), the admin can switch (to French), and the choice survives
// a reload.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER, openBrowser, signIn, startLiveServer, type LiveServer, type TestBrowser } from './harness.js';

describe.skipIf(!BROWSER)('dashboard languages (browser)', () => {
  let server: LiveServer;
  let browser: TestBrowser;
  beforeAll(async () => {
    server = await startLiveServer();
    browser = await openBrowser({ locale: 'ja-JP' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens in the browser's language", async () => {
    const { page } = browser;
    await signIn(server, page);
    await page.getByRole('heading', { level: 1, name: 'Active Directory 管理' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.getByRole('link', { name: 'ユーザー' }).waitFor();
    await page.getByText('SSO が有効になるまで SCIM のセットアップはロックされています').waitFor();
  });

  it('switches language on demand and remembers it', async () => {
    const { page } = browser;
    await page.getByTestId('language').first().selectOption('fr');
    await page.getByRole('heading', { level: 1, name: "Gestion de l'Active Directory" }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: "Gestion de l'Active Directory" }).waitFor();
    await page.getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByText('Aucun utilisateur pour l\'instant').waitFor();
  });
});
