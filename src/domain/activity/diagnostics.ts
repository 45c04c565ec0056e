// Diagnostics: the product's FAQ (PRODUCT.md rule 6) answered for one team
// from what the server has seen — SCIM unavailable because SSO is not
// active; no request from the IdP yet, or none for a while; requests with a
// wrong or revoked token; users arriving but no groups (group push off);
// failing requests grouped by cause; webhook endpoints disabled. Each check
// says what it saw, what it means and what to do. SSO and spend are asked
// through optional ports: an installation without them still gets the rest.

import type { Clock } from '../ports.js';
import type { TeamRecord } from '../directory/store.js';
import type { ActivityStore } from './store.js';
import { activityView } from './activity-log.js';
import { groupFailures } from './diagnostics-failures.js';
import { connectionTestState } from './diagnostics-connection.js';
import {
  RECOVERED_AFTER_REQUESTS,
  authCheck,
  failuresCheck,
  groupPushCheck,
  recovered,
  requestsCheck,
  ssoCheck,
  tokenCheck,
  webhooksCheck,
  type Check,
  type CheckStatus,
  type SsoState,
  type TokenFacts,
} from './diagnostics-checks.js';

export type { Check, CheckStatus, SsoState } from './diagnostics-checks.js';

export interface DiagnosticsDeps {
  activity: ActivityStore;
  clock: Clock;
  team(teamId: string): Promise<TeamRecord>;
  activeTokens(teamId: string): Promise<TokenFacts>;
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

  async function ssoState(teamId: string): Promise<SsoState | Error | undefined> {
    if (!deps.sso) return undefined;
    try {
      return await deps.sso(teamId);
    } catch (error) {
      return error as Error;
    }
  }

  return {
    async report(teamId: string) {
      const now = clock.now();
      const since = new Date(now.getTime() - options.windowMs).toISOString();
      const team = await deps.team(teamId);
      const [counts, failures, tokens, probes, webhooks, latest] = await Promise.all([
        activity.counts(teamId, since),
        activity.failures(teamId, since, 1000),
        deps.activeTokens(teamId),
        activity.probes(teamId, since, 20),
        deps.disabledWebhooks(teamId),
        activity.list(teamId, { since, limit: RECOVERED_AFTER_REQUESTS }),
      ]);
      const refused = failures.filter((f) => f.status === 401);
      const failed = failures.filter((f) => f.status !== 401);
      const healthy = recovered(latest, now);
      const sso = team.plan === 'enterprise' ? await ssoState(teamId) : undefined;
      const checks: Check[] = [
        ssoCheck(team, sso, tokens, counts),
        tokenCheck(tokens, now),
        requestsCheck(counts, tokens, now, options),
        authCheck(refused, counts, healthy),
        groupPushCheck(team, counts),
        failuresCheck(failed, groupFailures(failed), healthy),
        webhooksCheck(webhooks),
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
