// The reads of an authorization, written as plain SQL so the hot path
// costs one round trip whatever the member's groups or the ledger's length:
// the member by reference (unique or indexed keys) with their override, the
// team's settings, their groups with a limit (group_members reverse index,
// spend_group_limits by primary key) and the member's and the team's totals
// of the period (primary keys). The period is the caller's guess (it depends
// on the settings read here): memberState reads the state alone when the
// guess was wrong. memberPolicy is the first part alone, for other callers.

import type { GroupLimit, MemberLookup, MemberPolicy, MemberState, Totals } from '../../domain/spend/store.js';
import type { Executor } from '../executor.js';
import { preparedQuery, type PreparedQuery } from '../prepared-query.js';
import type { SqlDialect } from '../sql-dialect.js';
import { modeOf, overrideFromRow, settingsFromRow, type SettingsRow } from './policy-repository.js';

interface PolicyRow extends Omit<SettingsRow, 'currency'> {
  id: string;
  user_name: string;
  display_name: string | null;
  active: number;
  has_override: number;
  override_amount: unknown;
  override_mode: string | null;
  override_expires_at: string | null;
  override_request_id: string | null;
  currency: string | null;
}

interface StateRow {
  k: string;
  id: string | null;
  name: string | null;
  amount: unknown;
  mode: string | null;
  spent: unknown;
  held: unknown;
  notified: unknown;
  next_expiry: string | null;
}

/** A row of the combined read: the member's policy, their totals and the team's, and one of their groups (or none). */
interface PolicyStateRow extends PolicyRow {
  m_spent: unknown;
  m_held: unknown;
  m_notified: unknown;
  m_next_expiry: string | null;
  t_spent: unknown;
  t_held: unknown;
  t_notified: unknown;
  g_limited: string | null;
  g_id: string | null;
  g_name: string | null;
  g_amount: unknown;
  g_mode: string | null;
}

const amountOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** How each kind of member reference finds the user; `param()` is the next bound parameter. */
const LOOKUP_WHERE: Record<MemberLookup['by'], (param: () => string) => string> = {
  id: (param) => `u.id = ${param()}`,
  userName: (param) => `u.user_name_ci = ${param()}`,
  externalId: (param) => `u.external_id = ${param()}`,
  email: (param) => `u.id in (select e.user_id from user_emails e where e.team_id = ${param()} and e.value_ci = ${param()})`,
};

/** The lookup's bound values, in the order LOOKUP_WHERE writes their placeholders. */
function lookupValues(teamId: string, lookup: MemberLookup): unknown[] {
  switch (lookup.by) {
    case 'id':
    case 'externalId':
      return [lookup.value];
    case 'userName':
      return [lookup.value.toLowerCase()];
    case 'email':
      return [teamId, lookup.value.toLowerCase()];
  }
}

/**
 * Both reads are named prepared statements (prepared-query.ts): PostgreSQL
 * parses and plans them once per connection instead of on every
 * authorization, which was most of the database's CPU per request.
 */
function policyOf(teamId: string, r: PolicyRow): MemberPolicy {
  return {
    member: { id: r.id, userName: r.user_name, displayName: r.display_name, active: Number(r.active) === 1 },
    override:
      Number(r.has_override) === 1
        ? overrideFromRow({ amount: r.override_amount, mode: r.override_mode, expires_at: r.override_expires_at, request_id: r.override_request_id })
        : undefined,
    settings: r.currency === null ? undefined : settingsFromRow(teamId, { ...r, currency: r.currency }),
  };
}

const POLICY_COLUMNS = `u.id, u.user_name, u.display_name, u.active,
          case when o.user_id is null then 0 else 1 end as has_override, o.amount as override_amount,
          o.mode as override_mode, o.expires_at as override_expires_at, o.request_id as override_request_id,
          s.currency, s.default_limit, s.default_mode, s.team_cap, s.team_cap_mode, s.cap_per_member, s.alert_thresholds,
          s.period_kind, s.period_anchor, s.updated_at`;

export function createSpendAuthorizationRepository(dialect: SqlDialect) {
  const policyQueries = Object.fromEntries(
    (Object.keys(LOOKUP_WHERE) as MemberLookup['by'][]).map((by) => [
      by,
      preparedQuery<PolicyRow>(dialect, `spend_member_policy_by_${by.toLowerCase()}`, (param) => `select ${POLICY_COLUMNS}
        from users u
        left join spend_overrides o on o.user_id = u.id
        left join spend_settings s on s.team_id = u.team_id
        where u.team_id = ${param()} and ${LOOKUP_WHERE[by](param)}
        limit 2`),
    ]),
  ) as Record<MemberLookup['by'], PreparedQuery<PolicyRow>>;

  // Both reads in one statement, for a period the caller names: at most two
  // users (a third would not change the answer: ambiguous), each joined by
  // primary or indexed keys to their override, the team's settings, their
  // totals and the team's for the period, and their groups (one row per
  // group; those with a limit carry it).
  const policyStateQueries = Object.fromEntries(
    (Object.keys(LOOKUP_WHERE) as MemberLookup['by'][]).map((by) => [
      by,
      preparedQuery<PolicyStateRow>(dialect, `spend_member_policy_state_by_${by.toLowerCase()}`, (param) => {
        const team = param();
        const where = LOOKUP_WHERE[by](param);
        const period = param();
        const teamPeriod = param();
        return `select ${POLICY_COLUMNS},
          t.spent as m_spent, t.held as m_held, t.notified as m_notified, t.next_expiry as m_next_expiry,
          tt.spent as t_spent, tt.held as t_held, tt.notified as t_notified,
          gl.group_id as g_limited, g.id as g_id, g.display_name as g_name, gl.amount as g_amount, gl.mode as g_mode
        from (select u.id, u.team_id, u.user_name, u.display_name, u.active from users u where u.team_id = ${team} and ${where} limit 2) u
        left join spend_overrides o on o.user_id = u.id
        left join spend_settings s on s.team_id = u.team_id
        left join spend_totals t on t.user_id = u.id and t.period_start = ${period}
        left join spend_team_totals tt on tt.team_id = u.team_id and tt.period_start = ${teamPeriod}
        left join group_members gm on gm.member_id = u.id and gm.team_id = u.team_id
        left join spend_group_limits gl on gl.group_id = gm.group_id
        left join groups g on g.id = gl.group_id
        order by u.id`;
      }),
    ]),
  ) as Record<MemberLookup['by'], PreparedQuery<PolicyStateRow>>;

  const stateQuery = preparedQuery<StateRow>(dialect, 'spend_member_state', (param) => `select 'g' as k, g.id as id, g.display_name as name, gl.amount as amount, gl.mode as mode, 0 as spent, 0 as held, 0 as notified, null as next_expiry
          from group_members gm
          join spend_group_limits gl on gl.group_id = gm.group_id
          join groups g on g.id = gl.group_id
          where gm.member_id = ${param()} and gm.team_id = ${param()}
        union all
        select 'm', null, null, null, null, t.spent, t.held, t.notified, t.next_expiry from spend_totals t where t.user_id = ${param()} and t.period_start = ${param()}
        union all
        select 't', null, null, null, null, tt.spent, tt.held, tt.notified, null from spend_team_totals tt where tt.team_id = ${param()} and tt.period_start = ${param()}`);

  return {
    async memberPolicy(db: Executor, teamId: string, lookup: MemberLookup): Promise<MemberPolicy[]> {
      const rows = await policyQueries[lookup.by](db, [teamId, ...lookupValues(teamId, lookup)]);
      return rows.map((r) => policyOf(teamId, r));
    },

    async memberPolicyWithState(db: Executor, teamId: string, lookup: MemberLookup, periodStart: string): Promise<(MemberPolicy & { state: MemberState })[]> {
      const rows = await policyStateQueries[lookup.by](db, [teamId, ...lookupValues(teamId, lookup), periodStart, periodStart]);
      const out: (MemberPolicy & { state: MemberState })[] = [];
      for (const r of rows) {
        let last = out.at(-1);
        if (!last || last.member.id !== r.id) {
          const totals = (spent: unknown, held: unknown, notified: unknown): Totals => ({ spent: Number(spent ?? 0), held: Number(held ?? 0), notified: Number(notified ?? 0) });
          last = {
            ...policyOf(teamId, r),
            state: {
              groups: [],
              totals: r.m_spent === null ? totals(0, 0, 0) : { ...totals(r.m_spent, r.m_held, r.m_notified), nextExpiry: r.m_next_expiry },
              team: totals(r.t_spent, r.t_held, r.t_notified),
            },
          };
          out.push(last);
        }
        if (r.g_limited !== null) last.state.groups.push({ groupId: r.g_id as string, groupName: r.g_name as string, amount: amountOrNull(r.g_amount), mode: modeOf(r.g_mode) });
      }
      return out;
    },

    async memberState(db: Executor, teamId: string, userId: string, periodStart: string): Promise<MemberState> {
      const rows = await stateQuery(db, [userId, teamId, userId, periodStart, teamId, periodStart]);
      const groups: GroupLimit[] = [];
      const zero = (): Totals => ({ spent: 0, held: 0, notified: 0 });
      let totals = zero();
      let team = zero();
      for (const r of rows) {
        if (r.k === 'g') groups.push({ groupId: r.id as string, groupName: r.name as string, amount: amountOrNull(r.amount), mode: modeOf(r.mode) });
        else if (r.k === 'm') totals = { spent: Number(r.spent), held: Number(r.held), notified: Number(r.notified), nextExpiry: r.next_expiry };
        else team = { spent: Number(r.spent), held: Number(r.held), notified: Number(r.notified) };
      }
      return { groups, totals, team };
    },
  };
}
