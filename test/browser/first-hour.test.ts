// A new user's first hour, in Chromium against a real server (issue 14):
// from the setup link to users and groups arriving, then the same team in a
// second language. Along the way: the SSO test shows who the IdP said signed
// in (and warns when that is not a team admin), the wizard keeps its place
// across reloads, the SCIM card says Connected once traffic flows, and the
// diagnosis is healthy again once the latest requests succeed. The IdP's
// SCIM requests are sent from this test with fetch.

import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startOidcIdp, type OidcIdp } from '../sso/helpers/oidc-idp.js';
import { BROWSER, openBrowser, signIn, startLiveServer, type LiveServer, type TestBrowser } from './harness.js';
import { scim } from './seed.js';

const OWNER = 'owner@acme.test';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const wizardAt = (page: Page, step: number) => page.locator(`[data-testid="setup-wizard"][data-step="${step}"]`).waitFor();

async function testSignIn(page: Page, idp: OidcIdp, login: string) {
  // Signed out at the IdP (its session cookies only), so it asks who is signing in.
  await page.context().clearCookies({ name: /^_(session|interaction)/ });
  await page.getByTestId('sso-test').click();
  await page.waitForURL(`${idp.issuer}/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL(/\/active-directory\?sso=ok$/);
}

describe.skipIf(!BROWSER)("a new user's first hour (browser)", () => {
  let server: LiveServer;
  let browser: TestBrowser;
  let idp: OidcIdp;
  let page: Page;
  let teamId = '';
  let token = '';

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await openBrowser();
    page = browser.page;
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page.screenshot({ path: `${tmpdir()}/rollcall-first-hour-failure.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await idp?.close();
    await server?.close();
  });

  it('creates the team from the setup link and lands on the wizard', async () => {
    const issued = await server.services.setup.issue();
    await page.goto(`${server.url}/setup#secret=${issued!.secret}`);
    await page.getByLabel('Team name').fill('Acme Inc');
    await page.getByLabel('Your work email').fill(OWNER);
    await page.getByRole('button', { name: 'Create team and sign in' }).click();
    await page.waitForURL(/\/teams\/[^/]+\/active-directory$/);
    teamId = (await server.services.teams.list())[0].id;
    await wizardAt(page, 0);
    await page.locator('[data-testid="scim-phase"][data-phase="none"]').waitFor();
  });

  it("shows who signed in at the SSO test, and warns loudly when it is not a team admin", async () => {
    idp = await startOidcIdp([{ client_id: 'rollcall', client_secret: 'oidc-secret', redirect_uris: [`${server.url}/sso/${teamId}/oidc/callback`] }], {
      owner: { email: OWNER, email_verified: true, name: 'Olivia Owner', groups: ['IT'] },
      stranger: { email: 'stranger@elsewhere.test', email_verified: true, name: 'Sam Stranger' },
    });
    const form = page.getByTestId('sso-form');
    await form.getByText('OpenID Connect').click();
    await form.getByLabel('Issuer URL').fill(idp.issuer);
    await form.getByLabel('Client ID').fill('rollcall');
    await form.getByLabel('Client secret').fill('oidc-secret');
    await form.getByRole('button', { name: 'Save SSO settings' }).click();
    await page.locator('[data-testid="sso-state"][data-phase="draft"]').waitFor();

    // A colleague's account at the IdP completes the test: SSO activates, with a warning.
    await testSignIn(page, idp, 'stranger');
    await page.locator('[data-testid="sso-state"][data-phase="active"]').waitFor();
    await page.getByTestId('sso-identity-warning').getByText('This identity is not an admin of this team').waitFor();
    expect(await page.getByTestId('sso-identity-email').textContent()).toBe('stranger@elsewhere.test');

    // Switched off and on again, the owner tests it: their identity and claims, no warning.
    await page.getByRole('button', { name: 'Disable SSO' }).click();
    await page.getByRole('button', { name: 'Enable SSO' }).click();
    await page.locator('[data-testid="sso-state"][data-phase="draft"]').waitFor();
    await testSignIn(page, idp, 'owner');
    await page.locator('[data-testid="sso-state"][data-phase="active"]').waitFor();
    const identity = page.locator('[data-testid="sso-test-identity"][data-team-admin="true"]');
    await identity.waitFor();
    expect(await identity.getByTestId('sso-identity-email').textContent()).toBe(OWNER);
    await identity.getByTestId('sso-identity-fields').getByText('Olivia Owner').waitFor();
    await identity.getByText('claims and attributes your IdP sent', { exact: false }).click();
    await identity.getByTestId('sso-identity-claims').getByText('email_verified').waitFor();
    expect(await page.getByTestId('sso-identity-warning').count()).toBe(0);
  });

  it('keeps its place across a reload once the token is created', async () => {
    await page.getByTestId('wizard-next').click();
    await wizardAt(page, 1);
    await page.getByLabel('Token name').fill('Okta production');
    await page.getByRole('button', { name: 'Start SCIM setup' }).click();
    token = await page.getByTestId('scim-token').inputValue();
    expect(token).toMatch(/^rcs_/);
    await page.locator('[data-testid="scim-phase"][data-phase="waiting"]').waitFor();

    await page.reload();
    // Still on "Endpoint and token": the token cannot be shown again, and "Configure IdP" is not done.
    await wizardAt(page, 2);
    await page.getByText('The token was shown when it was created').waitFor();
    expect(await page.getByTestId('step-sso').getAttribute('data-done')).toBe('true');
    expect(await page.getByTestId('step-idp').getAttribute('data-done')).toBe('false');
    expect(await page.getByTestId('step-test').getAttribute('data-done')).toBe('false');
    await page.getByRole('button', { name: 'My IdP has the token' }).click();
    await wizardAt(page, 3);
    await page.getByTestId('wizard-next').click();
    await wizardAt(page, 4);
  });

  it('turns green when the IdP pushes users and groups, and the SCIM card says Connected', async () => {
    await page.getByTestId('connection-waiting').waitFor();
    const ids: string[] = [];
    for (const [given, family] of [['Ada', 'Lovelace'], ['Grace', 'Hopper'], ['Alan', 'Turing']]) {
      const userName = `${given.toLowerCase()}@acme.test`;
      const user = await scim(server, teamId, token, 'POST', '/Users', { schemas: [USER_SCHEMA], userName, displayName: `${given} ${family}`, name: { givenName: given, familyName: family }, emails: [{ value: userName, primary: true }], active: true });
      ids.push(user.id);
    }
    await scim(server, teamId, token, 'POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering', members: ids.slice(0, 2).map((value) => ({ value })) });
    await scim(server, teamId, token, 'POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Sales', members: [{ value: ids[2] }] });

    await page.getByTestId('connection-ok').waitFor();
    await page.locator('[data-testid="test-users"]', { hasText: '3' }).waitFor();
    await page.locator('[data-testid="test-groups"]', { hasText: '2' }).waitFor();
    await page.getByTestId('arrival').first().waitFor();
    await page.locator('[data-testid="scim-phase"][data-phase="connected"]', { hasText: 'Connected' }).waitFor();
  });

  it('finishes, and a reload stays finished', async () => {
    await page.getByTestId('wizard-next').click();
    await wizardAt(page, 5);
    await page.getByTestId('wizard-next').click();
    await wizardAt(page, 6);
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-done').waitFor();
    await page.reload();
    await page.getByTestId('wizard-done').waitFor();
    expect(await page.getByTestId('step-review').getAttribute('data-done')).toBe('true');
  });

  it('says something is wrong while requests fail, and is healthy again once the latest succeed', async () => {
    const bad = await fetch(`${server.url}/scim/v2/${teamId}/Users`, { headers: { authorization: 'Bearer rcs_wrong-token-that-looks-long-enough-to-be-one-of-ours' } });
    expect(bad.status).toBe(401);
    await expect(scim(server, teamId, token, 'GET', '/Users/2819c223-7f76-453a-919d-413861904646')).rejects.toThrow(/404/);
    await server.services.realtime.activity.flush();
    await page.goto(`${server.url}/teams/${teamId}/activity`);
    await page.locator('[data-testid="diag-overall"][data-overall="warning"]').waitFor();
    await page.locator('[data-testid="diag-check"][data-code="failures.warning"]').waitFor();

    for (let i = 0; i < 20; i++) await scim(server, teamId, token, 'GET', `/Users?startIndex=1&count=1&page=${i}`);
    await server.services.realtime.activity.flush();
    await page.reload();
    await page.locator('[data-testid="diag-overall"][data-overall="ok"]').waitFor();
    await page.getByText('Nothing looks wrong').waitFor();
    // The old failures are still there, as history.
    await page.locator('[data-testid="diag-check"][data-code="failures.history"]').getByText('Some earlier requests failed; the latest succeed').waitFor();
    await page.locator('[data-testid="diag-check"][data-code="authentication.history"]').waitFor();
  });

  it('links activity entries to the user by name, and exports users and activity as CSV', async () => {
    const link = page.getByTestId('activity-resource').filter({ hasText: 'ada@acme.test' }).first();
    await link.waitFor();
    const activityCsv = page.waitForEvent('download');
    await page.getByTestId('activity-csv').click();
    const activity = await (await activityCsv).createReadStream().then(async (stream) => (await stream.toArray()).join(''));
    expect(activity.split('\r\n')[0]).toContain('"time","idp","method","path","status"');
    expect(activity).toContain('"POST","/Users","201"');

    await link.click();
    await page.waitForURL(/\/users\/[^/]+$/);
    await page.goto(`${server.url}/teams/${teamId}/users`);
    // The email shows once per row: the user name under the name only when it differs.
    const ada = page.getByTestId('user-row').filter({ hasText: 'Ada Lovelace' });
    await ada.getByText('ada@acme.test').waitFor();
    expect(await ada.getByText('ada@acme.test').count()).toBe(1);
    const usersCsv = page.waitForEvent('download');
    await page.getByTestId('users-csv').click();
    const users = await (await usersCsv).createReadStream().then(async (stream) => (await stream.toArray()).join(''));
    expect(users.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(users).toContain('"grace@acme.test","Grace Hopper","grace@acme.test","true","Engineering"');
  });

  it('shows the same team in French: the wizard finished, SCIM connected, the diagnosis in French', async () => {
    const french = await openBrowser({ locale: 'fr-FR' });
    try {
      const { page: fr } = french;
      await signIn(server, fr, { teamSlug: 'acme-inc', email: 'admin@acme.test', role: 'admin' });
      await fr.getByRole('heading', { level: 1, name: "Gestion de l'Active Directory" }).waitFor();
      await fr.getByTestId('wizard-done').waitFor();
      await fr.locator('[data-testid="scim-phase"][data-phase="connected"]', { hasText: 'Connecté' }).waitFor();
      await fr.goto(`${server.url}/teams/${teamId}/activity`);
      await fr.locator('[data-testid="diag-overall"][data-overall="ok"]').waitFor();
      await fr.locator('[data-testid="diag-check"][data-code="failures.history"]').getByText('Certaines requêtes antérieures ont échoué ; les dernières réussissent').waitFor();
      // No English sentence from the server in the French diagnosis.
      expect(await fr.getByTestId('diagnosis').textContent()).not.toMatch(/request|token|failed/i);
    } finally {
      await french.close();
    }
  });
});
