// One keep-alive connection to one server, one request in flight at a time:
// the way most IdPs push (Okta, Entra ID and OneLogin send sequentially).

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

export function createHttpClient(port: number, headers: Record<string, string> = {}): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

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
            accept: 'application/scim+json',
            ...(payload !== undefined ? { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(payload) } : {}),
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
