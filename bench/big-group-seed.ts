// Server side of the big-group phases (bench/big-group-phase.ts): a team of
// `users` users seeded set-based (INSERT … SELECT from one JSON parameter of
// 2,000 rows, SqlDialect.jsonRecords, with
// every indexed column, their email rows and the team's counter as
// services.users.create writes them), one group holding all of them (one
// INSERT … SELECT per 50,000 members, member_seq included, then its
// member_count and version), `extra` users in no group, and a group of ten
// made through the service. No events are written for the seeded rows.

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ServerCommandContext } from './server-commands.js';
import { benchUser, userNameOf } from './fixtures.js';

export interface BigGroupSeedArgs {
  team: string;
  users: number;
  extra: number;
}

export interface BigGroupSeed {
  bigGroupId: string;
  smallGroupId: string;
  /** Members of the big group only (the first two) and of the small group only (the first). */
  bigOnlyUser: string;
  smallOnlyUser: string;
  /** Users in no group, to add and remove. */
  extraIds: string[];
}

const ROWS = 2_000;
const USER_COLUMNS = {
  id: 'text', team_id: 'text', user_name: 'text', user_name_ci: 'text', external_id: 'text', display_name: 'text', active: 'integer',
  created_at: 'text', updated_at: 'text', version: 'integer', resource: 'text', department_ci: 'text',
} as const;
const EMAIL_COLUMNS = { team_id: 'text', user_id: 'text', position: 'integer', value: 'text', value_ci: 'text', type: 'text', primary: 'integer' } as const;
const MEMBERS_PER_STATEMENT = 50_000;

export async function seedBigGroup(ctx: ServerCommandContext, args: BigGroupSeedArgs): Promise<BigGroupSeed> {
  const { storage, services } = ctx;
  const db = storage.db;
  const dialect = storage.sqlDialect;
  const teamId = ctx.teamId(args.team);
  const at = new Date().toISOString();

  async function insertUsers(from: number, to: number): Promise<string[]> {
    const ids: string[] = [];
    for (let start = from; start < to; start += ROWS * 10) {
      await db.transaction().execute(async (tx) => {
        for (let n = start; n < Math.min(to, start + ROWS * 10); n += ROWS) {
          const users = [];
          const emails = [];
          for (let k = n; k < Math.min(to, n + ROWS); k++) {
            const id = randomUUID();
            const resource = benchUser(k);
            ids.push(id);
            users.push({
              id, team_id: teamId, user_name: userNameOf(k), user_name_ci: userNameOf(k).toLowerCase(), external_id: resource.externalId as string,
              display_name: resource.displayName as string, active: 1, created_at: at, updated_at: at, version: 1, resource: JSON.stringify(resource), department_ci: null,
            });
            emails.push({ team_id: teamId, user_id: id, position: 0, value: userNameOf(k), value_ci: userNameOf(k).toLowerCase(), type: 'work', primary: 1 });
          }
          // One JSON parameter per statement: kysely would compile a bound parameter per cell.
          await sql`insert into users (id, team_id, user_name, user_name_ci, external_id, display_name, active, created_at, updated_at, version, resource, department_ci)
                    select r.id, r.team_id, r.user_name, r.user_name_ci, r.external_id, r.display_name, r.active, r.created_at, r.updated_at, r.version, r.resource, r.department_ci
                    from ${dialect.jsonRecords(JSON.stringify(users), 'r', USER_COLUMNS)}`.execute(tx);
          await sql`insert into user_emails (team_id, user_id, position, value, value_ci, type, "primary")
                    select r.team_id, r.user_id, r.position, r.value, r.value_ci, r.type, r."primary"
                    from ${dialect.jsonRecords(JSON.stringify(emails), 'r', EMAIL_COLUMNS)}`.execute(tx);
        }
        const added = Math.min(to, start + ROWS * 10) - start;
        await tx.updateTable('teams').set({ user_count: sql`user_count + ${added}` }).where('id', '=', teamId).execute();
      });
    }
    return ids;
  }

  const memberIds = await insertUsers(0, args.users);
  const extraIds = await insertUsers(args.users, args.users + args.extra);
  const big = await services.groups.create(teamId, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'big-group', externalId: 'grp-big' });
  const bigGroupId = big.group.id;
  const range = await db.selectFrom('users').select([sql<number>`min(seq)`.as('lo'), sql<number>`max(seq)`.as('hi')]).where('id', 'in', [memberIds[0], memberIds[memberIds.length - 1]]).executeTakeFirstOrThrow();
  const memberSet = { lo: Number(range.lo), hi: Number(range.hi) };
  for (let lo = memberSet.lo; lo <= memberSet.hi; lo += MEMBERS_PER_STATEMENT) {
    const hi = Math.min(memberSet.hi, lo + MEMBERS_PER_STATEMENT - 1);
    await sql`insert into group_members (team_id, group_id, member_id, member_type, added_at, member_user_id, member_group_id, display, member_seq)
              select team_id, ${bigGroupId}, id, 'User', ${at}, id, null, null, seq from users
              where team_id = ${teamId} and seq between ${lo} and ${hi}`.execute(db);
  }
  const count = Number((await sql<{ n: number }>`select count(*) as n from group_members where group_id = ${bigGroupId}`.execute(db)).rows[0].n);
  if (count !== args.users) throw new Error(`big group seeded with ${count} members, expected ${args.users}`);
  await db.updateTable('groups').set({ member_count: count, version: sql`version + 1` }).where('id', '=', bigGroupId).execute();

  const smallMembers = [...extraIds.slice(0, 1), ...memberIds.slice(0, 9)];
  const small = await services.groups.create(teamId, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'small-group', externalId: 'grp-small', members: smallMembers.map((value) => ({ value })),
  });
  // Statistics for the planner (PostgreSQL) and a checkpointed WAL (SQLite), as a long-running server would have.
  if (storage.dialect === 'postgres') for (const table of ['users', 'user_emails', 'groups', 'group_members']) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  else await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return { bigGroupId, smallGroupId: small.group.id, bigOnlyUser: memberIds[10], smallOnlyUser: extraIds[0], extraIds: extraIds.slice(1) };
}

/** process.memoryUsage() in MB, after a full collection when `gc` (the server runs with --expose-gc). */
export async function serverMemory(_ctx: ServerCommandContext, args: { gc?: boolean }): Promise<{ rssMb: number; heapUsedMb: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (args.gc && gc) gc();
  const m = process.memoryUsage();
  return { rssMb: m.rss / 1048576, heapUsedMb: m.heapUsed / 1048576 };
}
