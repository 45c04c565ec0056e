// Name resolution for outbound requests that must not reach internal
// addresses. A name is resolved once, every address is checked against the
// policy, and the connection is made to the first allowed address: the
// address that was checked is the one connected to, so a DNS answer that
// changes between check and connect (DNS rebinding) cannot slip a private
// address in. Used as the `lookup` option of http.request / net.connect;
// literal IP hosts never reach a lookup, so requests check them first
// (checkHost).

import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import type { AddressPolicy } from './address-policy.js';
import { formatIp, parseIp } from './ip-address.js';

/** Every address of a name (the system resolver by default; tests inject one). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** A destination the policy does not allow; `code` lets callers tell it from network errors. */
export class EgressRefused extends Error {
  readonly code = 'EGRESS_REFUSED';
  constructor(readonly host: string) {
    super(`${host} is not a public address (private, loopback, link-local and other internal addresses are refused)`);
  }
}

const bare = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

/** `localhost` and `*.localhost` are loopback whatever a resolver says (RFC 6761 §6.3). */
const LOOPBACK_NAME = /(^|\.)localhost\.?$/i;

/** The one address to connect to for `host`, checked; rejects with EgressRefused or the resolver's error. */
export async function resolveAllowed(host: string, policy: AddressPolicy, resolve: Resolve): Promise<LookupAddress> {
  const literal = parseIp(bare(host));
  if (literal) {
    const address = formatIp(literal);
    if (!policy.allows(address)) throw new EgressRefused(host);
    return { address, family: literal.family };
  }
  const addresses = LOOPBACK_NAME.test(host) ? [{ address: '127.0.0.1', family: 4 }] : await resolve(host);
  const allowed = addresses.find((a) => policy.allows(a.address));
  if (!allowed) throw new EgressRefused(host);
  return allowed;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request / net.connect that only ever answers an allowed address. */
export function guardedLookup(policy: AddressPolicy, resolve: Resolve = systemResolve) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolveAllowed(hostname, policy, resolve).then(
      (found) => (options.all ? callback(null, [found]) : callback(null, found.address, found.family)),
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/** Throws EgressRefused when the URL's host is a literal address the policy refuses (names are checked at connect). */
export function checkHost(url: URL, policy: AddressPolicy): void {
  const literal = parseIp(bare(url.hostname));
  if (literal && !policy.allows(formatIp(literal))) throw new EgressRefused(url.hostname);
  if (LOOPBACK_NAME.test(url.hostname) && !policy.allows('127.0.0.1')) throw new EgressRefused(url.hostname);
}
