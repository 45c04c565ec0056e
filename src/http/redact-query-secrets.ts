// Bearer tokens in a URL (`?access_token=…`, RFC 6750 §2.3) end up in every
// log and proxy on the way; RFC 6750 §5.3 says not to send them there. SCIM
// refuses such requests, and whatever the surface, the value never reaches a
// log line or the activity log: it is replaced before the URL is recorded.

// portal_token: an admin portal link (src/http/api/portal-link-routes.ts).
const SECRET_PARAMS = new Set(['access_token', 'client_secret', 'portal_token']);

function paramName(part: string): string {
  const name = part.split('=', 1)[0].replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** True when the query string carries a token parameter (any case or encoding, even empty). */
export function hasQuerySecret(url: string): boolean {
  const query = url.indexOf('?');
  return query >= 0 && url.slice(query + 1).split('&').some((part) => SECRET_PARAMS.has(paramName(part)));
}

/** The URL with every token parameter's value replaced by `[redacted]`. */
export function redactQuerySecrets(url: string): string {
  const query = url.indexOf('?');
  if (query < 0 || !hasQuerySecret(url)) return url;
  const parts = url.slice(query + 1).split('&').map((part) => (SECRET_PARAMS.has(paramName(part)) ? `${part.split('=', 1)[0]}=[redacted]` : part));
  return `${url.slice(0, query)}?${parts.join('&')}`;
}
