// Keep-alive connections to one server. By default one, with one request in
// flight at a time: the way most IdPs push (Okta, Entra ID and OneLogin send
// sequentially). `sockets: N` lets N requests run at once on N connections,
// the way a host product calls the API from many workers.

import http from 'node:http';

export interface HttpResponse {
  status: number;
  text: string;
}

export interface HttpClient {
  send(method: string, path: string, body?: unknown): Promise<HttpResponse>;
  /** Sends and fails loudly unless the status is `expected`; returns the parsed JSON body, if any. */
  expect<T = unknown>(expected: number, method: string, path: string, body?: unknown): Promise<T>;
  close(): void;
}

export interface HttpClientOptions {
  /** Keep-alive connections, so as many requests in flight (default 1). */
  sockets?: number;
  /** The media type sent and accepted: SCIM's (default) or plain JSON (the host API). */
  mediaType?: string;
}

export function createHttpClient(port: number, headers: Record<string, string> = {}, options: HttpClientOptions = {}): HttpClient {
  const sockets = Math.max(1, options.sockets ?? 1);
  const mediaType = options.mediaType ?? 'application/scim+json';
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });

  function send(method: string, path: string, body?: unknown): Promise<HttpResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          // The caller's headers win, so a client of a plain-JSON API can say so.
          headers: {
            accept: mediaType,
            ...(payload !== undefined ? { 'content-type': mediaType, 'content-length': Buffer.byteLength(payload) } : {}),
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  return {
    send,
    async expect<T>(expected: number, method: string, path: string, body?: unknown): Promise<T> {
      const response = await send(method, path, body);
      if (response.status !== expected) {
        throw new Error(`${method} ${path} answered ${response.status}, expected ${expected}: ${response.text.slice(0, 500)}`);
      }
      return (response.text ? JSON.parse(response.text) : undefined) as T;
    },
    close: () => agent.destroy(),
  };
}
