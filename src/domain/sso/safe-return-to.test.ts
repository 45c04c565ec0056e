import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './safe-return-to.js';
import { requestIdFor, startedHere } from './browser-binding.js';
import type { SsoRequestRecord } from './store.js';

describe('returnTo after a sign-in', () => {
  it('keeps plain paths on this server', () => {
    for (const ok of ['/', '/settings?tab=sso', '/#/users/42', '/a/b%20c']) expect(safeReturnTo(ok), ok).toBe(ok);
  });

  it('drops anything else: other hosts, backslashes, CR/LF and other characters a Location header cannot hold', () => {
    for (const bad of ['', 'https://evil.example/', '//evil.example', '/\\evil.example', '/a\\b', '/ok\r\nSet-Cookie: x=1', '/ok\n', '/a b', '/a\tb', '/café', '/x\u0000', 'relative', `/${'a'.repeat(2000)}`, null, undefined]) {
      expect(safeReturnTo(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('the browser binding of a sign-in', () => {
  const request = (kind: 'saml' | 'oidc', purpose: SsoRequestRecord['purpose'], binding: string) => ({ kind, purpose, id: requestIdFor(kind, binding) }) as SsoRequestRecord;

  it('derives ids in the shape each protocol needs, from which the secret cannot be read', () => {
    expect(requestIdFor('saml', 'secret')).toMatch(/^_[0-9a-f]{40}$/);
    expect(requestIdFor('oidc', 'secret')).toMatch(/^[\w-]{43}$/);
    expect(requestIdFor('oidc', 'secret')).not.toContain('secret');
  });

  it('holds for the browser with the secret, among others; never for another; a test needs none', () => {
    expect(startedHere(request('oidc', 'admin', 'mine'), ['other', 'mine'])).toBe(true);
    expect(startedHere(request('saml', 'member', 'mine'), ['other'])).toBe(false);
    expect(startedHere(request('saml', 'admin', 'mine'), [])).toBe(false);
    expect(startedHere(request('saml', 'admin', 'mine'), [requestIdFor('saml', 'mine')])).toBe(false);
    expect(startedHere(request('oidc', 'test', 'mine'), [])).toBe(true);
  });
});
