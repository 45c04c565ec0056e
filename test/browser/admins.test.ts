// The Admins page in Chromium against a real server that emails through a
// real in-process SMTP server: an owner invites an admin (the link shown to
// copy is the one emailed), changes the role, and removes them after a
// confirmation; the last owner can be neither demoted nor removed. A
// signed-out admin asks the sign-in page to email them a link.

import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER, openBrowser, signIn, startLiveServer, type LiveServer, type TestBrowser } from './harness.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';

describe.skipIf(!BROWSER)('Admins page (browser)', () => {
  let smtp: TestSmtpServer;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let server: LiveServer;
  let browser: TestBrowser;
  let page: Page;
  let teamId = '';

  const row = (email: string) => page.locator(`[data-testid="admin-row"][data-email="${email}"]`);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    mailer = createSmtpMailer({ url: smtp.url, from: 'rollcall@example.test' });
    server = await startLiveServer('sqlite', { mailer });
    browser = await openBrowser();
    page = browser.page;
    ({ teamId } = await signIn(server, page));
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${tmpdir()}/rollcall-admins-failure.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    mailer?.close();
    await smtp?.close();
  });

  it('shows the only owner as the last owner, who can be neither demoted nor removed', async () => {
    await page.goto(`${server.url}/teams/${teamId}/admins`);
    await expect.poll(() => row('ada@acme.test').getAttribute('data-role')).toBe('owner');
    await expect.poll(() => row('ada@acme.test').getByTestId('last-owner').isVisible()).toBe(true);
    expect(await row('ada@acme.test').getByTestId('admin-role').isDisabled()).toBe(true);
    expect(await row('ada@acme.test').getByTestId('admin-remove').isDisabled()).toBe(true);
  });

  it('invites an admin: the link to copy is the one emailed, and the list shows them', async () => {
    await page.getByTestId('invite-admin').click();
    await page.getByTestId('invite-email').fill('grace@acme.test');
    await page.getByTestId('invite-role').selectOption('admin');
    await page.getByTestId('invite-submit').click();
    await expect.poll(() => page.getByTestId('admin-emailed').isVisible()).toBe(true);
    const link = await page.getByTestId('admin-link').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/sign-in#link=rcl_[^&]+&team=${teamId}$`));
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(['grace@acme.test']);
    expect(mail.text.split(/\r?\n/)).toContain(link);
    await page.getByTestId('invite-done').click();
    await expect.poll(() => row('grace@acme.test').getAttribute('data-role')).toBe('admin');
    expect(await row('grace@acme.test').innerText()).toContain('Invited, not signed in yet');
  });

  it('changes the role, then removes the admin after a confirmation', async () => {
    await row('grace@acme.test').getByTestId('admin-role').selectOption('member');
    await expect.poll(() => row('grace@acme.test').getAttribute('data-role')).toBe('member');
    const account = await server.services.adminAccess.ensureAccount('grace@acme.test');
    expect(await server.services.adminAccess.roleIn(teamId, account.id)).toBe('member');

    await row('grace@acme.test').getByTestId('admin-remove').click();
    await page.getByTestId('confirm-remove').click();
    await expect.poll(() => row('grace@acme.test').count()).toBe(0);
    expect(await server.services.adminAccess.roleIn(teamId, account.id)).toBeUndefined();
  });

  it('emails a signed-out admin a sign-in link from the sign-in page, and the link signs them in', async () => {
    const other = await openBrowser();
    try {
      await other.page.goto(`${server.url}/sign-in`);
      const before = smtp.received.length;
      await other.page.getByTestId('email-link-address').fill('ADA@acme.test');
      await other.page.getByTestId('email-link-submit').click();
      await expect.poll(() => other.page.getByTestId('email-link-sent').isVisible()).toBe(true);
      const mail = (await smtp.waitFor(before + 1))[before];
      expect(mail.to).toEqual(['ada@acme.test']);
      const link = mail.text.split(/\r?\n/).find((line) => line.includes('/sign-in#link=')) as string;
      // Opened from the mail client: a new tab, not a hash change of this one.
      const tab = await other.context.newPage();
      await tab.goto(link);
      await tab.waitForURL(new RegExp(`/teams/${teamId}/active-directory`));
    } finally {
      await other.close();
    }
  });
});
