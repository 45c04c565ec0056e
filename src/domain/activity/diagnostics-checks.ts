// The diagnosis checks, one function each, pure over what diagnostics.ts
// gathered. Every check carries a `code` (`<id>.<situation>`) and `params`,
// from which the dashboard writes its own sentence in the admin's language;
// `title`, `detail` and `action` stay as English text for API callers.
//
// Failures weigh recent traffic (issue 14): once the latest requests
// succeed, older failures are history — shown, but the team is healthy.

import type { TeamRecord } from '../directory/store.js';
import type { ActivityCounts, StoredActivity } from './store.js';
import type { FailureGroup } from './diagnostics-failures.js';

export type CheckStatus = 'ok' | 'info' | 'warning' | 'problem' | 'unknown';

export interface Check {
  id: string;
  /** `<id>.<situation>`: what the dashboard translates. */
  code: string;
  params: Record<string, unknown>;
  status: CheckStatus;
  title: string;
  detail: string;
  action?: string;
  data?: Record<string, unknown>;
}

export interface SsoState {
  status: string;
  activatedAt: string | null;
  scimAllowed: boolean;
  message: string;
}

export interface TokenFacts {
  count: number;
  lastUsedAt: string | null;
  /** When the last active token stops working; null if one never expires (or none is active). */
  expiresAt: string | null;
}

/** The last token expiring within this long is worth a warning (and the scim_token.expiring event). */
export const TOKEN_EXPIRY_WARNING_MS = 14 * 86_400_000;
/** These many latest requests all succeeding make older failures history… */
export const RECOVERED_AFTER_REQUESTS = 20;
/** …as does an hour without a failure, once a request after the last failure succeeded. */
export const RECOVERED_AFTER_MS = 3600_000;

const AUTH_CAUSES: Record<string, string> = {
  missing: 'without a bearer token',
  unknown: 'with a token Rollcall does not know (mistyped, or from another installation)',
  revoked: 'with a revoked token',
  expired: 'with an expired token',
  other_team: "with another team's token",
  oauth_client: 'at the token endpoint with a wrong OAuth client id or secret, or a revoked client',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const check = (id: string, situation: string, status: CheckStatus, text: { title: string; detail: string; action?: string }, params: Record<string, unknown> = {}, data?: Record<string, unknown>): Check => ({
  id,
  code: `${id}.${situation}`,
  params,
  status,
  ...text,
  ...(data ? { data } : {}),
});

/** Whether the failures seen are behind the team: the latest requests succeed. */
export function recovered(latest: StoredActivity[], now: Date): boolean {
  if (latest.length === 0 || latest[0].status >= 400) return false;
  const lastFailure = latest.find((r) => r.status >= 400);
  if (!lastFailure) return true;
  return now.getTime() - new Date(lastFailure.at).getTime() > RECOVERED_AFTER_MS;
}

export function ssoCheck(team: TeamRecord, sso: SsoState | Error | undefined, tokens: TokenFacts, counts: ActivityCounts): Check {
  if (team.plan !== 'enterprise') {
    return check('sso', 'plan', 'problem', { title: 'SCIM is not on this plan', detail: `SSO and SCIM are Enterprise features; this team is on the ${team.plan} plan.`, action: 'Move the team to the Enterprise plan.' }, { plan: team.plan });
  }
  if (!sso) return check('sso', 'unknown', 'unknown', { title: 'SSO state not available', detail: 'This installation does not report SSO state, so Rollcall cannot tell whether SSO is blocking SCIM.' });
  if (sso instanceof Error) return check('sso', 'unknown', 'unknown', { title: 'SSO state not available', detail: `Asking the SSO service failed: ${sso.message}` });
  if (sso.status === 'active') return check('sso', 'ok', 'ok', { title: 'SSO is active', detail: `SSO has been active since ${sso.activatedAt ?? 'an unknown time'}, so SCIM can be used.` }, { activatedAt: sso.activatedAt });
  // A token issued without SSO (the CLI's --allow-without-sso) keeps working
  // until SSO is first activated (sso-gate.ts): SCIM is available, say so.
  if (sso.activatedAt === null && (tokens.count > 0 || counts.lastSuccessAt !== null)) {
    return check(
      'sso',
      'bypassed',
      'info',
      { title: 'SCIM works without SSO', detail: `SSO is ${sso.status === 'none' ? 'not configured' : sso.status}, and SCIM works because its token was issued without SSO. Once SSO is activated, SCIM follows it.`, action: 'Set up SSO and run a test sign-in when you are ready; SCIM keeps working meanwhile.' },
      { ssoStatus: sso.status },
      { ssoStatus: sso.status },
    );
  }
  return check(
    'sso',
    'problem',
    'problem',
    {
      title: 'SCIM is unavailable because SSO is not active',
      detail: `${sso.message} SSO is ${sso.status === 'none' ? 'not configured' : sso.status} for this team.`,
      action: 'Set up SSO on the SSO page and run a successful test sign-in; SCIM setup opens once SSO is active.',
    },
    { ssoStatus: sso.status },
    { ssoStatus: sso.status },
  );
}

export function tokenCheck(tokens: TokenFacts, now: Date): Check {
  if (tokens.count === 0) return check('token', 'problem', 'problem', { title: 'No active SCIM token', detail: 'Every token is revoked or expired (or none was created).', action: 'Create a SCIM token and paste it into the IdP.' });
  if (tokens.expiresAt && new Date(tokens.expiresAt).getTime() - now.getTime() <= TOKEN_EXPIRY_WARNING_MS) {
    return check(
      'token',
      'expiring',
      'warning',
      { title: 'The SCIM token expires soon', detail: `The last active SCIM token expires at ${tokens.expiresAt}; provisioning stops then.`, action: 'Create a new SCIM token, paste it into the IdP, then revoke the old one.' },
      { expiresAt: tokens.expiresAt },
    );
  }
  const title = `${plural(tokens.count, 'active SCIM token')}`;
  return check('token', 'ok', 'ok', { title, detail: tokens.lastUsedAt ? `Last used at ${tokens.lastUsedAt}.` : 'Not used yet.' }, { count: tokens.count, lastUsedAt: tokens.lastUsedAt });
}

export function requestsCheck(counts: ActivityCounts, tokens: TokenFacts, now: Date, options: { windowMs: number; quietAfterMs: number }): Check {
  if (counts.total === 0) {
    return check(
      'requests',
      'none',
      tokens.count === 0 ? 'problem' : 'warning',
      {
        title: 'No request from your identity provider yet',
        detail: tokens.count === 0 ? 'There is no active SCIM token, so the IdP cannot connect.' : `Rollcall has received no SCIM request for this team in the last ${Math.round(options.windowMs / 86_400_000)} days.`,
        action: 'In the IdP, paste the SCIM base URL and a token, enable provisioning (Okta: "To App" create/update/deactivate; Entra ID: Provisioning status On), assign users or groups to the app, and run "Test connection".',
      },
      { tokens: tokens.count },
    );
  }
  if (counts.lastAt && now.getTime() - new Date(counts.lastAt).getTime() > options.quietAfterMs) {
    const hours = Math.round((now.getTime() - new Date(counts.lastAt).getTime()) / 360_000) / 10;
    return check(
      'requests',
      'quiet',
      'info',
      {
        title: `No request for ${hours} hours`,
        detail: `The last SCIM request arrived at ${counts.lastAt}. Okta sends requests only when something changes; Entra ID syncs about every 40 minutes, so a long silence from Entra means provisioning is stopped or quarantined.`,
        action: 'If changes in the IdP are not arriving, check that provisioning is on and that users are assigned to the app.',
      },
      { lastAt: counts.lastAt },
      { lastAt: counts.lastAt },
    );
  }
  return check('requests', 'ok', 'ok', { title: 'The IdP is sending requests', detail: `${plural(counts.total, 'SCIM request')} in the window; the last at ${counts.lastAt}.` }, { total: counts.total, lastAt: counts.lastAt }, { total: counts.total, lastAt: counts.lastAt });
}

export function authCheck(refused: StoredActivity[], counts: { lastAt: string | null }, healthy: boolean): Check {
  if (refused.length === 0) return check('authentication', 'ok', 'ok', { title: 'No request with a wrong token', detail: 'Every recent request presented a valid token.' });
  const byCause = new Map<string, { count: number; lastAt: string }>();
  for (const r of refused) {
    const cause = r.authFailure ?? 'unknown';
    const entry = byCause.get(cause) ?? { count: 0, lastAt: r.at };
    entry.count++;
    if (r.at > entry.lastAt) entry.lastAt = r.at;
    byCause.set(cause, entry);
  }
  const causes = [...byCause].map(([cause, v]) => ({ cause, count: v.count, lastAt: v.lastAt, meaning: AUTH_CAUSES[cause] ?? cause }));
  const params = { count: refused.length, lastAt: refused[0].at };
  const detail = `${plural(refused.length, 'request')} refused (401): ${causes.map((c) => `${c.count} ${c.meaning}`).join('; ')}.`;
  if (healthy) return check('authentication', 'history', 'ok', { title: 'Earlier requests came with a wrong token; the latest succeed', detail }, params, { causes });
  const current = counts.lastAt !== null && refused[0].at >= counts.lastAt;
  const action = "Create a new SCIM token here and paste it into the IdP's provisioning settings (Okta: API token / Bearer; Entra ID: Secret Token), then test the connection.";
  return current
    ? check('authentication', 'problem', 'problem', { title: 'The IdP is using a wrong or revoked token', detail, action }, params, { causes })
    : check('authentication', 'warning', 'warning', { title: 'Some requests came with a wrong or revoked token', detail, action }, params, { causes });
}

export function groupPushCheck(team: TeamRecord, counts: { byResource: Record<string, number> }): Check {
  const userRequests = counts.byResource.User ?? 0;
  const groupRequests = counts.byResource.Group ?? 0;
  if ((team.userCount > 0 || userRequests > 0) && groupRequests === 0 && team.groupCount === 0) {
    return check(
      'group_push',
      'warning',
      'warning',
      {
        title: 'Users arrive, but no groups',
        detail: `${team.userCount} users are synced, and the IdP has sent no group request. Group sync is configured separately from user sync.`,
        action: 'Enable group push in the IdP (Okta: the "Push Groups" tab; Entra ID: assign the groups to the app and keep "Provision Microsoft Entra ID Groups" enabled in Mappings).',
      },
      { users: team.userCount },
      { users: team.userCount, groupRequests },
    );
  }
  return check('group_push', 'ok', 'ok', { title: 'Groups are syncing', detail: `${plural(team.groupCount, 'group')}; ${plural(groupRequests, 'group request')} in the window.` }, { groups: team.groupCount });
}

export function failuresCheck(failed: StoredActivity[], groups: FailureGroup[], healthy: boolean): Check {
  if (groups.length === 0) return check('failures', 'ok', 'ok', { title: 'No failing requests', detail: 'Every recent request that reached the directory succeeded.' });
  const detail = `Grouped by cause: ${groups.map((g) => `${g.count} × ${g.cause}`).join('; ')}.`;
  const params = { count: failed.length, lastAt: failed[0].at };
  if (healthy) return check('failures', 'history', 'ok', { title: `${plural(failed.length, 'request')} failed earlier; the latest succeed`, detail }, params, { causes: groups });
  return check('failures', 'warning', 'warning', { title: `${plural(failed.length, 'request')} failed`, detail }, params, { causes: groups });
}

export function webhooksCheck(webhooks: { id: string; url: string; disabledAt: string | null; reason: string | null }[]): Check {
  if (webhooks.length === 0) return check('webhooks', 'ok', 'ok', { title: 'No webhook endpoint is disabled', detail: 'Webhook endpoints (if any) are enabled.' });
  return check(
    'webhooks',
    'warning',
    'warning',
    {
      title: `${webhooks.length} webhook endpoint${webhooks.length === 1 ? ' was' : 's were'} disabled`,
      detail: webhooks.map((w) => `${w.url} (${w.reason === 'failing' ? 'kept failing' : 'turned off'} at ${w.disabledAt})`).join('; '),
      action: 'Fix the receiver, then re-enable the endpoint: events written meanwhile are delivered.',
    },
    { count: webhooks.length },
    { endpoints: webhooks },
  );
}
