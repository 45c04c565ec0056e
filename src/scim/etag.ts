// RFC 7644 §3.14: versioning with weak ETags. A resource's version is a
// counter; on the wire it is `W/"<n>"` in meta.version and the ETag header.

import { preconditionFailed } from './errors.js';

export const etagOf = (version: number): string => `W/"${version}"`;

function tags(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (t.startsWith('W/') ? t.slice(2) : t));
}

/** If-Match: 412 unless the header is absent, `*`, or names the current version. */
export function checkIfMatch(header: string | undefined, version: number): void {
  if (header === undefined || header.trim() === '') return;
  const wanted = tags(header);
  if (wanted.includes('*') || wanted.includes(`"${version}"`)) return;
  throw preconditionFailed(`the resource has changed: its version is ${etagOf(version)}, not ${header.trim()}`);
}

/** If-None-Match: true when the client's copy is current (answer 304). */
export function matchesIfNoneMatch(header: string | undefined, version: number): boolean {
  if (header === undefined || header.trim() === '') return false;
  const wanted = tags(header);
  return wanted.includes('*') || wanted.includes(`"${version}"`);
}
