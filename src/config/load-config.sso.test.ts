import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from './load-config.js';

describe('loadConfig: SSO options', () => {
  it('defaults to a 60 s clock skew and https-only IdP URLs', () => {
    expect(loadConfig({}, []).sso).toEqual({ clockSkewMs: 60_000, allowInsecureHttp: false });
  });

  it('reads ROLLCALL_SSO_CLOCK_SKEW_MS and ROLLCALL_SSO_ALLOW_INSECURE_HTTP, and refuses nonsense', () => {
    expect(loadConfig({ ROLLCALL_SSO_CLOCK_SKEW_MS: '5000', ROLLCALL_SSO_ALLOW_INSECURE_HTTP: 'true' }, []).sso).toEqual({ clockSkewMs: 5000, allowInsecureHttp: true });
    expect(loadConfig({ ROLLCALL_SSO_ALLOW_INSECURE_HTTP: '0' }, []).sso.allowInsecureHttp).toBe(false);
    expect(() => loadConfig({ ROLLCALL_SSO_ALLOW_INSECURE_HTTP: 'yes' }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ ROLLCALL_SSO_CLOCK_SKEW_MS: '-1' }, [])).toThrow(/ROLLCALL_SSO_CLOCK_SKEW_MS/);
  });
});
