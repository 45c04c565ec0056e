// SAML 2.0 Web Browser SSO (saml-profiles-2.0-os §4.1) against a real IdP
// (samlify): the admin's test sign-in activates the connection; responses
// that are tampered, expired, early, replayed, unsigned, for another
// audience, recipient or request, or from another IdP are refused with the
// reason an admin can act on, and the failed test is recorded.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { alterResponse, createSamlIdp, OTHER_CERT, OTHER_KEY, SAML_IDP_ENTITY, type SamlIdp, type SamlUser, type Tamper } from './helpers/saml-idp.js';
import { configure, postAcs, reasonOf, spMetadata, ssoUrl, startTest, state } from './helpers/sso-flow.js';

const OWNER = { email: 'owner@example.com', name: 'Olivia Owner', groups: 'IT' } satisfies SamlUser;

describe.each(DIALECTS)('SAML connection (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let idp: SamlIdp;
  let metadata: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { sso: { allowInsecureHttp: true, clockSkewMs: 60_000 } } });
    owner = await signInAdmin(t, OWNER.email);
    idp = createSamlIdp();
  });
  afterAll(async () => t.close());

  /** A fresh draft connection before each test, so each refusal is seen on its own. */
  beforeEach(async () => {
    const current = await state(owner, t);
    if (current.status === 'active') await owner.request('POST', ssoUrl(t, '/disable'));
    if ((await state(owner, t)).status === 'disabled') await owner.request('POST', ssoUrl(t, '/enable'));
    const res = await configure(owner, t, { kind: 'saml', metadataXml: idp.metadata() });
    expect(res.statusCode).toBe(200);
    metadata = await spMetadata(t);
  });

  async function attempt(tamper: Tamper = {}, user: SamlUser = OWNER, alter?: (xml: string) => string) {
    const form = await idp.respond(metadata, await startTest(owner, t), user, tamper);
    const sent = alter ? { ...form, SAMLResponse: alterResponse(form.SAMLResponse, alter) } : form;
    return { res: await postAcs(t, sent), form };
  }

  it('serves SP metadata that asks for signed assertions at the team\'s ACS URL (saml-metadata §2.4.4)', async () => {
    const sp = (await state(owner, t)).sp;
    expect(metadata).toContain(`entityID="${sp.entityId}"`);
    expect(metadata).toContain('WantAssertionsSigned="true"');
    expect(metadata).toContain(`Location="${sp.acsUrl}"`);
    expect(sp.acsUrl).toBe(`http://127.0.0.1:8080/sso/${t.teamId}/saml/acs`);
  });

  it('activates on a signed response to the admin\'s test, and records who and when', async () => {
    const { res } = await attempt();
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('http://127.0.0.1:8080/#/sso?result=ok');
    const after = await state(owner, t);
    expect(after).toMatchObject({ status: 'active', kind: 'saml', activatedBy: OWNER.email, lastTest: { result: 'ok', by: OWNER.email } });
    expect(after.activatedAt).toEqual(expect.any(String));
    expect(after.config).toMatchObject({ idpEntityId: SAML_IDP_ENTITY, certificates: [expect.objectContaining({ subject: 'CN=Rollcall test idp' })] });
  });

  it('shows the NameID and its Format among what the IdP returned at the test sign-in', async () => {
    const { res } = await attempt();
    expect(res.headers.location).toBe('http://127.0.0.1:8080/#/sso?result=ok');
    const { lastTest } = await state(owner, t);
    expect(lastTest.identity).toMatchObject({ subject: OWNER.email, nameId: OWNER.email, nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' });
  });

  it('accepts an assertion that starts within the configured clock skew (ROLLCALL_SSO_CLOCK_SKEW_MS)', async () => {
    const { res } = await attempt({ notBefore: new Date(Date.now() + 20_000).toISOString() });
    expect(res.headers.location).toBe('http://127.0.0.1:8080/#/sso?result=ok');
  });

  const refusals: [string, string, Tamper][] = [
    // [what the IdP sends, the reason code, how the test IdP is made to send it]
    ['an assertion whose NotOnOrAfter has passed', 'saml.expired', { notOnOrAfter: new Date(Date.now() - 10 * 60_000).toISOString() }],
    ['an assertion not valid for another hour (the IdP\'s clock is ahead)', 'saml.clock_skew', { notBefore: new Date(Date.now() + 3600_000).toISOString() }],
    ['an assertion for another SP entity ID', 'saml.wrong_audience', { audience: 'https://other-sp.example.test/metadata' }],
    ['a bearer confirmation for another ACS URL', 'saml.wrong_recipient', { recipient: 'https://other-sp.example.test/acs' }],
    ['a response sent to another Destination', 'saml.wrong_recipient', { destination: 'https://other-sp.example.test/acs' }],
    ['an unsigned assertion (only the response is signed)', 'saml.unsigned_assertion', { unsigned: true }],
    ['an assertion signed with another certificate', 'saml.certificate_mismatch', { signWith: { key: OTHER_KEY, cert: OTHER_CERT } }],
    ['a response to a request Rollcall never made', 'saml.in_response_to_unknown', { inResponseTo: '_never-requested' }],
    ['an IdP-initiated response (no InResponseTo)', 'saml.unsolicited', { inResponseTo: '' }],
    ['a response from another IdP entity', 'saml.wrong_issuer', { issuer: 'https://evil.example.test/saml' }],
    ['a Responder status from the IdP', 'idp.error', { status: 'urn:oasis:names:tc:SAML:2.0:status:Responder' }],
  ];

  it.each(refusals)('refuses %s (%s)', async (_what, reason, tamper) => {
    const { res } = await attempt(tamper);
    expect(reasonOf(res)).toBe(reason);
    const after = await state(owner, t);
    // A response naming no request of ours cannot be tied to the admin's
    // test: the browser gets a page, and the connection is left as it was.
    if (['saml.in_response_to_unknown', 'saml.unsolicited'].includes(reason)) {
      expect(res.statusCode).toBe(400);
      expect(after.status).toBe('draft');
      return;
    }
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`http://127.0.0.1:8080/#/sso?result=failed&reason=${reason}`);
    expect(after.status).toBe('failed');
    expect(after.lastTest).toMatchObject({ result: 'failed', reason: { code: reason, message: expect.any(String) }, by: OWNER.email });
  });

  it('refuses a response altered after signing: the signature no longer verifies (XML-DSig)', async () => {
    const { res } = await attempt({}, OWNER, (xml) => xml.replace('>owner@example.com</saml:AttributeValue>', '>mallory@example.com</saml:AttributeValue>'));
    expect(reasonOf(res)).toBe('saml.signature_invalid');
    expect((await state(owner, t)).lastTest.reason.message).toMatch(/altered after the IdP signed it/);
  });

  it('refuses the same response twice: the second use is a replay and changes nothing', async () => {
    const { res, form } = await attempt();
    expect(res.headers.location).toContain('result=ok');
    const again = await postAcs(t, form);
    expect(reasonOf(again)).toBe('saml.replayed');
    expect((await state(owner, t)).status).toBe('active');
  });

  it('does not switch SSO back on when a test is answered after an admin disabled it', async () => {
    const form = await idp.respond(metadata, await startTest(owner, t), OWNER);
    await owner.request('POST', ssoUrl(t, '/disable'));
    expect(reasonOf(await postAcs(t, form))).toBe('sign_in.unavailable');
    expect((await state(owner, t)).status).toBe('disabled');
  });

  it('refuses a sign-in without an email address', async () => {
    const { res } = await attempt({}, { nameId: 'opaque-id-123' });
    expect(reasonOf(res)).toBe('identity.email_missing');
    expect((await state(owner, t)).status).toBe('failed');
  });

  it('answers a malformed ACS post with a page, and changes nothing', async () => {
    const res = await postAcs(t, { SAMLResponse: Buffer.from('<not-saml/>').toString('base64') });
    expect(res.statusCode).toBe(400);
    expect(reasonOf(res)).toBe('saml.malformed');
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const empty = await t.app.inject({ method: 'POST', url: `/sso/${t.teamId}/saml/acs`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect((await state(owner, t)).status).toBe('draft');
  });

  it('refuses a response posted to another team\'s ACS: the request belongs to this team', async () => {
    const other = await t.services.teams.create({ slug: `other-saml-${dialect}` });
    const form = await idp.respond(metadata, await startTest(owner, t), OWNER);
    const res = await postAcs(t, form, other.id);
    expect(res.statusCode).toBe(400);
    expect(reasonOf(res)).toBe('sign_in.unavailable');
  });

  it('takes the IdP metadata from a URL, and says why when it cannot', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/metadata') res.writeHead(200, { 'content-type': 'application/xml' }).end(idp.metadata());
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await configure(owner, t, { kind: 'saml', metadataUrl: `${base}/metadata` });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().config).toMatchObject({ metadataUrl: `${base}/metadata`, idpEntityId: SAML_IDP_ENTITY });
      const missing = await configure(owner, t, { kind: 'saml', metadataUrl: `${base}/nope` });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error).toMatchObject({ code: 'sso.metadata_unavailable', message: expect.stringContaining('HTTP 404') });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('takes the three fields by hand, and refuses a certificate that is not one', async () => {
    const manual = await configure(owner, t, { kind: 'saml', idpEntityId: SAML_IDP_ENTITY, ssoUrl: 'https://idp.example.test/saml/sso', certificate: OTHER_CERT });
    expect(manual.statusCode).toBe(200);
    expect(manual.json().config.certificates[0].subject).toBe('CN=Rollcall test other-idp');
    const bad = await configure(owner, t, { kind: 'saml', idpEntityId: SAML_IDP_ENTITY, ssoUrl: 'https://idp.example.test/saml/sso', certificate: 'not a certificate' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('sso.invalid_config');
  });
});
