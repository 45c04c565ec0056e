import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedUrl, fetchDocument } from './fetch-document.js';
import { createAddressPolicy } from '../net/address-policy.js';

describe('fetching an admin-given URL', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/big') res.end('x'.repeat(5000));
      else if (req.url === '/moved') res.writeHead(302, { location: '/ok' }).end();
      else res.end('<ok/>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('takes https, and http only when insecure http is allowed', () => {
    expect(checkedUrl('https://idp.example/x', 'issuer', false).hostname).toBe('idp.example');
    expect(() => checkedUrl('http://idp.example/x', 'issuer', false)).toThrow(/issuer must be an https:\/\/ URL/);
    expect(checkedUrl('http://idp.example/x', 'issuer', true).protocol).toBe('http:');
    expect(() => checkedUrl('file:///etc/passwd', 'issuer', true)).toThrow(/https/);
    expect(() => checkedUrl('not a url', 'metadataUrl', true)).toThrow(/metadataUrl is not a URL/);
  });

  it('reads a document, but not one past the size cap, nor through a redirect', async () => {
    const rules = { allowInsecureHttp: true, timeoutMs: 5000, maxBytes: 1000, egress: { policy: createAddressPolicy(['127.0.0.1/32']) } };
    expect(await fetchDocument(`${base}/ok`, 'metadataUrl', rules)).toBe('<ok/>');
    await expect(fetchDocument(`${base}/big`, 'metadataUrl', rules)).rejects.toMatchObject({ code: 'sso.metadata_unavailable', message: expect.stringMatching(/larger than 1000 bytes/) });
    await expect(fetchDocument(`${base}/moved`, 'metadataUrl', rules)).rejects.toMatchObject({ code: 'sso.metadata_unavailable' });
  });

  it('refuses internal addresses unless allowed, and says the same for every network failure', async () => {
    const strict = { allowInsecureHttp: true, timeoutMs: 5000, maxBytes: 1000, egress: { policy: createAddressPolicy() } };
    for (const url of [`${base}/ok`, 'http://169.254.169.254/latest/meta-data/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/', 'http://localhost/']) {
      await expect(fetchDocument(url, 'metadataUrl', strict), url).rejects.toMatchObject({ code: 'sso.metadata_unavailable', message: expect.stringMatching(/not a public address/) });
    }
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const open = { ...strict, egress: { policy: createAddressPolicy(['127.0.0.1/32']) } };
    await expect(fetchDocument(closedUrl, 'metadataUrl', open)).rejects.toMatchObject({ message: `could not fetch metadataUrl ${closedUrl}` });
  });
});
