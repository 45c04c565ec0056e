// IP address text → bytes, for the outbound address policy. IPv4 accepts
// every form inet_aton(3) and the WHATWG URL host parser take (URL Standard
// §3.5 "IPv4 parser"): one to four parts, each decimal, octal (leading 0) or
// hex (0x), the last part filling the remaining bytes, so `127.1`,
// `0x7f.1`, `2130706433` and `0177.0.0.1` are all 127.0.0.1. IPv6 follows
// RFC 4291 §2.2 (`::` compression, a dotted IPv4 tail) and drops a zone id.

import { isIPv6 } from 'node:net';

export interface ParsedIp {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
}

function ipv4Part(part: string): number | undefined {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return parseInt(part.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return undefined;
}

/** Any textual IPv4 form, or undefined when the text is not one. */
export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  // One trailing dot is allowed, as in a fully qualified name.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length < 1 || parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    if (part.length === 0 || part.length > 40) return undefined;
    const value = ipv4Part(part);
    if (value === undefined || !Number.isFinite(value)) return undefined;
    values.push(value);
  }
  const last = values.pop() as number;
  if (values.some((v) => v > 255)) return undefined;
  if (last >= 256 ** (4 - values.length)) return undefined;
  const bytes = new Uint8Array(4);
  values.forEach((v, i) => (bytes[i] = v));
  for (let i = 3, rest = last; i >= values.length; i--, rest = Math.floor(rest / 256)) bytes[i] = rest % 256;
  return bytes;
}

/** An IPv6 address (brackets and zone id allowed), or undefined. */
export function parseIpv6(text: string): Uint8Array | undefined {
  let value = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = value.indexOf('%');
  if (zone >= 0) value = value.slice(0, zone);
  if (!isIPv6(value)) return undefined;
  const words: number[] = [];
  const [head, tail] = value.includes('::') ? value.split('::') : [value, undefined];
  const toWords = (s: string): number[] => {
    if (s === '') return [];
    return s.split(':').flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const v4 = parseIpv4(group) as Uint8Array;
      return [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    });
  };
  const left = toWords(head);
  const right = tail === undefined ? [] : toWords(tail);
  words.push(...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right);
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 0xff;
  });
  return bytes;
}

/** The address in `text` (IPv4 in any form, or IPv6), or undefined for a host name. */
export function parseIp(text: string): ParsedIp | undefined {
  const v6 = parseIpv6(text);
  if (v6) return { family: 6, bytes: v6 };
  const v4 = parseIpv4(text);
  return v4 ? { family: 4, bytes: v4 } : undefined;
}

export function formatIp(ip: ParsedIp): string {
  if (ip.family === 4) return [...ip.bytes].join('.');
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((ip.bytes[i] << 8) | ip.bytes[i + 1]).toString(16));
  return words.join(':');
}
