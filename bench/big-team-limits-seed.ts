// Server side of the big-team-limits group: a team of `members` users and a
// few groups seeded with INSERT … SELECT (100,000 users through
// services.users.create would take most of an hour), rows as the directory
// writes them: every indexed column (user_name_ci, external_id, emails),
// the JSON resource, versions, and the team's and groups' counters. An
// admin account with a sign-in link for the admin API, and the count of
// spend.limit_changed events the driver checks against affectedMembers.

import { sql } from 'kysely';
import type { ServerCommand, ServerCommandContext } from './server-commands.js';
import { USER_SCHEMA } from './fixtures.js';

export interface BigTeamSeedArgs {
  team: string;
  members: number;
  /** Each group takes the users whose position (0-based, in creation order) modulo `every` is `offset`. */
  groups: Array<{ name: string; every: number; offset: number }>;
}

export interface BigTeamSeed {
  groupIds: Record<string, string>;
  memberCounts: Record<string, number>;
  /** A few members, in creation order, for overrides. */
  sampleUserIds: string[];
  signInLink: string;
}

async function seedBigTeam(ctx: ServerCommandContext, args: BigTeamSeedArgs): Promise<BigTeamSeed> {
  const { storage, services } = ctx;
  const db = storage.db;
  const teamId = ctx.teamId(args.team);
  const at = new Date().toISOString();
  const n = sql.ref('n.i');
  const name = sql`'big' || ${n} || '@example.com'`;
  const given = sql`'Given' || ${n}`;
  const family = sql`'Family' || ${n}`;
  const resource = sql`'{"schemas":["' || ${USER_SCHEMA} || '"],"userName":"' || ${name} || '","externalId":"big-' || ${n} || '","name":{"givenName":"' || ${given} || '","familyName":"' || ${family} || '","formatted":"' || ${given} || ' ' || ${family} || '"},"displayName":"' || ${given} || ' ' || ${family} || '","emails":[{"value":"' || ${name} || '","type":"work","primary":true}],"locale":"en-US","active":true}'`;
  // Seeding is not a request: on a busy PostgreSQL the 100,000-row inserts can pass the server's statement timeout.
  const untimed = async (tx: typeof db) => {
    if (storage.dialect === 'postgres') await sql`set local statement_timeout = 0`.execute(tx);
  };
  await db.transaction().execute(async (tx) => {
    await untimed(tx);
    await sql`insert into users (id, team_id, user_name, user_name_ci, external_id, display_name, active, created_at, updated_at, version, resource, department_ci)
      with recursive n(i) as (select 0 union all select i + 1 from n where i < ${args.members - 1})
      select ${storage.sqlDialect.randomUuid()}, ${teamId}, ${name}, ${name}, 'big-' || ${n}, ${given} || ' ' || ${family}, 1, ${at}, ${at}, 1, ${resource}, null
      from n order by n.i`.execute(tx);
    await sql`insert into user_emails (team_id, user_id, position, value, value_ci, type, ${sql.ref('primary')})
      select team_id, id, 0, user_name, user_name_ci, 'work', 1 from users where team_id = ${teamId}`.execute(tx);
    await tx.updateTable('teams').set({ user_count: sql`user_count + ${args.members}` }).where('id', '=', teamId).execute();
  });
  const first = await db.selectFrom('users').select(sql<number>`min(seq)`.as('s')).where('team_id', '=', teamId).executeTakeFirstOrThrow();
  const groupIds: Record<string, string> = {};
  const memberCounts: Record<string, number> = {};
  for (const g of args.groups) {
    const groupId = (await services.groups.create(teamId, { displayName: g.name, externalId: `big-${g.name}` })).group.id;
    groupIds[g.name] = groupId;
    await db.transaction().execute(async (tx) => {
      await untimed(tx);
      // member_seq as the directory writes it (migration 0016): list pages and the limit fan-out reach members by it.
      await sql`insert into group_members (team_id, group_id, member_id, member_type, added_at, member_user_id, member_group_id, display, member_seq)
        select team_id, ${groupId}, id, 'User', ${at}, id, null, null, seq from users
        where team_id = ${teamId} and (seq - ${Number(first.s)}) % ${g.every} = ${g.offset}`.execute(tx);
      const count = await tx.selectFrom('group_members').select(sql<number>`count(*)`.as('c')).where('group_id', '=', groupId).executeTakeFirstOrThrow();
      memberCounts[g.name] = Number(count.c);
      await tx.updateTable('groups').set({ member_count: Number(count.c), version: sql`version + 1`, updated_at: at }).where('id', '=', groupId).execute();
    });
  }
  const sample = await db.selectFrom('users').select('id').where('team_id', '=', teamId).orderBy('seq').limit(20).execute();
  const account = await services.adminAccess.grant(teamId, `bench-admin-${teamId.slice(0, 8)}@example.com`, 'admin');
  const { secret } = await services.adminAccess.createSignInLink(account.id);
  return { groupIds, memberCounts, sampleUserIds: sample.map((r) => r.id), signInLink: secret };
}

async function limitChangedCount(ctx: ServerCommandContext, args: { team: string }): Promise<number> {
  const row = await ctx.storage.db
    .selectFrom('events')
    .select(sql<number>`count(*)`.as('c'))
    .where('team_id', '=', ctx.teamId(args.team))
    .where('type', '=', 'spend.limit_changed')
    .executeTakeFirstOrThrow();
  return Number(row.c);
}

export const BIG_TEAM_COMMANDS: Record<string, ServerCommand> = {
  bigTeamSeed: seedBigTeam as ServerCommand,
  bigTeamLimitChanged: limitChangedCount as ServerCommand,
};
