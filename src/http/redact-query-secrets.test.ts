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
});
