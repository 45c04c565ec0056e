// The users table's server-side sort and group filter, and a group's members
// with their status (issue 14), in Chromium against a real server. The IdP's
// SCIM requests are sent from this test with fetch.

import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER, openBrowser, signIn, startLiveServer, type LiveServer, type TestBrowser } from './harness.js';
import { scim, seedDirectory } from './seed.js';

/** The user names in the table, top to bottom (the email column shows them). */
async function shownUserNames(page: Page): Promise<string[]> {
  const rows = await page.getByTestId('user-row').allInnerTexts();
  return rows.map((text) => /[\w.-]+@acme\.test/.exec(text)?.[0] ?? text);
}

async function waitForRows(page: Page, expected: string[]) {
  await expect.poll(() => shownUserNames(page), { timeout: 10_000 }).toEqual(expected);
}

describe.skipIf(!BROWSER)('users table sort and group filter, group member status (browser)', () => {
  let server: LiveServer;
  let browser: TestBrowser;
  let page: Page;
  let teamId = '';
  let users: { id: string; userName: string }[] = [];
  let groups: Record<string, string> = {};
  let mixed = '';

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await openBrowser();
    page = browser.page;
    ({ teamId } = await signIn(server, page));
    const { secret } = await server.services.tokens.create(teamId, { allowWithoutSso: true });
    ({ users, groups } = await seedDirectory(server, teamId, secret, 8));
    // users[5] is suspended by the seed; a member group too.
    const group = await scim(server, teamId, secret, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Mixed',
      members: [{ value: users[5].id }, { value: users[0].id }, { value: groups.Contractors }],
    });
    mixed = group.id;
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${tmpdir()}/rollcall-directory-lists-failure.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sorts by user name on the server, and a second click reverses the order', async () => {
    await page.goto(`${server.url}/teams/${teamId}/users`);
    const byName = users.map((u) => u.userName).sort();
    await waitForRows(page, users.map((u) => u.userName));
    await page.getByTestId('sort-userName').click();
    await waitForRows(page, byName);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('userName');
    await expect.poll(() => page.getByTestId('sort-userName').getAttribute('data-sorted')).toBe('ascending');
    await page.getByTestId('sort-userName').click();
    await waitForRows(page, [...byName].reverse());
    expect(new URL(page.url()).searchParams.get('order')).toBe('descending');
    // Status: the suspended user first when ascending (suspended before active).
    await page.getByTestId('sort-status').click();
    await expect.poll(async () => (await shownUserNames(page))[0]).toBe(users[5].userName);
  });

  it("filters the table to one group's members, keeping the sort", async () => {
    await page.goto(`${server.url}/teams/${teamId}/users?sort=userName`);
    await page.getByTestId('group-filter').click();
    await page.getByRole('option', { name: 'Contractors' }).click();
    await waitForRows(page, [users[3].userName, users[7].userName].sort());
    expect(new URL(page.url()).searchParams.get('group')).toBe(groups.Contractors);
    // Reloaded, the filter keeps its group name.
    await page.reload();
    await waitForRows(page, [users[3].userName, users[7].userName].sort());
    await expect.poll(() => page.getByTestId('group-filter').inputValue()).toBe('Contractors');
  });

  it("shows each member's status, and a Group badge for a member group", async () => {
    await page.goto(`${server.url}/teams/${teamId}/groups/${mixed}`);
    const members = page.getByTestId('group-member');
    await expect.poll(() => members.count()).toBe(3);
    const statuses = await members.evaluateAll((rows) => rows.map((row) => `${row.textContent}|${row.getAttribute('data-status')}`));
    expect(statuses.find((s) => s.endsWith('|suspended'))).toMatch(/Suspended/);
    expect(statuses.find((s) => s.endsWith('|active'))).toMatch(/Active/);
    expect(statuses.find((s) => s.endsWith('|group'))).toMatch(/^Contractors/);
  });
});
