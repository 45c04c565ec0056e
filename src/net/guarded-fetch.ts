// A `fetch` for libraries that take one (openid-client's customFetch) whose
// every request goes through outboundRequest: allowed addresses only, no
// redirects followed (the 3xx itself is the answer, as `redirect: 'manual'`
// asks), a time limit and a size cap. Any failure to get an answer is one
// uniform error, so callers cannot tell a closed port from a filtered one.

import { outboundRequest, type Egress } from './outbound-request.js';

export class FetchFailed extends Error {
  readonly code = 'FETCH_FAILED';
  constructor(
    url: string,
    readonly refused: boolean,
  ) {
    super(refused ? `could not fetch ${url}: the host is not a public address` : `could not fetch ${url}`);
  }
}

function bodyOf(body: unknown): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof URLSearchParams) return Buffer.from(String(body));
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(new Uint8Array(body));
  throw new TypeError('unsupported request body');
}

export function createGuardedFetch(egress: Egress, limits: { timeoutMs: number; maxBytes: number }) {
  return async (input: string | URL, init: { method?: string; headers?: Record<string, string>; body?: unknown; signal?: AbortSignal | null } = {}): Promise<Response> => {
    const url = new URL(String(input));
    let answer;
    try {
      answer = await outboundRequest(egress, {
        url,
        method: init.method ?? 'GET',
        headers: init.headers ?? {},
        body: bodyOf(init.body),
        timeoutMs: limits.timeoutMs,
        maxBytes: limits.maxBytes,
        signal: init.signal ?? undefined,
      });
    } catch (error) {
      throw new FetchFailed(url.href, (error as { code?: string }).code === 'EGRESS_REFUSED');
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      for (const v of ([] as string[]).concat(value ?? [])) headers.append(name, v);
    }
    const empty = answer.status === 204 || answer.status === 304 || answer.status < 200;
    return new Response(empty ? null : new Uint8Array(answer.body), { status: answer.status, headers });
  };
}
