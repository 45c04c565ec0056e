// Admin portal links in a real browser: an owner makes one with "Invite your
// IT admin"; the IT admin opens it in another browser, confirms on the page it
// shows (a GET uses nothing) and lands signed in on the page the link names; a session that came with the host's returnUrl
// shows "Back to <product>".

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/db-types.js';
import { BROWSER, openBrowser, signIn, startLiveServer, type LiveServer, type TestBrowser } from './harness.js';

describe.skipIf(!BROWSER)('admin portal links (browser)', () => {
  let server: LiveServer;
  let owner: TestBrowser;
  let itAdmin: TestBrowser;
  let teamId: string;
  beforeAll(async () => {
    server = await startLiveServer();
    owner = await openBrowser();
    itAdmin = await openBrowser();
  });
  afterAll(async () => {
    await owner?.close();
    await itAdmin?.close();
    await server?.close();
  });

  it('an owner invites the IT admin, who lands signed in on Active Directory Management', async () => {
    ({ teamId } = await signIn(server, owner.page));
    const card = owner.page.getByTestId('invite-it-admin');
    await card.getByText('Invite your IT admin').waitFor();
    await card.getByLabel('Their email (optional)').fill('it@acme.test');
    await card.getByTestId('portal-create').click();
    const url = await owner.page.getByTestId('portal-link').inputValue();
    expect(url).toContain('/api/admin/portal?portal_token=rcp_');

    // The link shows who it signs in, and uses nothing until the button is pressed.
    await itAdmin.page.goto(url);
    await itAdmin.page.getByRole('heading', { level: 1, name: /^Sign in to / }).waitFor();
    expect(await itAdmin.page.locator('#portal-role').textContent()).toBe('an admin');
    await itAdmin.page.getByRole('button', { name: /^Continue to .+’s dashboard$/ }).click();
    await itAdmin.page.waitForURL(new RegExp(`/teams/${teamId}/active-directory$`));
    await itAdmin.page.getByRole('heading', { level: 1, name: 'Active Directory Management' }).waitFor();
    await itAdmin.page.getByText('it@acme.test').first().waitFor();
    expect(await itAdmin.page.getByTestId('back-to-product').count()).toBe(0);
    // An admin, not an owner: no invitations of their own.
    expect(await itAdmin.page.getByTestId('invite-it-admin').count()).toBe(0);

    // Used once: the same URL again is the refusal page.
    const again = await itAdmin.page.goto(url);
    expect(again?.status()).toBe(400);
    await itAdmin.page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
  });

  it('a link with a returnUrl shows "Back to <product>" leading there', async () => {
    const { secret, id } = await server.services.portalLinks.create(teamId, { intent: 'scim', role: 'admin', email: 'it2@acme.test' }, 'test');
    // The live server has no ROLLCALL_PORTAL_RETURN_ORIGINS; the row gets the URL the host API would have checked.
    await (server.services.store.db as Kysely<Database>).updateTable('portal_links').set({ return_url: 'https://app.example.com/settings' }).where('id', '=', id).execute();
    const browser = await openBrowser();
    try {
      await browser.page.goto(`${server.url}/api/admin/portal?portal_token=${secret}`);
      await browser.page.getByRole('button', { name: /^Continue to / }).click();
      await browser.page.waitForURL(new RegExp(`/teams/${teamId}/tokens$`));
      const back = browser.page.getByTestId('back-to-product');
      await back.waitFor();
      expect(await back.textContent()).toBe('Back to app.example.com');
      expect(await back.getAttribute('href')).toBe('https://app.example.com/settings');
    } finally {
      await browser.close();
    }
  });
});
