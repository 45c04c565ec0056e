// The gate between SSO and SCIM (PRODUCT.md rule 1): SSO and SCIM are
// Enterprise features, and SCIM is set up only once the team's SSO
// connection is active. Pure decisions over what one token lookup already
// joined (team plan, connection status), so the SCIM hot path pays no extra
// query.

import { DomainError } from '../errors.js';

export const SSO_PLAN = 'enterprise';

export interface GateFacts {
  plan: string;
  /** The team's SSO connection status, or null when it has none. */
  ssoStatus: string | null;
  /** When the connection was last activated; null if it never was. */
  ssoActivatedAt: string | null;
}

export function planRefusal(plan: string): DomainError | undefined {
  if (plan === SSO_PLAN) return undefined;
  return new DomainError('plan.feature_unavailable', `SSO and SCIM are Enterprise features; this team is on the ${plan} plan`);
}

export function requireEnterprise(plan: string): void {
  const refusal = planRefusal(plan);
  if (refusal) throw refusal;
}

/** Why a SCIM token may not be issued now, if it may not. */
export function scimSetupRefusal(facts: GateFacts, allowWithoutSso: boolean): DomainError | undefined {
  const plan = planRefusal(facts.plan);
  if (plan) return plan;
  if (facts.ssoStatus === 'active' || allowWithoutSso) return undefined;
  const now = facts.ssoStatus === null ? 'no SSO connection is configured' : `the SSO connection is ${facts.ssoStatus}`;
  return new DomainError(
    'scim.sso_required',
    `Set up and test SSO first: SCIM provisioning needs an active SSO connection, and ${now}. Configure SSO, run a test sign-in, then create the SCIM token.`,
  );
}

/**
 * Why a SCIM request must be refused, if it must. Once a team's SSO has been
 * active, SCIM follows it: disabled (or back to draft after re-enabling)
 * pauses SCIM. A team that never had active SSO got its tokens through the
 * explicit override (tests, migrations), and they keep working.
 */
export function scimRequestRefusal(facts: GateFacts): DomainError | undefined {
  const plan = planRefusal(facts.plan);
  if (plan) return new DomainError('plan.feature_unavailable', `${plan.message}: SCIM is not on your plan, and nothing was changed`);
  if (facts.ssoActivatedAt !== null && facts.ssoStatus !== 'active') {
    return new DomainError(
      'scim.sso_inactive',
      `SSO is not active for this team (it is ${facts.ssoStatus}); SCIM is paused until an admin enables SSO and a test sign-in succeeds. Nothing was changed.`,
    );
  }
  return undefined;
}
