// RFC 6750 §5.3: which URLs carry a token in the query, and how they are logged.

import { describe, expect, it } from 'vitest';
import { hasQuerySecret, redactQuerySecrets } from './redact-query-secrets.js';

describe('query secrets', () => {
  it('finds access_token in any case or percent-encoding, even empty, and only in the query', () => {
    expect(hasQuerySecret('/Users?access_token=x')).toBe(true);
    expect(hasQuerySecret('/Users?count=1&Access_Token=x')).toBe(true);
    expect(hasQuerySecret('/Users?access%5Ftoken=x')).toBe(true);
    expect(hasQuerySecret('/Users?access_token')).toBe(true);
    expect(hasQuerySecret('/access_token=x')).toBe(false);
    expect(hasQuerySecret('/Users?filter=access_token%20eq%20%22x%22')).toBe(false);
  });

  it('replaces the value and leaves the rest of the URL alone', () => {
    expect(redactQuerySecrets('/Users?count=1&access_token=rcs_abc&x=2')).toBe('/Users?count=1&access_token=[redacted]&x=2');
    expect(redactQuerySecrets('/Users?ACCESS_TOKEN=a&access_token=b')).toBe('/Users?ACCESS_TOKEN=[redacted]&access_token=[redacted]');
    expect(redactQuerySecrets('/Users?count=1')).toBe('/Users?count=1');
  });

  it('agrees with splitting and decoding every parameter name, whatever the spelling', () => {
    const SECRET = new Set(['access_token', 'client_secret', 'portal_token']);
    const reference = (url: string) => {
      const query = url.indexOf('?');
      if (query < 0) return false;
      return url.slice(query + 1).split('&').some((part) => {
        const name = part.split('=', 1)[0].replace(/\+/g, ' ');
        let decoded: string;
        try {
          decoded = decodeURIComponent(name);
        } catch {
          decoded = name;
        }
        return SECRET.has(decoded.toLowerCase());
      });
    };
    const names = ['access_token', 'ACCESS_TOKEN', 'access%5Ftoken', 'access%5ftoken', '%61ccess_token', 'client_secret', 'Client_Secret', 'portal_token', 'portal%5Ftoken',
      'access_tokens', 'access_toke', 'access+token', 'access%20token', 'access_token%', 'filter', 'count', '', '%E0%A4%A', 'portal_token=', 'x'];
    const values = ['', '=', '=v', '=access_token', '=a=b', '=%22x%22'];
    const urls = ['/Users', '/Users?', '/Users?&', '/access_token=x', '/a?filter=userName%20eq%20%22access_token%22'];
    for (const a of names) for (const v of values) {
      urls.push(`/Users?${a}${v}`, `/Users?count=1&${a}${v}`, `/Users?${a}${v}&count=2`, `/Users?&${a}${v}&`);
    }
    for (const url of urls) expect(hasQuerySecret(url), url).toBe(reference(url));
  });
});
