import { describe, expect, it } from 'vitest';
import { retryingTransaction } from './executor.js';

const aborted = (code: string) => Object.assign(new Error(`aborted (${code})`), { code });

describe('retryingTransaction', () => {
  it('runs a transaction the database aborted (deadlock, serialisation failure) again, and returns its result', async () => {
    let runs = 0;
    const result = await retryingTransaction(async () => {
      runs++;
      if (runs === 1) throw aborted('40P01');
      if (runs === 2) throw aborted('40001');
      return 'done';
    });
    expect(result).toBe('done');
    expect(runs).toBe(3);
  });

  it('gives up after the last attempt with the database error', async () => {
    let runs = 0;
    await expect(retryingTransaction(async () => {
      runs++;
      throw aborted('40P01');
    }, 4)).rejects.toMatchObject({ code: '40P01' });
    expect(runs).toBe(4);
  });

  it('never runs again after any other error', async () => {
    let runs = 0;
    await expect(retryingTransaction(async () => {
      runs++;
      throw aborted('23505');
    })).rejects.toMatchObject({ code: '23505' });
    expect(runs).toBe(1);
  });
});
