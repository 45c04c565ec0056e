// Fetching what an admin points Rollcall at (SAML metadata URL): https only
// unless insecure http is allowed for development, no redirects (a redirect
// could lead anywhere, http included), a time limit and a size cap, because
// the server makes this request on an admin's say-so.

import { DomainError } from '../domain/errors.js';

export interface FetchRules {
  allowInsecureHttp: boolean;
  timeoutMs: number;
  maxBytes: number;
}

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
  const failed = (why: string) => new DomainError('sso.metadata_unavailable', `could not fetch ${field} ${url.href}: ${why}`);
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(rules.timeoutMs), headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw failed(cause ?? (error as Error).message);
  }
  if (!response.ok) throw failed(`the server answered HTTP ${response.status}`);
  const reader = response.body?.getReader();
  if (!reader) throw failed('the answer has no body');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    size += chunk.byteLength;
    if (size > rules.maxBytes) {
      await reader.cancel();
      throw failed(`the document is larger than ${rules.maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
