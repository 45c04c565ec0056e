// Just enough cookie handling for the admin session and the SSO browser
// binding: parse the Cookie header and write Set-Cookie with the attributes
// a session cookie needs (RFC 6265bis: SameSite, the __Host- prefix).

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The values of every cookie whose name starts with `prefix` (at most `limit`). */
export function readCookiesWithPrefix(header: string | undefined, prefix: string, limit: number): string[] {
  const values: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || !part.slice(0, eq).trim().startsWith(prefix)) continue;
    try {
      values.push(decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      continue;
    }
    if (values.length >= limit) break;
  }
  return values;
}

export function serializeCookie(
  name: string,
  value: string,
  options: { httpOnly: boolean; secure: boolean; maxAgeSeconds: number; sameSite?: 'Lax' | 'Strict' },
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`, `SameSite=${options.sameSite ?? 'Lax'}`];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
