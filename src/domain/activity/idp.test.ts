import { describe, expect, it } from 'vitest';
import { detectIdp, detectProbe } from './idp.js';

describe('IdP detection (test/fixtures/idp/CHECKLIST.md)', () => {
  it('knows each IdP by its User-Agent', () => {
    const agents: [string, string][] = [
      ['Okta SCIM Client 1.0.0', 'okta'],
      ['Microsoft.Identity.Provisioning/1.0', 'entra'],
      ['Azure AD Provisioning', 'entra'],
      ['OneLogin SCIM', 'onelogin'],
      ['JumpCloud SCIM Client', 'jumpcloud'],
      ['PingFederate/11.2', 'ping'],
      ['Google-Auto-Provisioning', 'google'],
      ['authentik@2024.8', 'authentik'],
      ['curl/8.5.0', 'unknown'],
    ];
    for (const [agent, idp] of agents) expect(detectIdp(agent), agent).toBe(idp);
  });

  it('falls back on the shape of the request', () => {
    expect(detectIdp(undefined, { Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })).toBe('entra');
    expect(detectIdp(undefined, { schemas: ['http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'] })).toBe('entra');
    expect(detectIdp(undefined, { schemas: ['urn:scim:schemas:core:1.0'], userName: 'x' })).toBe('onelogin');
    expect(detectIdp(undefined, { Operations: [{ op: 'replace', path: 'active', value: false }] })).toBe('unknown');
    expect(detectIdp(undefined)).toBe('unknown');
  });

  it('recognises the IdPs\' test-connection calls', () => {
    const q = (s: string) => new URLSearchParams(s);
    expect(detectProbe('GET', '/Users', q('startIndex=1&count=2'))).toBe('okta');
    expect(detectProbe('GET', '/Users', q('filter=userName eq "0c5c1b2a-6f1e-4f1e-9c51-7d1b0f2c3a4b"'))).toBe('guid-lookup');
    expect(detectProbe('GET', '/Groups', q('excludedAttributes=members&filter=displayName eq "0C5C1B2A-6F1E-4F1E-9C51-7D1B0F2C3A4B"'))).toBe('guid-lookup');
    expect(detectProbe('GET', '/ServiceProviderConfig', q(''))).toBe('discovery');
    expect(detectProbe('GET', '/Users', q('filter=userName eq "bjensen@example.com"'))).toBeNull();
    expect(detectProbe('GET', '/Users', q('filter=externalId eq "0c5c1b2a-6f1e-4f1e-9c51-7d1b0f2c3a4b"'))).toBeNull();
    expect(detectProbe('GET', '/Users', q('startIndex=1&count=100'))).toBeNull();
    expect(detectProbe('POST', '/Users', q(''))).toBeNull();
  });
});
