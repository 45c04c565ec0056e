// First run in a real browser: the setup link `npm start` prints opens the
// dashboard, creates the first team and its owner, and lands signed in on
// Active Directory Management.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER, openBrowser, startLiveServer, type LiveServer, type TestBrowser } from './harness.js';

describe.skipIf(!BROWSER)('first run (browser)', () => {
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

  it('sends a visitor without a session to sign-in, which points to the setup link', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await page.waitForURL(/\/sign-in$/);
    // The page asks the server whether setup is needed before it says so: wait for that answer.
    await page.getByText('Rollcall is not set up yet').waitFor({ timeout: 15_000 });
    await expect(page.getByText('Rollcall is not set up yet').isVisible()).resolves.toBe(true);
  });

  it('creates the first team and its owner from the setup link, signed in', async () => {
    const { page } = browser;
    const issued = await server.services.setup.issue();
    await page.goto(`${server.url}/setup#secret=${issued!.secret}`);
    await page.getByLabel('Team name').fill('Acme Inc');
    // The secret left the address bar (and so the history) as soon as the page read it.
    expect(page.url()).toBe(`${server.url}/setup`);
    expect(await page.getByLabel('Team short name').inputValue()).toBe('acme-inc');
    await page.getByLabel('Your work email').fill('owner@acme.test');
    await page.getByRole('button', { name: 'Create team and sign in' }).click();
    await page.waitForURL(/\/teams\/[^/]+\/active-directory$/);
    await page.getByRole('heading', { name: 'Active Directory Management', level: 1 }).waitFor();
    const [team] = await server.services.teams.list();
    expect(team.slug).toBe('acme-inc');
    expect(page.url()).toContain(team.id);

    await page.goto(`${server.url}/setup#secret=${issued!.secret}`);
    await page.getByText('Rollcall is already set up').waitFor();
  });
});
