// Spend controls in the dashboard, in Chromium against a real server: a
// member's pending limit-increase request approved from the Increase
// requests tab (their effective limit becomes the override at once), and
// the limit editor's hard/soft choice with the what-if replay in its preview,
// and a dynamic team cap.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER, openBrowser, signIn, startLiveServer, type LiveServer, type TestBrowser } from './harness.js';

describe.skipIf(!BROWSER)('spend controls (browser)', () => {
  let server: LiveServer;
  let browser: TestBrowser;
  let page: Page;
  let teamId: string;
  let ann: string;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await openBrowser();
    page = browser.page;
    ({ teamId } = await signIn(server, page));
    const spend = server.services.spend;
    ann = (await server.services.users.create(teamId, { userName: 'ann@acme.test' })).user.id;
    await spend.policy.setDefault(teamId, { kind: 'admin', accountId: null, email: null }, { amount: 1_000 });
    await spend.increaseRequests.create(teamId, { by: 'id', value: ann }, { amount: 5_000, reason: 'Quarter-end batch' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('approves a pending increase request; the member gets the new limit at once', async () => {
    await page.goto(`${server.url}/teams/${teamId}/spend`);
    await page.getByRole('tab', { name: 'Increase requests' }).click();
    const row = page.getByTestId('increase-request');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Quarter-end batch');
    await row.getByTestId('approve-request').click();
    await page.getByTestId('approve-amount').fill('40');
    await page.getByTestId('confirm-decision').click();
    await expect.poll(() => page.getByTestId('increase-request').count()).toBe(0);
    const limit = (await server.services.spend.memberSpend(teamId, { by: 'id', value: ann })).limit;
    expect(limit).toMatchObject({ amount: 4_000, source: { type: 'override' } });
  });

  it('offers hard or soft next to the amount, and shows the what-if numbers in the preview', async () => {
    await page.goto(`${server.url}/teams/${teamId}/spend`);
    await page.getByTestId('team-default').getByRole('button').click();
    const editor = page.getByTestId('limit-editor');
    await editor.getByTestId('limit-amount').fill('5');
    await editor.getByText('Soft: allow and flag').click();
    await editor.getByTestId('what-if').waitFor();
    await editor.getByTestId('save-limit').click();
    await editor.waitFor({ state: 'detached' });
    expect((await server.services.spend.policy.view(teamId)).defaultLimit).toEqual({ amount: 500, unlimited: false, mode: 'soft' });
  });

  it('sets a dynamic team cap per active member', async () => {
    await page.goto(`${server.url}/teams/${teamId}/spend`);
    await page.getByTestId('edit-team-cap').click();
    const editor = page.getByTestId('team-cap-editor');
    await editor.getByText('Per active member').click();
    await editor.getByTestId('team-cap-amount').fill('10');
    await editor.getByTestId('save-team-cap').click();
    await editor.waitFor({ state: 'detached' });
    expect((await server.services.spend.policy.view(teamId)).teamCap).toEqual({ amount: null, perMember: 1_000, mode: 'hard' });
    // One active member (ann): the cap in force is 10.00.
    expect((await server.services.spend.policy.view(teamId)).teamTotals.cap).toBe(1_000);
  });
});
