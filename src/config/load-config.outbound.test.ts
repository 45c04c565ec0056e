import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('ROLLCALL_OUTBOUND_ALLOW_CIDRS', () => {
  it('is empty by default, reads a comma-separated list, and refuses what is not a range', () => {
    expect(loadConfig({}, []).outboundAllowCidrs).toEqual([]);
    expect(loadConfig({ ROLLCALL_OUTBOUND_ALLOW_CIDRS: ' 10.20.0.0/16, fd00:1::/64 ,192.168.1.7' }, []).outboundAllowCidrs).toEqual(['10.20.0.0/16', 'fd00:1::/64', '192.168.1.7']);
    for (const bad of ['10/8', '10.0.0.0/40', 'intranet']) {
      expect(() => loadConfig({ ROLLCALL_OUTBOUND_ALLOW_CIDRS: bad }, []), bad).toThrow(ConfigError);
    }
  });
});
