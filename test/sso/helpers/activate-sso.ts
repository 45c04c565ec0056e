// Gives a test team an active SSO connection the way an admin would: SAML
// configured from the test IdP's metadata, then a successful test sign-in.
// For tests that need the SSO gate open (SCIM tokens through the admin API).

import type { AdminClient } from '../../helpers/admin-session.js';
import type { TestApp } from '../../helpers/test-app.js';
import { createSamlIdp, type SamlIdp } from './saml-idp.js';
import { configure, postAcs, spMetadata, startTest } from './sso-flow.js';

export async function activateSso(t: TestApp, admin: AdminClient, email: string, idp: SamlIdp = createSamlIdp()): Promise<SamlIdp> {
  const configured = await configure(admin, t, { kind: 'saml', metadataXml: idp.metadata() });
  if (configured.statusCode !== 200) throw new Error(`configure SSO: ${configured.statusCode} ${configured.body}`);
  const form = await idp.respond(await spMetadata(t), await startTest(admin, t), { email });
  const res = await postAcs(t, form);
  if (!String(res.headers.location ?? '').endsWith('/#/sso?result=ok')) throw new Error(`SSO test sign-in failed: ${res.statusCode} ${res.headers.location} ${res.body}`);
  return idp;
}
