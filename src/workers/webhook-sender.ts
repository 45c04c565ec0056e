// The one outbound HTTP call of webhooks: a POST to exactly the configured
// URL, to a public address only (or one the operator allowed): the
// destination is resolved, checked and pinned at every attempt
// (net/guarded-lookup.ts), so a name that turned private since the endpoint
// was saved is refused. Redirects are never followed (a 3xx is a failed
// attempt with its status), the whole exchange has a time limit, and the
// answer's body is read and thrown away: the attempt log keeps the status
// and a few harmless headers, never what an internal service might say.

import type { SendWebhook } from '../domain/realtime/webhooks-delivery.js';
import { outboundRequest, type Egress } from '../net/outbound-request.js';

/** Headers of the receiver's answer kept in the attempt log. */
export const SAFE_RESPONSE_HEADERS = ['content-type', 'content-length', 'retry-after'] as const;

const MAX_HEADER_CHARS = 200;

export function createWebhookSender(egress: Egress): SendWebhook {
  return async ({ url, headers, body, timeoutMs }) => {
    let answer;
    try {
      answer = await outboundRequest(egress, { url: new URL(url), method: 'POST', headers, body: Buffer.from(body), timeoutMs, maxBytes: 0 });
    } catch (error) {
      throw new Error(describe(error as Error & { code?: string }));
    }
    const kept: Record<string, string> = {};
    for (const name of SAFE_RESPONSE_HEADERS) {
      const value = answer.headers[name];
      if (typeof value === 'string') kept[name] = value.slice(0, MAX_HEADER_CHARS);
    }
    return { status: answer.status, headers: kept };
  };
}

function describe(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'EGRESS_REFUSED':
      return `refused: ${error.message}; an operator can allow internal ranges with ROLLCALL_OUTBOUND_ALLOW_CIDRS`;
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate problem (${error.code})`;
    default:
      return error.message || error.code || 'request failed';
  }
}
