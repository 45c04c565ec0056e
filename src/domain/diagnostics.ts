// Diagnostics: the product's FAQ (PRODUCT.md rule 6) answered for one team
// from what the server has seen — SCIM unavailable because SSO is not
// active; no request from the IdP yet, or none for a while; requests with a
// wrong or revoked token; users arriving but no groups (group push off);
// failing requests grouped by cause; webhook endpoints disabled. Each check
// says what it saw, what it means and what to do. SSO and spend are asked
// through optional ports: an installation without them still gets the rest.

import type { Clock } from './ports.js';
import type { TeamRecord } from './store.js';
import type { ActivityStore, StoredActivity } from './activity-store.js';
import { activityView } from './activity.js';
import { groupFailures } from './diagnostics-failures.js';
import { connectionTestState } from './diagnostics-connection.js';

export type CheckStatus = 'ok' | 'info' | 'warning' | 'problem' | 'unknown';

export interface Check {
  id: string;
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

export interface DiagnosticsDeps {
  activity: ActivityStore;
  clock: Clock;
  team(teamId: string): Promise<TeamRecord>;
  activeTokens(teamId: string): Promise<{ count: number; lastUsedAt: string | null }>;
  disabledWebhooks(teamId: string): Promise<{ id: string; url: string; disabledAt: string | null; reason: string | null }[]>;
  groupsOf(teamId: string, userId: string): Promise<{ id: string; displayName: string }[]>;
  findUser(teamId: string, userId: string): Promise<{ id: string; userName: string; active: boolean } | undefined>;
  /** Undefined when SSO is not part of this installation. */
  sso?: (teamId: string) => Promise<SsoState>;
  /** Undefined when spend management is not part of this installation. */
  spend?: (teamId: string, userId: string) => Promise<unknown>;
  options: { windowMs: number; quietAfterMs: number };
}

const RANK: Record<CheckStatus, number> = { ok: 0, info: 1, unknown: 1, warning: 2, problem: 3 };
const AUTH_CAUSES: Record<string, string> = {
  missing: 'without a bearer token',
  unknown: 'with a token Rollcall does not know (mistyped, or from another installation)',
  revoked: 'with a revoked token',
  expired: 'with an expired token',
  other_team: "with another team's token",
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function hoursSince(now: Date, at: string): number {
  return Math.round((now.getTime() - new Date(at).getTime()) / 360_000) / 10;
}

/** Which limit applies and why, in a sentence (from the spend view when present). */
function limitNote(groups: { displayName: string }[], spend: unknown): string {
  const view = spend as { available?: boolean; limitedGroups?: { name: string }[]; limit?: { source?: { type?: string; groupName?: string | null } } };
  if (groups.length === 0) {
    return 'The member is in no directory group, so the team default applies (unless an override is set). If you expected a group limit, add the member to the group in the IdP and check that group push is on.';
  }
  const rule = "A directory group's limit beats the team default; a member in several limited groups gets the highest of their groups' limits.";
  if (!view.available || !Array.isArray(view.limitedGroups)) return rule;
  if (view.limitedGroups.length === 0) return `None of the member's groups (${groups.map((g) => g.displayName).join(', ')}) has a limit, so the team default applies. ${rule}`;
  const source = view.limit?.source;
  return source?.groupName ? `The limit of group "${source.groupName}" applies. ${rule}` : `The ${source?.type ?? 'configured'} limit applies. ${rule}`;
}

export function createDiagnostics(deps: DiagnosticsDeps) {
  const { activity, clock, options } = deps;

  async function ssoCheck(team: TeamRecord): Promise<Check> {
    if (team.plan !== 'enterprise') {
      return { id: 'sso', status: 'problem', title: 'SCIM is not on this plan', detail: `SSO and SCIM are Enterprise features; this team is on the ${team.plan} plan.`, action: 'Move the team to the Enterprise plan.' };
    }
    if (!deps.sso) return { id: 'sso', status: 'unknown', title: 'SSO state not available', detail: 'This installation does not report SSO state, so Rollcall cannot tell whether SSO is blocking SCIM.' };
    try {
      const sso = await deps.sso(team.id);
      if (sso.status === 'active') return { id: 'sso', status: 'ok', title: 'SSO is active', detail: `SSO has been active since ${sso.activatedAt ?? 'an unknown time'}, so SCIM can be used.` };
      return {
        id: 'sso',
        status: 'problem',
        title: 'SCIM is unavailable because SSO is not active',
        detail: `${sso.message} SSO is ${sso.status === 'none' ? 'not configured' : sso.status} for this team.`,
        action: 'Set up SSO on the SSO page and run a successful test sign-in; SCIM setup opens once SSO is active.',
        data: { ssoStatus: sso.status },
      };
    } catch (error) {
      return { id: 'sso', status: 'unknown', title: 'SSO state not available', detail: `Asking the SSO service failed: ${(error as Error).message}` };
    }
  }

  function requestsCheck(counts: Awaited<ReturnType<ActivityStore['counts']>>, tokens: { count: number }, now: Date): Check {
    if (counts.total === 0) {
      return {
        id: 'requests',
        status: tokens.count === 0 ? 'problem' : 'warning',
        title: 'No request from your identity provider yet',
        detail: tokens.count === 0 ? 'There is no active SCIM token, so the IdP cannot connect.' : `Rollcall has received no SCIM request for this team in the last ${Math.round(options.windowMs / 86_400_000)} days.`,
        action: 'In the IdP, paste the SCIM base URL and a token, enable provisioning (Okta: "To App" create/update/deactivate; Entra ID: Provisioning status On), assign users or groups to the app, and run "Test connection".',
      };
    }
    const quietHours = counts.lastAt ? hoursSince(now, counts.lastAt) : 0;
    if (counts.lastAt && now.getTime() - new Date(counts.lastAt).getTime() > options.quietAfterMs) {
      return {
        id: 'requests',
        status: 'info',
        title: `No request for ${quietHours} hours`,
        detail: `The last SCIM request arrived at ${counts.lastAt}. Okta sends requests only when something changes; Entra ID syncs about every 40 minutes, so a long silence from Entra means provisioning is stopped or quarantined.`,
        action: 'If changes in the IdP are not arriving, check that provisioning is on and that users are assigned to the app.',
        data: { lastAt: counts.lastAt },
      };
    }
    return { id: 'requests', status: 'ok', title: 'The IdP is sending requests', detail: `${plural(counts.total, 'SCIM request')} in the window; the last at ${counts.lastAt}.`, data: { total: counts.total, lastAt: counts.lastAt } };
  }

  function authCheck(refused: StoredActivity[], counts: { lastAt: string | null }): Check {
    if (refused.length === 0) return { id: 'authentication', status: 'ok', title: 'No request with a wrong token', detail: 'Every recent request presented a valid token.' };
    const byCause = new Map<string, { count: number; lastAt: string }>();
    for (const r of refused) {
      const cause = r.auth_failure ?? 'unknown';
      const entry = byCause.get(cause) ?? { count: 0, lastAt: r.at };
      entry.count++;
      if (r.at > entry.lastAt) entry.lastAt = r.at;
      byCause.set(cause, entry);
    }
    const latest = refused[0];
    const current = counts.lastAt !== null && latest.at >= counts.lastAt;
    const causes = [...byCause].map(([cause, v]) => ({ cause, count: v.count, lastAt: v.lastAt, meaning: AUTH_CAUSES[cause] ?? cause }));
    return {
      id: 'authentication',
      status: current ? 'problem' : 'warning',
      title: current ? 'The IdP is using a wrong or revoked token' : 'Some requests came with a wrong or revoked token',
      detail: `${plural(refused.length, 'request')} refused (401): ${causes.map((c) => `${c.count} ${c.meaning}`).join('; ')}.`,
      action: 'Create a new SCIM token here and paste it into the IdP\'s provisioning settings (Okta: API token / Bearer; Entra ID: Secret Token), then test the connection.',
      data: { causes },
    };
  }

  function groupPushCheck(team: TeamRecord, counts: { byResource: Record<string, number> }): Check {
    const userRequests = counts.byResource.User ?? 0;
    const groupRequests = counts.byResource.Group ?? 0;
    if ((team.user_count > 0 || userRequests > 0) && groupRequests === 0 && team.group_count === 0) {
      return {
        id: 'group_push',
        status: 'warning',
        title: 'Users arrive, but no groups',
        detail: `${team.user_count} users are synced, and the IdP has sent no group request. Group sync is configured separately from user sync.`,
        action: 'Enable group push in the IdP (Okta: the "Push Groups" tab; Entra ID: assign the groups to the app and keep "Provision Microsoft Entra ID Groups" enabled in Mappings).',
        data: { users: team.user_count, groupRequests },
      };
    }
    return { id: 'group_push', status: 'ok', title: 'Groups are syncing', detail: `${plural(team.group_count, 'group')}; ${plural(groupRequests, 'group request')} in the window.` };
  }

  return {
    async report(teamId: string) {
      const now = clock.now();
      const since = new Date(now.getTime() - options.windowMs).toISOString();
      const team = await deps.team(teamId);
      const [counts, failures, tokens, probes, webhooks] = await Promise.all([
        activity.counts(teamId, since),
        activity.failures(teamId, since, 1000),
        deps.activeTokens(teamId),
        activity.probes(teamId, since, 20),
        deps.disabledWebhooks(teamId),
      ]);
      const refused = failures.filter((f) => f.status === 401);
      const failed = failures.filter((f) => f.status !== 401);
      const groups = groupFailures(failed);
      const checks: Check[] = [
        await ssoCheck(team),
        tokens.count === 0
          ? { id: 'token', status: 'problem', title: 'No active SCIM token', detail: 'Every token is revoked or expired (or none was created).', action: 'Create a SCIM token and paste it into the IdP.' }
          : { id: 'token', status: 'ok', title: `${tokens.count} active SCIM token${tokens.count === 1 ? '' : 's'}`, detail: tokens.lastUsedAt ? `Last used at ${tokens.lastUsedAt}.` : 'Not used yet.' },
        requestsCheck(counts, tokens, now),
        authCheck(refused, counts),
        groupPushCheck(team, counts),
        groups.length === 0
          ? { id: 'failures', status: 'ok', title: 'No failing requests', detail: 'Every recent request that reached the directory succeeded.' }
          : { id: 'failures', status: 'warning', title: `${plural(failed.length, 'request')} failed`, detail: `Grouped by cause: ${groups.map((g) => `${g.count} × ${g.cause}`).join('; ')}.`, data: { causes: groups } },
        webhooks.length === 0
          ? { id: 'webhooks', status: 'ok', title: 'No webhook endpoint is disabled', detail: 'Webhook endpoints (if any) are enabled.' }
          : { id: 'webhooks', status: 'warning', title: `${webhooks.length} webhook endpoint${webhooks.length === 1 ? ' was' : 's were'} disabled`, detail: webhooks.map((w) => `${w.url} (${w.reason === 'failing' ? 'kept failing' : 'turned off'} at ${w.disabledAt})`).join('; '), action: 'Fix the receiver, then re-enable the endpoint: events written meanwhile are delivered.', data: { endpoints: webhooks } },
      ];
      const overall = checks.reduce<CheckStatus>((worst, c) => (RANK[c.status] > RANK[worst] ? c.status : worst), 'ok');
      const idp = Object.entries(counts.byIdp).filter(([k]) => k !== 'unknown').sort((a, b) => b[1] - a[1])[0]?.[0] ?? (counts.total ? 'unknown' : null);
      return {
        teamId,
        generatedAt: now.toISOString(),
        window: { since, until: now.toISOString() },
        overall,
        idp,
        lastRequestAt: counts.lastAt,
        checks,
        connectionTest: connectionTestState(probes, undefined),
      };
    },

    /** "Test connection": the IdP's latest test calls since `since`, and whether they succeeded. */
    async connectionTest(teamId: string, since?: string) {
      const from = since ?? new Date(clock.now().getTime() - options.windowMs).toISOString();
      return connectionTestState(await activity.probes(teamId, from, 20), since);
    },

    /** Why a member has the limit they have: their groups, and which limit wins (from spend). */
    async member(teamId: string, userId: string) {
      const user = await deps.findUser(teamId, userId);
      if (!user) return undefined;
      const groups = await deps.groupsOf(teamId, userId);
      let spend: unknown = { available: false, reason: 'Spend management is not part of this installation.' };
      if (deps.spend) {
        try {
          spend = { available: true, ...(await deps.spend(teamId, userId) as Record<string, unknown>) };
        } catch (error) {
          spend = { available: false, reason: (error as Error).message };
        }
      }
      const recent = await activity.list(teamId, { user: userId, limit: 10 });
      return {
        member: user,
        groups,
        spend,
        note: limitNote(groups, spend),
        recentActivity: recent.map((r) => activityView(r)),
      };
    },
  };
}

export type Diagnostics = ReturnType<typeof createDiagnostics>;
