// Which driver errors mean "the database did not answer" (503, retry) and
// which are the request's or the code's own (kept as they are).

import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { asUnavailable, isUnavailable } from './unavailable.js';

const withCode = (code: string, message = 'driver error') => Object.assign(new Error(message), { code });

describe('isUnavailable', () => {
  it.each(['57014', '55P03', '53300', '57P01', '57P02', '57P03', '08006', '08001', 'ECONNREFUSED', 'ECONNRESET'])('%s: the database did not answer', (code) => {
    expect(isUnavailable(withCode(code))).toBe(true);
  });

  it.each(['Connection terminated unexpectedly', 'Query read timeout', 'timeout exceeded when trying to connect'])('"%s" (no code): the database did not answer', (message) => {
    expect(isUnavailable(new Error(message))).toBe(true);
  });

  it.each(['23505', '23503', '40P01', '40001', '22P02', '42P01'])('%s: an answer about the request or the code, not an outage', (code) => {
    expect(isUnavailable(withCode(code))).toBe(false);
  });

  it('a plain bug (no code, another message) stays a bug', () => {
    expect(isUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isUnavailable(undefined)).toBe(false);
  });
});

describe('asUnavailable', () => {
  it('wraps an outage as database.unavailable and keeps the driver error as its cause', () => {
    const driver = withCode('57014', 'canceling statement due to statement timeout');
    const wrapped = asUnavailable(driver);
    expect(wrapped).toBeInstanceOf(DomainError);
    expect((wrapped as DomainError).code).toBe('database.unavailable');
    expect((wrapped as Error).cause).toBe(driver);
  });

  it('returns any other error unchanged', () => {
    const unique = withCode('23505');
    expect(asUnavailable(unique)).toBe(unique);
  });
});
