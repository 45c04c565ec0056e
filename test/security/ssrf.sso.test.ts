// SSRF through SSO configuration (issue 10): the SAML metadata URL and the
// OIDC issuer (discovery, then JWKS and token endpoints) are fetched by the
// server on an admin's say-so. Internal destinations are refused in every
// spelling and through names that resolve inside, and the error is the same
// whether an internal port is open or closed.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { configure } from '../sso/helpers/sso-flow.js';
import type { Resolve } from '../../src/net/guarded-lookup.js';

const resolve: Resolve = async (host) => {
  if (host === 'idp.inside.test') return [{ address: '192.168.10.20', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};

const INTERNAL_HOSTS = ['127.0.0.1', '127.1', '0x7f.1', '2130706433', '0177.0.0.1', '0.0.0.0', 'localhost', 'app.localhost', '10.0.0.1', '172.16.0.1', '192.168.0.1', '100.64.0.1', '169.254.169.254', '[::1]', '[fd00::1]', '[fe80::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[64:ff9b::a9fe:a9fe]', '[2002:a9fe:a9fe::]', 'idp.inside.test'];

describe.each(DIALECTS)('SSO fetches refuse internal destinations (%s)', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let server: http.Server;
  let openPort: number;
  let closedPort: number;
  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { sso: { allowInsecureHttp: true }, egress: { allowCidrs: [], resolve } } });
    owner = await signInAdmin(t, `sso-ssrf-${dialect}@example.com`);
    server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('internal'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    openPort = (server.address() as AddressInfo).port;
    const closed = http.createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('refuses a SAML metadata URL on an internal address', async () => {
    for (const host of INTERNAL_HOSTS) {
      const res = await configure(owner, t, { kind: 'saml', metadataUrl: `http://${host}/metadata` });
      expect(res.statusCode, host).toBe(400);
      expect(res.json().error, host).toMatchObject({ code: 'sso.metadata_unavailable', message: expect.stringMatching(/^could not fetch metadataUrl .*: the host is not a public address/) });
    }
  });

  it('refuses an OIDC issuer on an internal address', async () => {
    for (const host of INTERNAL_HOSTS) {
      const res = await configure(owner, t, { kind: 'oidc', issuer: `http://${host}/realms/x`, clientId: 'rollcall', clientSecret: 'secret-0123456789' });
      expect(res.statusCode, host).toBe(400);
      expect(res.json().error, host).toMatchObject({ code: 'sso.discovery_failed', message: expect.stringMatching(/could not fetch: the host is not a public address/) });
    }
  });

  it('answers an open and a closed internal port alike', async () => {
    const message = async (body: unknown) => {
      const res = await configure(owner, t, body);
      return String(res.json().error.message).replaceAll(String(openPort), 'PORT').replaceAll(String(closedPort), 'PORT');
    };
    for (const kind of ['saml', 'oidc']) {
      const body = (port: number) => (kind === 'saml' ? { kind, metadataUrl: `http://127.0.0.1:${port}/m` } : { kind, issuer: `http://127.0.0.1:${port}/i`, clientId: 'c', clientSecret: 'secret-0123456789' });
      expect(await message(body(openPort)), kind).toBe(await message(body(closedPort)));
    }
  });
});
