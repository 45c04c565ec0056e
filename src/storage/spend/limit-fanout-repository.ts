// The effect of a change of the team default or of a group's limit, member
// by member, computed by the database in one statement (issue 12): a team of
// 100,000 members took seconds when each page of members went to the process
// and back. For every member in reach it finds the winning limited group
// before and after (the lowest rank the domain gave, through the
// group_members reverse index), falls back to the default, compares the keys,
// and counts, samples or writes the spend.limit_changed events with
// INSERT … SELECT, the payload spliced from the domain's template.

import { sql, type RawBuilder } from 'kysely';
import type { GroupLimit, LimitChangedTemplate, LimitFanOut, SpendMember } from '../../domain/spend/store.js';
import type { Executor } from '../executor.js';
import type { EventsRepository } from '../realtime/events-repository.js';
import type { SqlDialect } from '../sql-dialect.js';
import { modeOf } from './policy-repository.js';
import { toMember } from './members-repository.js';

const amountOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const int = (v: number | null) => sql`cast(${v} as integer)`;
const text = (v: string | null) => sql`cast(${v} as text)`;

/** The team's limited groups with their rank and limit before and after (one row that matches nothing when none). */
function limitsTable(plan: LimitFanOut): RawBuilder<unknown> {
  const rows = plan.groups.length > 0 ? plan.groups : [{ groupId: '', before: null, after: null }];
  return sql`lim (group_id, brank, bkey, bjson, arank, akey, ajson) as (values ${sql.join(
    rows.map((g) => sql`(${text(g.groupId)}, ${int(g.before?.rank ?? null)}, ${text(g.before?.key ?? null)}, ${text(g.before?.json ?? null)}, ${int(g.after?.rank ?? null)}, ${text(g.after?.key ?? null)}, ${text(g.after?.json ?? null)})`),
  )})`;
}

const overrideInForce = (now: string) =>
  sql`exists (select 1 from spend_overrides o where o.user_id = u.id and (o.expires_at is null or o.expires_at > ${now}))`;

/**
 * The members in reach with their order key and winning ranks. `overridden`:
 * keep a group's members with an override in force too (the what-if counts
 * them in scope, though their limit cannot change); the default's reach
 * never has them.
 */
function scope(plan: LimitFanOut, options: { overridden?: boolean } = {}): RawBuilder<unknown> {
  const free = sql` and not ${overrideInForce(plan.now)}`;
  if (plan.scope.target === 'default') {
    // Members in no limited group: no rank to find, the default applies before and after.
    return sql`scope as (
      select u.id as id, u.user_name as user_name, u.display_name as display_name, u.active as active, u.seq as k, cast(null as integer) as bwin, cast(null as integer) as awin
      from users u
      where u.team_id = ${plan.teamId} and u.active = 1${free}
        and not exists (select 1 from group_members gm inner join spend_group_limits sgl on sgl.group_id = gm.group_id where gm.member_id = u.id))`;
  }
  const win = (rank: 'brank' | 'arank') =>
    sql`(select min(l.${sql.raw(rank)}) from group_members g2 inner join lim l on l.group_id = g2.group_id where g2.member_id = u.id)`;
  return sql`scope as (
    select u.id as id, u.user_name as user_name, u.display_name as display_name, u.active as active, gm.member_id as k, ${win('brank')} as bwin, ${win('arank')} as awin
    from group_members gm inner join users u on u.id = gm.member_id
    where gm.group_id = ${plan.scope.groupId} and u.active = 1${options.overridden ? sql`` : free})`;
}

/** `scope` with each member's limit before and after, as key and JSON. */
function impact(plan: LimitFanOut): RawBuilder<unknown> {
  const { before, after } = plan.fallback;
  return sql`impact as (
    select s.id, s.user_name, s.display_name, s.active, s.k,
      coalesce(lb.bkey, ${text(before.key)}) as bkey, coalesce(lb.bjson, ${text(before.json)}) as bjson,
      coalesce(la.akey, ${text(after.key)}) as akey, coalesce(la.ajson, ${text(after.json)}) as ajson
    from scope s left join lim lb on lb.brank = s.bwin left join lim la on la.arank = s.awin)`;
}

const changes = (plan: LimitFanOut) => sql`with ${limitsTable(plan)}, ${scope(plan)}, ${impact(plan)}`;

export function createLimitFanOutRepository(dialect: SqlDialect, events: EventsRepository) {
  return {
    async teamGroupLimits(db: Executor, teamId: string): Promise<GroupLimit[]> {
      const rows = await db
        .selectFrom('spend_group_limits')
        .innerJoin('groups', 'groups.id', 'spend_group_limits.group_id')
        .select(['groups.id as group_id', 'groups.display_name as name', 'spend_group_limits.amount as amount', 'spend_group_limits.mode as mode'])
        .where('spend_group_limits.team_id', '=', teamId)
        .execute();
      return rows.map((r) => ({ groupId: r.group_id, groupName: r.name, amount: amountOrNull(r.amount), mode: modeOf(r.mode) }));
    },

    async lockEvents(db: Executor, teamId: string): Promise<void> {
      await events.lock(db, teamId);
    },

    async countLimitChanges(db: Executor, plan: LimitFanOut): Promise<number> {
      const { rows } = await sql<{ n: unknown }>`${changes(plan)} select count(*) as n from impact where bkey <> akey`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },

    async limitChangesSample(db: Executor, plan: LimitFanOut, limit: number) {
      const { rows } = await sql<{ id: string; user_name: string; display_name: string | null; active: number; bjson: string; ajson: string }>`${changes(plan)}
        select id, user_name, display_name, active, bjson, ajson from impact where bkey <> akey order by k limit ${limit}`.execute(db);
      return rows.map((r) => ({ member: toMember(r), previous: r.bjson, current: r.ajson }));
    },

    async appendLimitChanges(db: Executor, plan: LimitFanOut, event: LimitChangedTemplate): Promise<number> {
      const last = await events.lock(db, plan.teamId);
      const [p0, p1, p2, p3, p4] = event.parts.map(text);
      const result = await sql`${changes(plan)}
        insert into events (id, team_id, team_seq, type, occurred_at, resource_type, resource_id, data)
        select ${dialect.randomUuid()}, ${plan.teamId}, ${int(last)} + row_number() over (order by k), ${event.type}, ${event.occurredAt}, 'User', id,
          ${p0} || ${dialect.jsonQuote(sql.ref('id'))} || ${p1} || ${dialect.jsonQuote(sql.ref('user_name'))} || ${p2} || bjson || ${p3} || ajson || ${p4}
        from impact where bkey <> akey`.execute(db);
      const count = Number(result.numAffectedRows ?? 0n);
      await events.advance(db, plan.teamId, count);
      return count;
    },

    async limitScope(db: Executor, plan: LimitFanOut, periodStart: string): Promise<{ inScope: number; spenders: SpendMember[] }> {
      const all = sql`with ${limitsTable(plan)}, ${scope(plan, { overridden: true })}`;
      const { rows: counted } = await sql<{ n: unknown }>`${all} select count(*) as n from scope`.execute(db);
      const { rows } = await sql<{ id: string; user_name: string; display_name: string | null; active: number }>`${all}
        select id, user_name, display_name, active from scope s
        where exists (select 1 from spend_totals t where t.user_id = s.id and t.period_start = ${periodStart})
        order by k`.execute(db);
      return { inScope: Number(counted[0]?.n ?? 0), spenders: rows.map(toMember) };
    },
  };
}
