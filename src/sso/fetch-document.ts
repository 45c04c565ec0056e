// Fetching what an admin points Rollcall at (SAML metadata URL): https only
// unless insecure http is allowed for development, public addresses only
// unless the operator allowed a range (net/address-policy.ts), no redirects
// (a redirect could lead anywhere, http included), a time limit and a size
// cap, because the server makes this request on an admin's say-so. Network
// failures all read "could not fetch": the error must not tell an open
// port from a closed one.

import { DomainError } from '../domain/errors.js';
import { outboundRequest, type Egress } from '../net/outbound-request.js';

export interface FetchRules {
  allowInsecureHttp: boolean;
  timeoutMs: number;
  maxBytes: number;
  egress: Egress;
}

export const REFUSED = 'the host is not a public address (an operator can allow internal ranges with ROLLCALL_OUTBOUND_ALLOW_CIDRS)';

/** The URL if its scheme is allowed, else a DomainError naming the field. */
export function checkedUrl(value: string, field: string, allowInsecureHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DomainError('sso.invalid_config', `${field} is not a URL: "${value}"`);
  }
  if (url.protocol === 'https:' || (allowInsecureHttp && url.protocol === 'http:')) return url;
  throw new DomainError('sso.invalid_config', `${field} must be an https:// URL (got "${value}")`);
}

export async function fetchDocument(value: string, field: string, rules: FetchRules): Promise<string> {
  const url = checkedUrl(value, field, rules.allowInsecureHttp);
  const failed = (why?: string) => new DomainError('sso.metadata_unavailable', `could not fetch ${field} ${url.href}${why ? `: ${why}` : ''}`);
  let answer;
  try {
    answer = await outboundRequest(rules.egress, {
      url,
      method: 'GET',
      headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' },
      timeoutMs: rules.timeoutMs,
      maxBytes: rules.maxBytes,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EGRESS_REFUSED') throw failed(REFUSED);
    if (code === 'ANSWER_TOO_LARGE') throw failed(`the document is larger than ${rules.maxBytes} bytes`);
    // One message for every network failure: refused, reset, unreachable and
    // timed out look alike, so the error cannot map ports.
    throw failed();
  }
  if (answer.status >= 300 && answer.status < 400) throw failed(`the server answered HTTP ${answer.status} (redirects are not followed)`);
  if (answer.status < 200 || answer.status >= 300) throw failed(`the server answered HTTP ${answer.status}`);
  return answer.body.toString('utf8');
}
