// A started sign-in lives 10 minutes (the request row's expiry, on the
// service's clock): a response that comes back later is refused as expired,
// and the failed test is recorded.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { createSamlIdp } from './helpers/saml-idp.js';
import { configure, postAcs, reasonOf, spMetadata, startTest, state } from './helpers/sso-flow.js';

describe.each(DIALECTS)('sign-in request expiry (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let offsetMs = 0;
  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { clock: { now: () => new Date(Date.now() + offsetMs) } } });
    owner = await signInAdmin(t, 'owner@example.com');
  });
  afterAll(async () => t.close());

  it('refuses a response to a sign-in started more than 10 minutes ago', async () => {
    const idp = createSamlIdp();
    await configure(owner, t, { kind: 'saml', metadataXml: idp.metadata() });
    const redirectUrl = await startTest(owner, t);
    const form = await idp.respond(await spMetadata(t), redirectUrl, { email: 'owner@example.com' });
    offsetMs = 11 * 60_000;
    const res = await postAcs(t, form);
    offsetMs = 0;
    expect(reasonOf(res)).toBe('sign_in.expired');
    expect(await state(owner, t)).toMatchObject({ status: 'failed', lastTest: { reason: { code: 'sign_in.expired' } } });
  });
});
