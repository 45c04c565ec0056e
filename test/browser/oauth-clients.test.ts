// The SCIM tokens page's OAuth clients section in Chromium against a real
// server: create a client (its id, secret and the token endpoint shown once),
// fetch an access token with them, rotate the secret (the old one is refused),
// and revoke the client.

import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Executor } from '../../src/storage/executor.js';
import { BROWSER, openBrowser, signIn, startLiveServer, type LiveServer, type TestBrowser } from './harness.js';

describe.skipIf(!BROWSER)('OAuth clients on the SCIM tokens page (browser)', () => {
  let server: LiveServer;
  let browser: TestBrowser;
  let page: Page;
  let teamId = '';

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await openBrowser();
    page = browser.page;
    ({ teamId } = await signIn(server, page));
    // The SSO gate: clients, like tokens, need an active SSO connection (docs/sso.md); here one is recorded as tested.
    const now = new Date().toISOString();
    await server.services.store.transaction(async (tx) => {
      await (tx as Executor)
        .insertInto('sso_connections')
        .values({ team_id: teamId, id: 'sso-1', kind: 'saml', status: 'active', config: '{}', pending_config: null, config_revision: 1, created_at: now, updated_at: now, activated_at: now, activated_by: null, activated_by_email: null, disabled_at: null, last_test_at: now, last_test_result: 'ok', last_test_reason: null, last_test_detail: null, last_test_by_email: null, last_test_identity: null })
        .execute();
    });
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${tmpdir()}/rollcall-oauth-clients-failure.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const tokenStatus = async (clientId: string, secret: string) =>
    (await fetch(`${server.url}/scim/v2/${teamId}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    })).status;

  it('creates a client, rotates its secret and revokes it', async () => {
    await page.goto(`${server.url}/teams/${teamId}/tokens`);
    await expect.poll(() => page.getByTestId('oauth-token-endpoint').inputValue(), { timeout: 10_000 }).toBe(`${server.url}/scim/v2/${teamId}/oauth/token`);

    await page.getByTestId('new-oauth-client').click();
    await page.getByTestId('create-oauth-client').click();
    const clientId = await page.getByTestId('new-oauth-client-id').inputValue();
    const first = await page.getByTestId('new-oauth-client-secret').inputValue();
    expect(clientId).toMatch(/^rcc_/);
    expect(first).toMatch(/^rccs_/);
    expect(await tokenStatus(clientId, first)).toBe(200);
    await page.getByRole('button', { name: /done/i }).click();
    await expect.poll(() => page.getByTestId('oauth-client-row').count()).toBe(1);

    await page.getByTestId('oauth-client-row').getByRole('button', { name: /rotate/i }).click();
    await page.getByTestId('create-oauth-client').click();
    const second = await page.getByTestId('new-oauth-client-secret').inputValue();
    expect(second).not.toBe(first);
    expect(await tokenStatus(clientId, first)).toBe(401);
    expect(await tokenStatus(clientId, second)).toBe(200);
    await page.getByRole('button', { name: /done/i }).click();

    await page.getByTestId('oauth-client-row').getByRole('button', { name: /revoke/i }).click();
    await page.getByTestId('confirm-revoke-oauth-client').click();
    await expect.poll(() => page.getByTestId('oauth-client-row').getAttribute('data-status')).toBe('revoked');
    expect(await tokenStatus(clientId, second)).toBe(401);
  });
});
