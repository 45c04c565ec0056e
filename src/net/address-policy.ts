// Which addresses Rollcall may connect to on an admin's say-so (webhook
// URLs, SSO metadata and discovery URLs): public unicast only, unless the
// operator allows more. The blocked ranges are the IANA special-purpose
// registries (RFC 6890 and its updates): private (RFC 1918, RFC 4193),
// loopback, link-local (cloud metadata at 169.254.169.254), CGNAT
// (RFC 6598), multicast, reserved, documentation, benchmarking. IPv6 forms
// that carry an IPv4 address (mapped ::ffff:0:0/96, NAT64 64:ff9b::/96,
// 6to4 2002::/16) are judged by that IPv4 address; IPv4-compatible ::/96
// is deprecated (RFC 4291 §2.5.5.1) and refused, as is everything outside
// global unicast 2000::/3.

import { parseIp, type ParsedIp } from './ip-address.js';

interface Cidr {
  family: 4 | 6;
  bytes: Uint8Array;
  prefix: number;
}

function inPrefix(bytes: Uint8Array, cidr: Cidr): boolean {
  if (bytes.length !== cidr.bytes.length) return false;
  for (let bit = 0; bit < cidr.prefix; bit += 8) {
    const take = Math.min(8, cidr.prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((bytes[bit / 8] & mask) !== (cidr.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

/**
 * `10.0.0.0/8`, `fd00::/8`, or a single address; throws on anything else.
 * IPv4 must be four decimal parts here: `10/8` would read as 0.0.0.10.
 */
export function parseCidr(text: string): Cidr {
  const [address, length, extra] = text.trim().split('/');
  const plainForm = address.includes(':') || /^\d{1,3}(\.\d{1,3}){3}$/.test(address);
  const ip = extra === undefined && plainForm ? parseIp(address) : undefined;
  const max = ip?.family === 4 ? 32 : 128;
  const prefix = length === undefined ? max : /^\d{1,3}$/.test(length) ? Number(length) : NaN;
  if (!ip || !(prefix >= 0 && prefix <= max)) throw new Error(`"${text}" is not an IP address or CIDR range (like 10.0.0.0/8 or fd00::/8)`);
  return { family: ip.family, bytes: ip.bytes, prefix };
}

const cidrs = (list: string[]) => list.map(parseCidr);

const BLOCKED_V4 = cidrs([
  '0.0.0.0/8', // "this network"; 0.0.0.0 reaches the local host
  '10.0.0.0/8',
  '100.64.0.0/10', // carrier-grade NAT
  '127.0.0.0/8',
  '169.254.0.0/16', // link-local, cloud metadata services
  '172.16.0.0/12',
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24',
  '192.88.99.0/24', // 6to4 relay anycast
  '192.168.0.0/16',
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, and 255.255.255.255
]);

const GLOBAL_UNICAST = parseCidr('2000::/3');
const BLOCKED_V6 = cidrs(['2001::/23', '2001:db8::/32', '3fff::/20', '5f00::/16']);
const MAPPED = parseCidr('::ffff:0:0/96');
const COMPATIBLE = parseCidr('::/96');
const NAT64 = parseCidr('64:ff9b::/96');
const SIX_TO_FOUR = parseCidr('2002::/16');

/** The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4), if any. */
function embeddedIpv4(bytes: Uint8Array): Uint8Array | undefined {
  if (inPrefix(bytes, MAPPED) || inPrefix(bytes, NAT64)) return bytes.slice(12, 16);
  if (inPrefix(bytes, SIX_TO_FOUR)) return bytes.slice(2, 6);
  return undefined;
}

/** IPv4-mapped IPv6 as the IPv4 address it is; anything else unchanged. */
function unmapped(ip: ParsedIp): ParsedIp {
  return ip.family === 6 && inPrefix(ip.bytes, MAPPED) ? { family: 4, bytes: ip.bytes.slice(12, 16) } : ip;
}

function publicV4(bytes: Uint8Array): boolean {
  return !BLOCKED_V4.some((c) => inPrefix(bytes, c));
}

/** True for a public unicast address; false for any special-purpose one or for text that is not an address. */
export function isPublicAddress(text: string): boolean {
  const ip = parseIp(text);
  if (!ip) return false;
  if (ip.family === 4) return publicV4(ip.bytes);
  const v4 = embeddedIpv4(ip.bytes);
  if (v4) return publicV4(v4);
  if (inPrefix(ip.bytes, COMPATIBLE)) return false;
  return inPrefix(ip.bytes, GLOBAL_UNICAST) && !BLOCKED_V6.some((c) => inPrefix(ip.bytes, c));
}

export interface AddressPolicy {
  /** Public, or inside a range the operator allowed. */
  allows(address: string): boolean;
}

/** Public addresses, plus the operator's allowed ranges (on-premises receivers and IdPs). */
export function createAddressPolicy(allowed: string[] = []): AddressPolicy {
  const extra = cidrs(allowed.filter((c) => c.trim() !== ''));
  return {
    allows(address) {
      if (isPublicAddress(address)) return true;
      const ip = parseIp(address);
      if (!ip) return false;
      const plain = unmapped(ip);
      return extra.some((c) => c.family === plain.family && inPrefix(plain.bytes, c));
    },
  };
}
