// versionedWrite's contract apart from any database: a transaction the
// database aborted runs again (bounded), a version that moved under the lock
// is a 412 only for a client that sent If-Match, and never one otherwise.

import { describe, expect, it } from 'vitest';
import { versionedWrite } from './versioned-write.js';
import { DomainError } from '../errors.js';
import type { StoredResource } from './types.js';

const resource: StoredResource = { id: 'u1', teamId: 't1', resource: {}, created: '', lastModified: '', version: 3 };
const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });

function fakeStore() {
  const calls = { transactions: 0 };
  return {
    calls,
    store: {
      transaction: async <T>(fn: (tx: unknown) => Promise<T>) => {
        calls.transactions++;
        return fn({});
      },
      retryable: (error: unknown) => (error as { code?: string }).code === '40P01',
    },
  };
}

describe('versionedWrite', () => {
  it('runs a transaction the database aborted again, and succeeds', async () => {
    const { store, calls } = fakeStore();
    let failures = 2;
    const result = await versionedWrite(store, {
      load: async () => resource,
      notFound: 'nope',
      attempt: async () => {
        if (failures-- > 0) throw deadlock;
        return 'written';
      },
    });
    expect(result).toBe('written');
    expect(calls.transactions).toBe(3);
  });

  it('gives up after a bounded number of attempts with the database error, not a 412', async () => {
    const { store, calls } = fakeStore();
    const write = versionedWrite(store, { load: async () => resource, notFound: 'nope', attempt: async () => { throw deadlock; } });
    await expect(write).rejects.toBe(deadlock);
    expect(calls.transactions).toBe(5);
  });

  it('without If-Match, a version that keeps moving is never a 412', async () => {
    const { store, calls } = fakeStore();
    const write = versionedWrite(store, { load: async () => resource, notFound: 'nope', attempt: async () => undefined });
    await expect(write).rejects.not.toBeInstanceOf(DomainError);
    expect(calls.transactions).toBe(5);
  });

  it('with If-Match, a moved version is a 412 at once, and a stale one before any write', async () => {
    const moved = versionedWrite(fakeStore().store, { load: async () => resource, ifMatch: 'W/"3"', notFound: 'nope', attempt: async () => undefined });
    await expect(moved).rejects.toMatchObject({ code: 'resource.version_mismatch' });
    let wrote = false;
    const stale = versionedWrite(fakeStore().store, { load: async () => resource, ifMatch: 'W/"2"', notFound: 'nope', attempt: async () => { wrote = true; return 1; } });
    await expect(stale).rejects.toMatchObject({ status: 412 });
    expect(wrote).toBe(false);
  });

  it('a resource that is gone is not found, and is not retried', async () => {
    const { store, calls } = fakeStore();
    const write = versionedWrite(store, { load: async () => undefined, notFound: 'User "x" not found', attempt: async () => 1 });
    await expect(write).rejects.toMatchObject({ code: 'resource.not_found' });
    expect(calls.transactions).toBe(1);
  });
});
