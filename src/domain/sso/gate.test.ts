import { describe, expect, it } from 'vitest';
import { scimRequestRefusal, scimSetupRefusal } from './gate.js';

describe('the SSO gate (PRODUCT.md rule 1)', () => {
  const facts = (plan: string, ssoStatus: string | null, ssoActivatedAt: string | null) => ({ plan, ssoStatus, ssoActivatedAt });
  const ever = '2026-11-22T09:00:00.000Z';

  it('issues a SCIM token only with active SSO on the Enterprise plan, unless overridden for SSO', () => {
    expect(scimSetupRefusal(facts('enterprise', 'active', ever), false)).toBeUndefined();
    for (const status of [null, 'draft', 'failed', 'disabled']) {
      expect(scimSetupRefusal(facts('enterprise', status, null), false)?.code, String(status)).toBe('scim.sso_required');
      expect(scimSetupRefusal(facts('enterprise', status, null), true), String(status)).toBeUndefined();
    }
    expect(scimSetupRefusal(facts('team', 'active', ever), true)).toMatchObject({ code: 'plan.feature_unavailable', message: 'SSO and SCIM are Enterprise features; this team is on the team plan' });
  });

  it('pauses SCIM once SSO that was active is no longer active; never-active teams keep their override tokens', () => {
    expect(scimRequestRefusal(facts('enterprise', 'active', ever))).toBeUndefined();
    for (const status of ['disabled', 'draft', 'failed']) expect(scimRequestRefusal(facts('enterprise', status, ever))?.code, status).toBe('scim.sso_inactive');
    for (const status of [null, 'draft', 'failed', 'disabled']) expect(scimRequestRefusal(facts('enterprise', status, null)), String(status)).toBeUndefined();
    expect(scimRequestRefusal(facts('free', 'active', ever))?.message).toMatch(/free plan: SCIM is not on your plan/);
  });
});
