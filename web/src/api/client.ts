// The admin API (/api/admin), the only thing the dashboard talks to. The
// session cookie rides along by itself; writes echo the session's CSRF token.
// Errors arrive as `{ error: { code, message } }` and become ApiRequestError.

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the session is gone (expired, revoked, signed out elsewhere). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function csrfFromCookie(): string | undefined {
  const match = /(?:^|;\s*)rollcall_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]) : undefined;
}

export async function api<T>(method: string, path: string, body?: unknown, options: { signal?: AbortSignal; quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken ?? csrfFromCookie() ?? '';
  let res: Response;
  try {
    res = await fetch(`/api/admin${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'network', (error as Error).message);
  }
  if (res.status === 204) return undefined as T;
  const payload = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (payload as { error?: { code?: string; message?: string } } | undefined)?.error;
    if (res.status === 401 && !options.quiet401) unauthorizedListeners.forEach((listener) => listener());
    throw new ApiRequestError(res.status, error?.code ?? 'http', error?.message ?? res.statusText);
  }
  return payload as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => api<T>('GET', path, undefined, { signal });
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = (path: string) => api<void>('DELETE', path);

/**
 * The endpoint does not exist on this server yet (a feature still being
 * built): the admin plugin answers unknown routes with code `not_found`.
 * The page then says "coming soon" instead of inventing data.
 */
export function isMissingEndpoint(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 404 && error.code === 'not_found' && error.message.startsWith('no endpoint');
}

export const teamPath = (teamId: string, rest = '') => `/teams/${encodeURIComponent(teamId)}${rest}`;
