import { describe, expect, it } from 'vitest';
import { createAddressPolicy, isPublicAddress, parseCidr } from './address-policy.js';
import { formatIp, parseIp, parseIpv4 } from './ip-address.js';

const v4 = (text: string) => [...(parseIpv4(text) ?? [])].join('.');

describe('IPv4 textual forms', () => {
  it('reads every form inet_aton and the URL parser take', () => {
    for (const form of ['127.0.0.1', '127.1', '127.0.1', '0x7f.1', '0x7f.0.0.1', '2130706433', '0x7f000001', '017700000001', '0177.0.0.1', '0177.0.0.01', '127.0.0.1.']) {
      expect(v4(form), form).toBe('127.0.0.1');
    }
    expect(v4('0')).toBe('0.0.0.0');
    expect(v4('4294967295')).toBe('255.255.255.255');
  });

  it('is not fooled into reading names or out-of-range numbers as addresses', () => {
    for (const text of ['example.com', '4294967296', '256.0.0.1', '1.2.3.4.5', '08.0.0.1', '1e3', '', '..', '0x1g']) expect(parseIpv4(text), text).toBeUndefined();
  });

  it('reads IPv6 with compression, a dotted tail, brackets and a zone', () => {
    expect(formatIp(parseIp('[::ffff:127.0.0.1]')!)).toBe('0:0:0:0:0:ffff:7f00:1');
    expect(formatIp(parseIp('fe80::1%eth0')!)).toBe('fe80:0:0:0:0:0:0:1');
    expect(parseIp('2001:db8::g')).toBeUndefined();
  });
});

describe('isPublicAddress', () => {
  const refused = [
    // IPv4 in every spelling, and each special-purpose range
    '127.0.0.1', '127.1', '0x7f.1', '2130706433', '0177.0.0.1', '127.255.255.254',
    '0.0.0.0', '0.1.2.3', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.1.1',
    '100.64.0.1', '100.127.255.255', '169.254.169.254', '169.254.0.1', '192.0.0.8', '192.0.2.1', '198.18.0.1', '198.51.100.7', '203.0.113.9',
    '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255',
    // IPv6
    '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'febf::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '[::ffff:127.0.0.1]',
    '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::127.0.0.1', '64:ff9b::a00:1', '64:ff9b::c0a8:101', '2002:7f00:1::', '2002:a00:1::1', '2002:c0a8:101::',
    '::127.0.0.1', '::8.8.8.8', '64:ff9b:1::1', '100::1', '2001::1', '2001:db8::1', '3fff::1', '::ffff:0:7f00:1',
    // not an address at all
    'localhost', 'example.com', '',
  ];
  it('refuses private, loopback, link-local, reserved, mapped, translated and encoded forms', () => {
    for (const ip of refused) expect(isPublicAddress(ip), ip).toBe(false);
  });

  it('allows public unicast, also when mapped, NAT64 or 6to4 of a public address', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '169.253.0.1', '2606:4700::1111', '2a00:1450::1', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) {
      expect(isPublicAddress(ip), ip).toBe(true);
    }
  });
});

describe('the operator allowlist', () => {
  it('adds ranges to what is public, for IPv4 (also when mapped) and IPv6', () => {
    const policy = createAddressPolicy(['10.20.0.0/16', '127.0.0.1', 'fd00::/8']);
    expect(policy.allows('10.20.3.4')).toBe(true);
    expect(policy.allows('::ffff:10.20.3.4')).toBe(true);
    expect(policy.allows('127.0.0.1')).toBe(true);
    expect(policy.allows('fd00::5')).toBe(true);
    expect(policy.allows('8.8.8.8')).toBe(true);
    for (const ip of ['10.21.0.1', '127.0.0.2', '169.254.169.254', 'fe80::1', '::1']) expect(policy.allows(ip), ip).toBe(false);
    expect(createAddressPolicy().allows('10.20.3.4')).toBe(false);
  });

  it('takes only unambiguous ranges', () => {
    for (const bad of ['10/8', '10.0.0.0/33', 'fd00::/129', 'example.com/24', '10.0.0.0/8/8', '0x0a.0.0.0/8']) expect(() => parseCidr(bad), bad).toThrow(/not an IP address or CIDR/);
  });
});
