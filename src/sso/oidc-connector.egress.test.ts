import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcConnector } from './oidc-connector.js';
import { createAddressPolicy } from '../net/address-policy.js';
import { spEndpoints } from '../domain/sso/types.js';

// An issuer whose discovery document sends the token request somewhere
// internal: every request openid-client makes goes through the address
// policy, not only discovery.
describe('the OIDC connector\'s requests after discovery', () => {
  let server: http.Server;
  let issuer: string;
  let tokenHits = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const port = (server.address() as AddressInfo).port;
      if (req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            issuer,
            authorization_endpoint: `${issuer}/auth`,
            token_endpoint: `http://127.0.0.2:${port}/token`,
            jwks_uri: 'http://169.254.169.254/latest/meta-data/',
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      } else if (req.url === '/moved/.well-known/openid-configuration') {
        res.writeHead(302, { location: '/.well-known/openid-configuration' }).end();
      } else {
        tokenHits++;
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const connector = () => createOidcConnector({ clockSkewMs: 60_000, allowInsecureHttp: true, timeoutMs: 5000, maxBytes: 100_000, egress: { policy: createAddressPolicy(['127.0.0.1/32']) } });

  it('refuses a token endpoint on an address the policy does not allow', async () => {
    const oidc = connector();
    const config = await oidc.prepare({ kind: 'oidc', issuer, clientId: 'rollcall', clientSecret: 'secret-0123456789' });
    const refusal = oidc.exchange(config, spEndpoints('http://127.0.0.1:8080', 'team'), 'code=abc&state=s1', { state: 's1', nonce: 'n', codeVerifier: 'v'.repeat(43) });
    await expect(refusal).rejects.toMatchObject({ reason: 'oidc.token_exchange_failed', detail: expect.stringMatching(/could not fetch http:\/\/127\.0\.0\.2:\d+\/token: the host is not a public address/) });
    expect(tokenHits).toBe(0);
  });

  it('does not follow a redirect from the discovery document\'s address', async () => {
    await expect(connector().prepare({ kind: 'oidc', issuer: `${issuer}/moved`, clientId: 'rollcall', clientSecret: 'secret-0123456789' })).rejects.toMatchObject({ code: 'sso.discovery_failed' });
  });
});
