import { describe, expect, it } from 'vitest';
import { identityFrom } from './identity-claims.js';

describe('identityFrom: where IdPs put email, name and groups', () => {
  it('reads Entra ID\'s claim URIs (SAML)', () => {
    const id = identityFrom('nameid-1', {
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'bjensen@contoso.com',
      'http://schemas.microsoft.com/identity/claims/displayname': 'Barbara Jensen',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': 'bjensen@contoso.onmicrosoft.com',
      'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups': ['g-1', 'g-2'],
    }, {});
    expect(id).toMatchObject({ subject: 'nameid-1', email: 'bjensen@contoso.com', name: 'Barbara Jensen', groups: ['g-1', 'g-2'] });
  });

  it('reads Okta / Google attribute names without regard to case, and joins first and last names', () => {
    expect(identityFrom('x', { Email: 'a@b.example', firstName: 'Ann', lastName: 'Bee', groups: 'Sales' }, {})).toMatchObject({ email: 'a@b.example', name: 'Ann Bee', groups: ['Sales'] });
  });

  it('prefers the names an admin configured', () => {
    expect(identityFrom('x', { mail: 'old@b.example', workEmail: 'new@b.example' }, { email: 'workEmail' }).email).toBe('new@b.example');
  });

  it('falls back to an email-shaped NameID, and leaves email null otherwise', () => {
    expect(identityFrom('a@b.example', {}, {}, 'a@b.example').email).toBe('a@b.example');
    expect(identityFrom('00u1abc', {}, {}, '00u1abc').email).toBeNull();
    expect(identityFrom('x', { email: 'not an email' }, {}).email).toBeNull();
  });

  it('carries email_verified (OIDC Core §5.1) when the IdP sends it', () => {
    expect(identityFrom('s', { email: 'a@b.example', email_verified: false }, {}).emailVerified).toBe(false);
    expect(identityFrom('s', { email: 'a@b.example' }, {})).not.toHaveProperty('emailVerified');
  });
});
