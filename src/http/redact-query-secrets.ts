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

/** The secret parameters' names are 12 or 13 characters long: a plain name of another length is none of them. */
const SECRET_NAME_LENGTHS = new Set([...SECRET_PARAMS].map((name) => name.length));

/** Whether the parameter name in url[start, end) is a secret one; a plain name (no `%`, no `+`) is compared without decoding. */
function isSecretName(url: string, start: number, end: number): boolean {
  let plain = true;
  for (let i = start; i < end; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x25 /* % */ || c === 0x2b /* + */) {
      plain = false;
      break;
    }
  }
  if (plain) return SECRET_NAME_LENGTHS.has(end - start) && SECRET_PARAMS.has(url.slice(start, end).toLowerCase());
  return SECRET_PARAMS.has(paramName(url.slice(start, end)));
}

/**
 * True when the query string carries a token parameter (any case or encoding, even empty).
 * Runs up to three times on every request (the SCIM check, the log line, the activity
 * log): it walks the parameter names in place instead of splitting and decoding the query.
 */
export function hasQuerySecret(url: string): boolean {
  const query = url.indexOf('?');
  if (query < 0) return false;
  let start = query + 1;
  while (start <= url.length) {
    let end = url.indexOf('&', start);
    if (end < 0) end = url.length;
    const equals = url.indexOf('=', start);
    if (isSecretName(url, start, equals >= 0 && equals < end ? equals : end)) return true;
    start = end + 1;
  }
  return false;
}

/** The URL with every token parameter's value replaced by `[redacted]`. */
export function redactQuerySecrets(url: string): string {
  const query = url.indexOf('?');
  if (query < 0 || !hasQuerySecret(url)) return url;
  const parts = url.slice(query + 1).split('&').map((part) => (SECRET_PARAMS.has(paramName(part)) ? `${part.split('=', 1)[0]}=[redacted]` : part));
  return `${url.slice(0, query)}?${parts.join('&')}`;
}
