// The check made when an admin saves a URL Rollcall will call later (a
// webhook endpoint): a literal internal address, or a name that resolves
// only to internal addresses, is refused at once with a clear message. A
// name that does not resolve (yet), or a slow resolver, is accepted: the
// guarded lookup checks again at every connection, which is what protects.

import type { AddressPolicy } from './address-policy.js';
import { EgressRefused, resolveAllowed, systemResolve, type Resolve } from './guarded-lookup.js';

/** The reason a URL's destination is refused, or null. */
export type DestinationCheck = (url: string) => Promise<string | null>;

const RESOLVE_LIMIT_MS = 3000;

export function createDestinationCheck(policy: AddressPolicy, resolve: Resolve = systemResolve): DestinationCheck {
  return async (value) => {
    const host = new URL(value).hostname;
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<null>((done) => (timer = setTimeout(() => done(null), RESOLVE_LIMIT_MS)));
    try {
      await Promise.race([resolveAllowed(host, policy, resolve), slow]);
      return null;
    } catch (error) {
      if (error instanceof EgressRefused) return `${host} is not a public address: Rollcall does not call private, loopback, link-local or other internal addresses (an operator can allow ranges with ROLLCALL_OUTBOUND_ALLOW_CIDRS)`;
      return null;
    } finally {
      clearTimeout(timer);
    }
  };
}
