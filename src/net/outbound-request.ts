// One outbound HTTP(S) request to an address the policy allows: the host is
// checked (literal addresses here, names in the guarded lookup, which pins
// the checked address), redirects are never followed (a 3xx is returned as
// it is), the whole exchange has a time limit, and at most `maxBytes` of
// the answer are read (past it the request is aborted).

import http from 'node:http';
import https from 'node:https';
import type { AddressPolicy } from './address-policy.js';
import { checkHost, guardedLookup, systemResolve, type Resolve } from './guarded-lookup.js';

export interface Egress {
  policy: AddressPolicy;
  resolve?: Resolve;
}

export interface OutboundRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  /** Largest answer body kept; 0 reads and discards it. */
  maxBytes: number;
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The answer was larger than `maxBytes`. */
export class AnswerTooLarge extends Error {
  readonly code = 'ANSWER_TOO_LARGE';
}

export function outboundRequest(egress: Egress, req: OutboundRequest): Promise<OutboundResponse> {
  return new Promise((resolve, reject) => {
    if (req.url.protocol !== 'https:' && req.url.protocol !== 'http:') throw new Error(`unsupported protocol ${req.url.protocol}`);
    checkHost(req.url, egress.policy);
    const client = req.url.protocol === 'https:' ? https : http;
    const headers = { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) };
    // agent: false: a pooled socket could outlive the check it was made under.
    const request = client.request(req.url, { method: req.method, headers, agent: false, lookup: guardedLookup(egress.policy, egress.resolve ?? systemResolve) }, (response) => {
      const parts: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (req.maxBytes === 0) return;
        if (size > req.maxBytes) {
          done(() => reject(new AnswerTooLarge(`the answer is larger than ${req.maxBytes} bytes`)));
          return request.destroy();
        }
        parts.push(chunk);
      });
      response.on('end', () => done(() => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts) })));
      response.on('error', (error) => done(() => reject(error)));
    });
    const onAbort = () => request.destroy(new Error('the request was aborted'));
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${req.timeoutMs} ms`)), req.timeoutMs);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    function done(settle: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      settle();
    }
    request.on('error', (error) => done(() => reject(error)));
    request.end(req.body);
  });
}
