// Server command of the deep-pages group: N users in one team, written set
// by set (1,000 rows a statement) instead of one create each, which would
// take an hour at 200,000 users. The rows are those a create writes: the
// first user goes through the service, the others copy its stored shape
// with their own userName, externalId, name, emails and `active` (every
// tenth is inactive, so `active eq true` filters something), the indexed
// columns, the email side table, and the team's maintained user_count.

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ServerCommandContext } from './server-commands.js';
import { benchUser } from './fixtures.js';
import type { Insertable } from 'kysely';
import type { UserEmailsTable, UsersTable } from '../src/storage/db-types.js';

const BATCH = 1000;

export const isActive = (n: number) => n % 10 !== 9;

export async function seedDeepPageUsers(ctx: ServerCommandContext, args: { team: string; count: number }): Promise<number> {
  const teamId = ctx.teamId(args.team);
  const { db } = ctx.storage;
  const first = await ctx.services.users.create(teamId, benchUser(0));
  const template = await db.selectFrom('users').selectAll().where('id', '=', first.user.id).executeTakeFirstOrThrow();
  const shape = JSON.parse(template.resource) as Record<string, unknown>;
  for (let from = 1; from < args.count; from += BATCH) {
    const to = Math.min(args.count, from + BATCH);
    const users: Insertable<UsersTable>[] = [];
    const emails: Insertable<UserEmailsTable>[] = [];
    for (let n = from; n < to; n++) {
      const { schemas: _schemas, ...fields } = benchUser(n);
      const resource: Record<string, unknown> = { ...shape, ...fields, active: isActive(n) };
      const id = randomUUID();
      const userName = String(resource.userName);
      users.push({
        id,
        team_id: teamId,
        user_name: userName,
        user_name_ci: userName.toLowerCase(),
        external_id: String(resource.externalId),
        display_name: String(resource.displayName),
        active: isActive(n) ? 1 : 0,
        created_at: template.created_at,
        updated_at: template.updated_at,
        version: template.version,
        resource: JSON.stringify(resource),
        department_ci: null,
      });
      emails.push({ team_id: teamId, user_id: id, position: 0, value: userName, value_ci: userName.toLowerCase(), type: 'work', primary: 1 });
    }
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('users').values(users).execute();
      await tx.insertInto('user_emails').values(emails).execute();
      await tx.updateTable('teams').set({ user_count: sql`user_count + ${users.length}` }).where('id', '=', teamId).execute();
    });
  }
  return args.count;
}
