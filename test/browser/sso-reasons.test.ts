// Why an SSO test failed, in the admin's language (issue 14): every reason
// code the server can send (src/sso/reasons.ts) has a dashboard message in
// every locale, and the page words the code it returned with — not the
// server's English sentence.

import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { REASONS } from '../../src/sso/reasons.js';
import en from '../../web/src/i18n/locales/en.json' with { type: 'json' };
import ja from '../../web/src/i18n/locales/ja.json' with { type: 'json' };
import { BROWSER, openBrowser, signIn, startLiveServer, type LiveServer, type TestBrowser } from './harness.js';

describe('SSO failure reasons in the dashboard', () => {
  it('has a message for every reason code the server sends, and none for a code it does not', () => {
    const dashboard = Object.keys(en).filter((key) => key.startsWith('ssoReason.')).map((key) => key.slice('ssoReason.'.length));
    expect(dashboard.sort()).toEqual(Object.keys(REASONS).sort());
  });

  it("keeps the server's English sentence as the English message", () => {
    for (const [code, message] of Object.entries(REASONS)) expect(en[`ssoReason.${code}` as keyof typeof en]).toBe(message);
  });
});

describe.skipIf(!BROWSER)('SSO failure reason, translated by code (browser)', () => {
  let server: LiveServer | undefined;
  let browser: TestBrowser | undefined;
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the reason the test sign-in returned with in the chosen language', async () => {
    server = await startLiveServer();
    browser = await openBrowser({ locale: 'ja-JP' });
    const { page } = browser;
    try {
      await signIn(server, page);
      await page.goto(`${server.url}/#/sso?result=failed&reason=saml.expired`);
      await page.waitForURL(/\/active-directory\?sso=failed&reason=saml\.expired$/);
      const alert = page.getByTestId('sso-result-failed');
      await expect.poll(() => alert.textContent()).toContain(ja['ssoReason.saml.expired']);
      expect(await alert.textContent()).not.toContain(REASONS['saml.expired']);
      // An unknown code falls back to the generic sentence, never to the raw code.
      await page.goto(`${server.url}/#/sso?result=failed&reason=no.such_code`);
      await page.waitForURL(/reason=no\.such_code$/);
      await expect.poll(() => alert.textContent()).toContain(ja['sso.resultFailedBody']);
      expect(await alert.textContent()).not.toContain('no.such_code');
    } catch (error) {
      await page.screenshot({ path: `${tmpdir()}/rollcall-sso-reasons-failure.png`, fullPage: true }).catch(() => undefined);
      throw error;
    }
  });
});
