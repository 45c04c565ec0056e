// Why an SSO test failed, in the admin's language (issue 14): every reason
// code the server can send (src/domain/sso/reasons.ts) has a dashboard message in
// every locale, and the page words the code it returned with — not the
// server's English sentence. Also what a SAML test shows of the IdP's
// answer: the NameID and its format.

import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { REASONS } from '../../src/domain/sso/reasons.js';
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

describe.skipIf(!BROWSER)('SAML NameID at the SSO test (browser)', () => {
  let server: LiveServer | undefined;
  let browser: TestBrowser | undefined;
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the NameID and its format among what the IdP returned (the server's answer, with a SAML test identity)", async () => {
    server = await startLiveServer();
    browser = await openBrowser();
    const { page } = browser;
    const format = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
    // The connection's state as the server gives it, with the identity a SAML test records (test/sso covers recording it).
    await page.route(/\/api\/admin\/teams\/[^/]+\/sso$/, async (route) => {
      const real = await route.fetch();
      const body = { ...(await real.json()), lastTest: { at: new Date().toISOString(), result: 'ok', reason: null, detail: null, by: 'ada@acme.test', identity: { subject: 'a1b2c3', email: 'ada@acme.test', emailVerified: null, name: 'Ada', groups: [], attributes: [], nameId: 'a1b2c3', nameIdFormat: format, teamRole: 'owner' } } };
      await route.fulfill({ response: real, json: body });
    });
    await signIn(server, page);
    const identity = page.getByTestId('sso-test-identity');
    await expect.poll(() => identity.getByTestId('sso-identity-nameid-format').textContent()).toBe(format);
    expect(await identity.getByTestId('sso-identity-nameid').textContent()).toBe('a1b2c3');
    await identity.getByText('NameID format').waitFor();
  });
});
