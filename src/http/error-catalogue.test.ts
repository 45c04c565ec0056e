// The error catalogue (domain/errors.ts) answers every code exactly as the
// two tables it replaced did: EXPECTED is those tables (the JSON APIs'
// statuses and the SCIM statuses and scimTypes) as they stood, copied here
// so a change of any answer fails. And every code the source throws has a row.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_CATALOGUE, type DomainErrorCode } from '../domain/errors.js';
import { toApiError } from './api/api-error.js';
import { toScimError } from './scim/to-scim-error.js';

/** [code, JSON API status, SCIM status, SCIM scimType] */
const EXPECTED: [string, number, number, string | undefined][] = [
  ['team.not_found', 404, 404, undefined],
  ['team.slug_taken', 409, 409, 'uniqueness'],
  ['team.invalid_slug', 400, 400, 'invalidValue'],
  ['team.invalid_plan', 400, 400, 'invalidValue'],
  ['token.not_found', 404, 404, undefined],
  ['resource.not_found', 404, 404, undefined],
  ['resource.version_mismatch', 412, 412, undefined],
  ['user.user_name_taken', 409, 409, 'uniqueness'],
  ['group.member_not_found', 400, 400, 'invalidValue'],
  ['group.member_is_self', 400, 400, 'invalidValue'],
  ['admin.invalid_email', 400, 400, 'invalidValue'],
  ['admin.invalid_role', 400, 400, 'invalidValue'],
  ['admin.link_invalid', 401, 401, undefined],
  ['admin.session_not_found', 404, 404, undefined],
  ['plan.feature_unavailable', 403, 403, undefined],
  ['scim.sso_required', 409, 409, undefined],
  ['scim.sso_inactive', 403, 403, undefined],
  ['sso.not_configured', 404, 404, undefined],
  ['sso.invalid_config', 400, 400, 'invalidValue'],
  ['sso.metadata_unavailable', 400, 400, 'invalidValue'],
  ['sso.discovery_failed', 400, 400, 'invalidValue'],
  ['sso.invalid_state', 409, 409, undefined],
  ['sso.not_active', 409, 409, undefined],
  ['setup.link_invalid', 401, 401, undefined],
  ['setup.already_done', 409, 409, undefined],
  ['spend.invalid_request', 400, 400, 'invalidValue'],
  ['spend.invalid_amount', 400, 400, 'invalidValue'],
  ['spend.invalid_currency', 400, 400, 'invalidValue'],
  ['spend.invalid_period', 400, 400, 'invalidValue'],
  ['spend.currency_mismatch', 422, 422, undefined],
  ['spend.currency_locked', 409, 409, undefined],
  ['spend.member_not_found', 404, 404, undefined],
  ['spend.member_ambiguous', 409, 409, undefined],
  ['spend.group_not_found', 404, 404, undefined],
  ['spend.event_conflict', 409, 409, 'uniqueness'],
  ['spend.original_not_found', 404, 404, undefined],
  ['spend.refund_exceeds_original', 422, 422, undefined],
  ['spend.hold_not_found', 404, 404, undefined],
  ['spend.hold_not_active', 409, 409, undefined],
  ['spend.capture_exceeds_hold', 422, 422, undefined],
  ['events.invalid_cursor', 400, 400, 'invalidValue'],
  ['webhook.not_found', 404, 404, undefined],
  ['webhook.invalid', 400, 400, 'invalidValue'],
  ['webhook.delivery_not_found', 404, 404, undefined],
  ['activity.invalid_query', 400, 400, 'invalidValue'],
  ['activity.not_found', 404, 404, undefined],
  ['api_key.not_found', 404, 404, undefined],
  ['oidc_client.not_found', 404, 404, undefined],
  ['oidc_client.invalid', 400, 400, 'invalidValue'],
];

const SRC = join(import.meta.dirname, '..');
const sources = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => ({ file, text: readFileSync(join(SRC, file), 'utf8') }));

describe('error catalogue', () => {
  it('keeps a row for every code the old tables had (codes added since are new rows)', () => {
    const rows = new Set(Object.keys(ERROR_CATALOGUE));
    expect(EXPECTED.map(([code]) => code).filter((code) => !rows.has(code))).toEqual([]);
  });

  it.each(EXPECTED)('%s answers %i on the JSON APIs and %i (scimType %s) on SCIM, as before', (code, apiStatus, scimStatus, scimType) => {
    const thrown = new DomainError(code as DomainErrorCode, 'why it failed');
    const api = toApiError(thrown);
    expect(api.unexpected).toBe(false);
    expect({ status: api.error.status, code: api.error.code, message: api.error.message }).toEqual({ status: apiStatus, code, message: 'why it failed' });
    const scim = toScimError(thrown);
    expect(scim.unexpected).toBe(false);
    expect(scim.error.toBody()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: String(scimStatus),
      detail: 'why it failed',
      ...(scimType ? { scimType } : {}),
    });
  });

  it('answers database.unavailable 503 on both surfaces and has it logged (an outage, not a bad request)', () => {
    const thrown = new DomainError('database.unavailable', 'the database did not answer in time');
    const api = toApiError(thrown);
    expect([api.error.status, api.error.code, api.unexpected]).toEqual([503, 'database.unavailable', true]);
    const scim = toScimError(thrown);
    expect([scim.error.status, scim.unexpected]).toEqual([503, true]);
  });

  it('types the code as the catalogue\'s keys, so a code without a row does not compile', () => {
    // @ts-expect-error 'no.such_code' has no row in ERROR_CATALOGUE (tsc fails if this line ever compiles)
    expect(new DomainError('no.such_code', 'x').code).toBe('no.such_code');
  });

  it('has a row for every code thrown in src/', () => {
    const thrown = new Set<string>();
    for (const { text } of sources) for (const m of text.matchAll(/new DomainError\(\s*'([^']+)'/g)) thrown.add(m[1]);
    expect(thrown.size).toBeGreaterThan(40);
    expect([...thrown].filter((code) => !Object.hasOwn(ERROR_CATALOGUE, code))).toEqual([]);
  });

  it('is not contradicted by an ApiError that reuses a domain code with another status', () => {
    const clashes: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/new ApiError\(\s*(\d{3}),\s*'([^']+)'/g)) {
        const entry = (ERROR_CATALOGUE as Record<string, { status: number }>)[m[2]];
        if (entry && entry.status !== Number(m[1])) clashes.push(`${file}: ${m[2]} ${m[1]} (catalogue: ${entry.status})`);
      }
    }
    expect(clashes).toEqual([]);
  });
});
