// Signing in, as a new user meets it (issue 14): a link that names its team
// opens that team even when this device used another one last; the sign-in
// page asks for the team's short name (no operator command, no UUID); the
// SSO pages the server renders link back to sign-in; the dashboard has a
// favicon.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER, openBrowser, signIn, startLiveServer, type LiveServer, type TestBrowser } from './harness.js';

describe.skipIf(!BROWSER)('signing in (browser)', () => {
  let server: LiveServer;
  let browser: TestBrowser;
  beforeAll(async () => {
    server = await startLiveServer();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens the link's team, not the one this device used last", async () => {
    const { page } = browser;
    const { teamId: acme } = await signIn(server, page, { teamSlug: 'acme', email: 'ada@acme.test' });
    expect(page.url()).toContain(acme);
    const globex = await server.services.teams.create({ slug: 'globex', name: 'Globex' });
    const account = await server.services.adminAccess.grant(globex.id, 'ada@acme.test', 'admin');
    const { secret } = await server.services.adminAccess.createSignInLink(account.id);
    await page.goto(`${server.url}/sign-in#link=${secret}&team=globex`);
    await page.waitForURL(new RegExp(`/teams/${globex.id}/active-directory`));
    // The secret left the address bar.
    expect(page.url()).not.toContain(secret);
  });

  it('has a favicon', async () => {
    const { page } = browser;
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toMatch(/^\/assets\/favicon-[\w-]+\.svg$/);
    const res = await fetch(`${server.url}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/svg/);
  });

  it("asks for the team's short name, and the SSO pages lead back to sign-in", async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await page.goto(`${server.url}/sign-in`);
    expect(await page.getByText('npx rollcall').count()).toBe(0);
    await page.getByLabel('Team short name').fill('initech');
    await page.getByRole('button', { name: 'Sign in with SSO' }).last().click();
    await page.getByTestId('sso-team-not-found').waitFor();

    const globex = (await server.services.teams.list()).find((t) => t.slug === 'globex')!;
    await page.getByLabel('Team short name').fill('globex');
    await page.getByRole('button', { name: 'Sign in with SSO' }).last().click();
    // Globex has no SSO yet: the server's page says so, styled, with a way back.
    await page.waitForURL(new RegExp(`/sso/${globex.id}/start`));
    await page.getByRole('link', { name: 'Back to sign-in' }).click();
    await page.waitForURL(/\/sign-in$/);
  });
});
