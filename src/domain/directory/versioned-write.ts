// Read-modify-write of one resource, serialised by the database (RFC 7644
// §3.14 for the If-Match part). The resource is read with a row lock inside
// the writing transaction (`FOR NO KEY UPDATE` / `FOR UPDATE` on PostgreSQL;
// SQLite runs one transaction at a time), so two writers of one resource take
// turns and neither loses: the second computes its change from the first's
// result. A 412 is only for a client that sent If-Match naming a version that
// is no longer current; a client without If-Match (every IdP) always gets its
// change applied.
//
// What is left to retry is what the database itself aborts (a deadlock it
// broke, a serialization failure): the whole transaction runs again, a few
// times with growing, jittered pauses. If that bound is exhausted the error
// is passed on as it is, never turned into a 412.

import { DomainError } from '../errors.js';
import type { StoredResource } from './types.js';
import type { Store } from './store.js';
import { checkIfMatch } from '../../scim/etag.js';

const ATTEMPTS = 5;
const BACKOFF_MS = 10;

/** Thrown inside the transaction to roll it back and run it again. */
class VersionMoved extends Error {}

const pause = (attempt: number) => new Promise((done) => setTimeout(done, BACKOFF_MS * 2 ** attempt * (0.5 + Math.random())));

export async function versionedWrite<T, Tx>(
  store: Pick<Store<Tx>, 'transaction' | 'retryable'>,
  options: {
    /** Reads the resource and locks it until the transaction ends. */
    load: (tx: Tx) => Promise<StoredResource | undefined>;
    ifMatch?: string;
    notFound: string;
    /** Computes and writes the next version in `tx`; undefined when the version moved after all. */
    attempt: (tx: Tx, current: StoredResource) => Promise<T | undefined>;
  },
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await store.transaction(async (tx) => {
        const current = await options.load(tx);
        if (!current) throw new DomainError('resource.not_found', options.notFound);
        checkIfMatch(options.ifMatch, current.version);
        const result = await options.attempt(tx, current);
        if (result === undefined) throw new VersionMoved();
        return result;
      });
    } catch (error) {
      const again = error instanceof VersionMoved || store.retryable(error);
      if (!again) throw error;
      // The lock makes a moved version impossible; should it happen anyway,
      // a client with If-Match gets its 412 and one without gets a 500.
      if (error instanceof VersionMoved && options.ifMatch) {
        throw new DomainError('resource.version_mismatch', 'the resource was changed by another request; retry with its current version');
      }
      if (i + 1 >= ATTEMPTS) throw error instanceof VersionMoved ? new Error(`write gave up after ${ATTEMPTS} attempts`) : error;
      await pause(i);
    }
  }
}
