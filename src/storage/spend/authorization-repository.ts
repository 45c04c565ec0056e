// The two reads of an authorization, written as plain SQL so the hot path
// costs two round trips whatever the member's groups or the ledger's length:
// (1) the member by reference with their override and the team's settings,
// by unique or indexed keys; (2) their limited groups through the
// group_members reverse index, joined to spend_group_limits by primary key,
// with the member's and the team's totals of the period by primary key.

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
export function createSpendAuthorizationRepository(dialect: SqlDialect) {
  const policyQueries = Object.fromEntries(
    (Object.keys(LOOKUP_WHERE) as MemberLookup['by'][]).map((by) => [
      by,
      preparedQuery<PolicyRow>(dialect, `spend_member_policy_by_${by.toLowerCase()}`, (param) => `select u.id, u.user_name, u.display_name, u.active,
          case when o.user_id is null then 0 else 1 end as has_override, o.amount as override_amount,
          o.mode as override_mode, o.expires_at as override_expires_at, o.request_id as override_request_id,
          s.currency, s.default_limit, s.default_mode, s.team_cap, s.team_cap_mode, s.cap_per_member, s.alert_thresholds,
          s.period_kind, s.period_anchor, s.updated_at
        from users u
        left join spend_overrides o on o.user_id = u.id
        left join spend_settings s on s.team_id = u.team_id
        where u.team_id = ${param()} and ${LOOKUP_WHERE[by](param)}
        limit 2`),
    ]),
  ) as Record<MemberLookup['by'], PreparedQuery<PolicyRow>>;

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
      return rows.map((r) => ({
        member: { id: r.id, userName: r.user_name, displayName: r.display_name, active: Number(r.active) === 1 },
        override:
          Number(r.has_override) === 1
            ? overrideFromRow({ amount: r.override_amount, mode: r.override_mode, expires_at: r.override_expires_at, request_id: r.override_request_id })
            : undefined,
        settings: r.currency === null ? undefined : settingsFromRow(teamId, { ...r, currency: r.currency }),
      }));
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
