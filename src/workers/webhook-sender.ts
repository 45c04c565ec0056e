// The one outbound HTTP call of webhooks: a POST to exactly the configured
// URL. Redirects are not followed (a 3xx is a failed attempt), the whole
// exchange has a time limit, and at most a short excerpt of the answer is
// kept for the attempt log.

import http from 'node:http';
import https from 'node:https';
import type { SendWebhook } from '../domain/webhooks-delivery.js';

const EXCERPT_BYTES = 1024;

export const sendWebhook: SendWebhook = ({ url, headers, body, timeoutMs }) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const payload = Buffer.from(body);
    const request = client.request(target, { method: 'POST', headers: { ...headers, 'content-length': String(payload.length) }, agent: false }, (response) => {
      const parts: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < EXCERPT_BYTES) parts.push(chunk.subarray(0, EXCERPT_BYTES - size));
        size += chunk.length;
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, excerpt: Buffer.concat(parts).toString('utf8') });
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(describe(error)));
    });
    request.end(payload);
  });

function describe(error: Error & { code?: string }): string {
  switch (error.code) {
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
