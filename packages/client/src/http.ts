// One typed request function over the generated `paths`: the path template,
// its parameters, query and body, and the success body are all the spec's
// types, so a method of this client cannot ask for a route the spec lacks.

import type { paths } from './schema.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The operation a path serves for a method. */
export type Operation<P extends keyof paths, M extends Method> = paths[P][M & keyof paths[P]];

/** The paths that serve a method. */
export type PathsFor<M extends Method> = { [P in keyof paths]: paths[P][M & keyof paths[P]] extends { responses: unknown } ? P : never }[keyof paths];

type Parameters<O> = O extends { parameters: infer P } ? P : never;
export type PathParams<O> = Parameters<O> extends { path: infer X } ? X : never;
export type QueryParams<O> = Parameters<O> extends { query?: infer Q } ? Q : never;
export type RequestBody<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
/** The JSON of every 2xx answer the operation declares. */
export type SuccessBody<O> = O extends { responses: infer R } ? { [S in keyof R]: S extends 200 | 201 | 202 ? JsonOf<R[S]> : S extends 204 ? undefined : never }[keyof R] : never;

/** An answer that is not 2xx, with the API's error body (docs/api.md). */
export class RollcallError extends Error {
  override name = 'RollcallError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  /** Where Rollcall runs, e.g. `https://rollcall.internal:8080`. */
  baseUrl: string;
  /** A host API key (`rck_…`): installation-wide, or bound to one team. */
  apiKey: string;
  /** Replaces the global fetch (tests, proxies, custom agents). */
  fetch?: typeof fetch;
  /**
   * How many times a request refused with 429 or 503 is sent again (after
   * Retry-After). Both are answered before Rollcall does any work, so retrying
   * is safe for every method. Default 2.
   */
  retries?: number;
  /** The longest wait for one Retry-After, in milliseconds. Default 10 s. */
  maxRetryDelayMs?: number;
}

interface RequestOptions {
  path?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

export type Requester = <M extends Method, P extends PathsFor<M>>(
  method: M,
  path: P,
  options: { path?: PathParams<Operation<P, M>>; query?: QueryParams<Operation<P, M>>; body?: RequestBody<Operation<P, M>>; signal?: AbortSignal },
) => Promise<SuccessBody<Operation<P, M>>>;

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

export function createRequester(options: ClientOptions): Requester {
  const base = options.baseUrl.replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
  const retries = options.retries ?? 2;
  const maxDelay = options.maxRetryDelayMs ?? 10_000;
  return (async (method: Method, template: string, request: RequestOptions) => {
    const url = new URL(base + template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = request.path?.[name];
      if (value === undefined || value === '') throw new TypeError(`missing path parameter ${name}`);
      return encodeURIComponent(value);
    }));
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}`, accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    for (let attempt = 0; ; attempt++) {
      const response = await send(url, { method: method.toUpperCase(), headers, body: request.body === undefined ? undefined : JSON.stringify(request.body), signal: request.signal });
      if ((response.status === 429 || response.status === 503) && attempt < retries) {
        const seconds = Number(response.headers.get('retry-after'));
        await response.body?.cancel();
        await wait(Math.min(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000, maxDelay), request.signal);
        continue;
      }
      const text = await response.text();
      const body: unknown = text === '' ? undefined : JSON.parse(text);
      if (response.ok) return body;
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new RollcallError(response.status, error?.code ?? `http.${response.status}`, error?.message ?? `${method.toUpperCase()} ${url.pathname} answered ${response.status}`, response.headers.get('x-request-id') ?? undefined, body);
    }
  }) as Requester;
}
