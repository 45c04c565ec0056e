// Read-modify-write with optimistic concurrency. The resource is re-read and
// the change recomputed when another writer got there first; with If-Match
// the client asked for exactly one version, so a lost race is a 412.

import { DomainError } from './errors.js';
import type { StoredResource } from './directory-types.js';
import { checkIfMatch } from '../scim/etag.js';

const ATTEMPTS = 5;

export async function versionedWrite<T>(options: {
  load: () => Promise<StoredResource | undefined>;
  ifMatch?: string;
  notFound: string;
  /** Computes and writes the next version; returns undefined when the version moved. */
  attempt: (current: StoredResource) => Promise<T | undefined>;
}): Promise<T> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const current = await options.load();
    if (!current) throw new DomainError('resource.not_found', options.notFound);
    checkIfMatch(options.ifMatch, current.version);
    const result = await options.attempt(current);
    if (result !== undefined) return result;
    if (options.ifMatch) break;
  }
  throw new DomainError('resource.version_mismatch', 'the resource was changed by another request; retry with its current version');
}
