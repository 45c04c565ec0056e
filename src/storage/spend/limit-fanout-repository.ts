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

/**
 * An inner join that SQLite runs in the written order (its CROSS JOIN),
 * where it has no statistics and would otherwise walk the whole team, or
 * every user, to probe a short list; PostgreSQL plans by statistics.
 */
const thenJoin = (dialect: SqlDialect) => (dialect.name === 'sqlite' ? sql`cross join` : sql`inner join`);

const amountOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const text = (v: string | null) => sql`cast(${v} as text)`;

/**
 * The team's limited groups with their rank and limit before and after (one
 * row that matches nothing when none), sent as one JSON parameter: a VALUES
 * list would bind seven parameters per group and stop at PostgreSQL's 65,535
 * (about 9,000 limited groups).
 */
function limitsTable(dialect: SqlDialect, plan: LimitFanOut): RawBuilder<unknown> {
  const rows = (plan.groups.length > 0 ? plan.groups : [{ groupId: '', before: null, after: null }]).map((g) => ({
    group_id: g.groupId,
    brank: g.before?.rank ?? null,
    bkey: g.before?.key ?? null,
    bjson: g.before?.json ?? null,
    arank: g.after?.rank ?? null,
    akey: g.after?.key ?? null,
    ajson: g.after?.json ?? null,
  }));
  const records = dialect.jsonRecords(JSON.stringify(rows), 'l', { group_id: 'text', brank: 'integer', bkey: 'text', bjson: 'text', arank: 'integer', akey: 'text', ajson: 'text' });
  // Materialized: the members' rows probe it twice each (before and after),
  // and SQLite would otherwise flatten it into each probe and parse the JSON
  // once per member (a 100,000-member preview went from 0.4 to 4.4 s of CPU).
  return sql`lim (group_id, brank, bkey, bjson, arank, akey, ajson) as materialized (select l.group_id, l.brank, l.bkey, l.bjson, l.arank, l.akey, l.ajson from ${records})`;
}

/**
 * Users with an override in force, and users in a limited group: computed
 * once per statement (a non-correlated IN list), not probed per member.
 */
const overridden = (plan: LimitFanOut) =>
  sql`(select o.user_id from spend_overrides o where o.team_id = ${plan.teamId} and (o.expires_at is null or o.expires_at > ${plan.now}))`;
const inLimitedGroup = (plan: LimitFanOut) =>
  sql`(select gm.member_id from spend_group_limits sgl inner join group_members gm on gm.group_id = sgl.group_id where sgl.team_id = ${plan.teamId})`;

/**
 * Whether the user `u` is in the change's reach, as a predicate: the
 * default reaches active members in no limited group and without an
 * override; a group its active user members (`withOverrides`: those with an
 * override in force too).
 */
function reach(plan: LimitFanOut, options: { withOverrides?: boolean } = {}): RawBuilder<unknown> {
  if (plan.scope.target === 'default') return sql`u.active = 1 and u.id not in ${overridden(plan)} and u.id not in ${inLimitedGroup(plan)}`;
  const member = sql`exists (select 1 from group_members gm where gm.group_id = ${plan.scope.groupId} and gm.member_id = u.id)`;
  return options.withOverrides ? sql`u.active = 1 and ${member}` : sql`u.active = 1 and ${member} and u.id not in ${overridden(plan)}`;
}

/**
 * The members in reach with their order key, their winning ranks and
 * whether an override holds their limit (`held`: the what-if counts them in
 * a group's scope, though their limit cannot change). Walks the group's
 * membership index, or the team's users for the default.
 */
function scope(dialect: SqlDialect, plan: LimitFanOut, options: { withOverrides?: boolean } = {}): RawBuilder<unknown> {
  const columns = sql`u.id as id, u.user_name as user_name, u.display_name as display_name, u.active as active`;
  if (plan.scope.target === 'default') {
    // Members in no limited group: no rank to find, the default applies before and after.
    return sql`scope as (
      select ${columns}, u.seq as k, cast(null as integer) as bwin, cast(null as integer) as awin, 0 as held
      from users u where u.team_id = ${plan.teamId} and ${reach(plan)})`;
  }
  const held = options.withOverrides ? sql`case when u.id in ${overridden(plan)} then 1 else 0 end` : sql`0`;
  const free = options.withOverrides ? sql`` : sql` and u.id not in ${overridden(plan)}`;
  // The winning ranks of every user member of a limited group, in one
  // grouped pass over those memberships, keyed by the member's seq: the
  // (group_id, member_type, member_seq) index holds all of it. The group's
  // members are reached the same way, each user by its seq (the users'
  // primary key, in table order): by id they were a random read of the user
  // table per member, most of the time of a 50,000-member group.
  return sql`wins as (
    select g2.member_seq as member_seq, min(l.brank) as bwin, min(l.arank) as awin
    from lim l inner join group_members g2 on g2.group_id = l.group_id and g2.member_type = 'User'
    group by g2.member_seq),
  scope as (
    select ${columns}, u.id as k, w.bwin as bwin, w.awin as awin, ${held} as held
    from group_members gm ${thenJoin(dialect)} users u on u.seq = gm.member_seq left join wins w on w.member_seq = gm.member_seq
    where gm.group_id = ${plan.scope.groupId} and gm.member_type = 'User' and u.team_id = ${plan.teamId} and u.active = 1${free})`;
}

/** `scope` with each member's limit before and after, as key and JSON. */
function impact(plan: LimitFanOut, materialized = false): RawBuilder<unknown> {
  const { before, after } = plan.fallback;
  return sql`impact as ${materialized ? sql`materialized ` : sql``}(
    select s.id, s.user_name, s.display_name, s.active, s.k, s.held,
      coalesce(lb.bkey, ${text(before.key)}) as bkey, coalesce(lb.bjson, ${text(before.json)}) as bjson,
      coalesce(la.akey, ${text(after.key)}) as akey, coalesce(la.ajson, ${text(after.json)}) as ajson
    from scope s left join lim lb on lb.brank = s.bwin left join lim la on la.arank = s.awin)`;
}

export function createLimitFanOutRepository(dialect: SqlDialect, events: EventsRepository) {
  const changes = (plan: LimitFanOut, options: { withOverrides?: boolean } = {}) => sql`with ${limitsTable(dialect, plan)}, ${scope(dialect, plan, options)}, ${impact(plan)}`;
  const repository = {
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

    async countLimitChanges(db: Executor, plan: LimitFanOut): Promise<{ affected: number; inScope: number }> {
      if (plan.scope.target === 'default') {
        // Every member the default reaches has the fallback before and after:
        // all of them change or none. Counted as the team's active members
        // (the (team_id, active) index alone) less the few of them with an
        // override or in a limited group, found by id (walking that list, not
        // the team): reading every member's row for its id
        // cost a 100,000-member team most of a second.
        const excluded = sql`select o.user_id as id from spend_overrides o where o.team_id = ${plan.teamId} and (o.expires_at is null or o.expires_at > ${plan.now})
          union select gm.member_id from spend_group_limits sgl inner join group_members gm on gm.group_id = sgl.group_id where sgl.team_id = ${plan.teamId}`;
        const { rows } = await sql<{ active: unknown; excluded: unknown }>`select
          (select count(*) from users u where u.team_id = ${plan.teamId} and u.active = 1) as active,
          (select count(*) from (${excluded}) x ${thenJoin(dialect)} users u on u.id = x.id where u.team_id = ${plan.teamId} and u.active = 1) as excluded`.execute(db);
        const inScope = Number(rows[0]?.active ?? 0) - Number(rows[0]?.excluded ?? 0);
        return { affected: plan.fallback.before.key === plan.fallback.after.key ? 0 : inScope, inScope };
      }
      const { rows } = await sql<{ affected: unknown; in_scope: unknown }>`${changes(plan, { withOverrides: true })}
        select coalesce(sum(case when held = 0 and bkey <> akey then 1 else 0 end), 0) as affected, count(*) as in_scope from impact`.execute(db);
      return { affected: Number(rows[0]?.affected ?? 0), inScope: Number(rows[0]?.in_scope ?? 0) };
    },

    async previewLimitChanges(db: Executor, plan: LimitFanOut, limit: number) {
      if (plan.scope.target === 'default' || dialect.roundTrips) {
        // The default's count reads no member's row (above) and its sample
        // stops after its first rows in seq order. On PostgreSQL the two run
        // side by side on two connections (one statement measured no cheaper there).
        const [counts, sample] = await Promise.all([repository.countLimitChanges(db, plan), repository.limitChangesSample(db, plan, limit)]);
        return { ...counts, sample };
      }
      // A group on SQLite (one connection): the counts and the first members
      // in event order from one computation of every member's limits
      // (materialized, then read twice), where two statements computed it
      // twice. Typed NULLs: PostgreSQL types an untyped one in a subquery as
      // text (kept so the statement runs on both).
      type Row = { part: string; n: unknown; id: string; user_name: string; display_name: string | null; active: number; bjson: string; ajson: string; affected: unknown; in_scope: unknown };
      const { rows } = await sql<Row>`with ${limitsTable(dialect, plan)}, ${scope(dialect, plan, { withOverrides: true })}, ${impact(plan, true)}
        select 'count' as part, cast(0 as bigint) as n, ${text(null)} as id, ${text(null)} as user_name, ${text(null)} as display_name, cast(null as integer) as active, ${text(null)} as bjson, ${text(null)} as ajson,
          coalesce(sum(case when held = 0 and bkey <> akey then 1 else 0 end), 0) as affected, count(*) as in_scope
        from impact
        union all
        select * from (
          select 'sample' as part, row_number() over (order by k) as n, id, user_name, display_name, active, bjson, ajson, cast(null as bigint) as affected, cast(null as bigint) as in_scope
          from impact where held = 0 and bkey <> akey order by k limit ${limit}) x`.execute(db);
      const counts = rows.find((r) => r.part === 'count');
      const sample = rows.filter((r) => r.part === 'sample').sort((a, b) => Number(a.n) - Number(b.n));
      return {
        affected: Number(counts?.affected ?? 0),
        inScope: Number(counts?.in_scope ?? 0),
        sample: sample.map((r) => ({ member: toMember(r), previous: r.bjson, current: r.ajson })),
      };
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
        select ${dialect.randomUuid()}, ${plan.teamId}, cast(${last} as bigint) + row_number() over (order by k), ${event.type}, ${event.occurredAt}, 'User', id,
          ${p0} || ${dialect.jsonQuote(sql.ref('id'))} || ${p1} || ${dialect.jsonQuote(sql.ref('user_name'))} || ${p2} || bjson || ${p3} || ajson || ${p4}
        from impact where bkey <> akey`.execute(db);
      const count = Number(result.numAffectedRows ?? 0n);
      await events.advance(db, plan.teamId, count);
      return count;
    },

    async limitSpenders(db: Executor, plan: LimitFanOut, periodStart: string): Promise<SpendMember[]> {
      // Driven by the period's ledger, the only rows the what-if replays
      // (a member without entries can be neither refused nor flagged): the
      // distinct members of the (team_id, period_start, user_id) index range,
      // then each one's user row by key, in that order on SQLite. The
      // team's users probing spend_totals read every member's row (a
      // 100,000-member team with no spend paid for all of them), and before
      // that, with no team in the predicate, every user of every team.
      const columns = sql`u.id as id, u.user_name as user_name, u.display_name as display_name, u.active as active`;
      const spenders = sql`(select distinct l.user_id as user_id from spend_ledger l where l.team_id = ${plan.teamId} and l.period_start = ${periodStart}) s`;
      const join = thenJoin(dialect);
      const rows =
        plan.scope.target === 'default'
          ? await sql<{ id: string; user_name: string; display_name: string | null; active: number }>`
              select ${columns} from ${spenders} ${join} users u on u.id = s.user_id
              where u.team_id = ${plan.teamId} and ${reach(plan, { withOverrides: true })}
              order by u.seq`.execute(db)
          : await sql<{ id: string; user_name: string; display_name: string | null; active: number }>`
              select ${columns} from ${spenders} ${join} group_members gm on gm.group_id = ${plan.scope.groupId} and gm.member_id = s.user_id ${join} users u on u.id = s.user_id
              where u.team_id = ${plan.teamId} and u.active = 1
              order by u.id`.execute(db);
      return rows.rows.map(toMember);
    },
  };
  return repository;
}
