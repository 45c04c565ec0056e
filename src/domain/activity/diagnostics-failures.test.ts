import { describe, expect, it } from 'vitest';
import { groupFailures } from './diagnostics-failures.js';
import type { StoredActivity } from './store.js';

const row = (seq: number, status: number, errorType: string | null, error: string | null): StoredActivity =>
  ({ seq, id: `a${seq}`, teamId: 't', at: `2026-01-01T00:00:0${seq}Z`, method: 'POST', path: '/Users', status, error, errorType: errorType, requestId: `r${seq}` }) as StoredActivity;

describe('failing IdP requests grouped by cause', () => {
  it('groups by status, type and message with the per-request values taken out, most frequent first', () => {
    const groups = groupFailures([
      row(3, 409, 'uniqueness', 'userName "a@x" is already in use in this team'),
      row(2, 409, 'uniqueness', 'userName "b@x" is already in use in this team'),
      row(1, 400, 'invalidFilter', 'unexpected token at 12'),
      row(0, 500, null, 'internal error'),
    ]);
    expect(groups.map((g) => [g.status, g.errorType, g.count])).toEqual([
      [409, 'uniqueness', 2],
      [400, 'invalidFilter', 1],
      [500, null, 1],
    ]);
    expect(groups[0]).toMatchObject({ cause: '409 uniqueness: userName "…" is already in use in this team', lastAt: '2026-01-01T00:00:03Z', example: { requestId: 'r3' } });
    expect(groups[1].cause).toBe('400 invalidFilter: unexpected token at <n>');
    expect(groups[2].hint).toMatch(/server log/);
  });

  it('explains the token endpoint refusals of an IdP misconfigured for OAuth client credentials', () => {
    const groups = groupFailures([row(2, 400, 'unsupported_grant_type', 'grant_type password is not supported here'), row(1, 400, 'invalid_scope', 'the only scope is "scim" (or none)')]);
    expect(groups.map((g) => g.hint)).toEqual([expect.stringMatching(/client credentials/), expect.stringMatching(/scope/)]);
  });
});
