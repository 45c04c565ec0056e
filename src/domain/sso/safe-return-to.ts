// Where a browser may be sent after signing in: only a path on this server.

/**
 * Only a path on this server: never an open redirect, and nothing that
 * cannot go in a Location header (CR/LF, control or non-ASCII characters);
 * no backslash anywhere, as browsers read it as a slash.
 */
export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || value.length > 2000) return null;
  return /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && !value.includes('\\') ? value : null;
}
