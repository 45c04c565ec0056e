// Memberships the database itself keeps sound. `member_id` names a user or a
// group (RFC 7643 §4.2 `members`), so one foreign key cannot cover it: two
// nullable columns do, `member_user_id` → users and `member_group_id` →
// groups, both ON DELETE CASCADE, and a CHECK says exactly one is set, equal
// to `member_id`, and agrees with `member_type`. A member added while it is
// being deleted now fails on the key instead of leaving an orphan row.
//
// Rows written before this had no such guarantee: orphans (members that no
// longer exist) are deleted first, their groups get a new version (their
// member list changed) and every group's member_count is recounted.

import { sql, type Kysely } from 'kysely';
import type { Migration } from './index.js';

const ORPHAN = sql`not exists (select 1 from users u where u.id = gm.member_id) and not exists (select 1 from groups g where g.id = gm.member_id)`;
// `is not null` spelled out: a CHECK that comes out NULL passes.
const REFERENCE_CHECK = sql`check (
  (member_type = 'User' and member_user_id is not null and member_user_id = member_id and member_group_id is null)
  or (member_type = 'Group' and member_group_id is not null and member_group_id = member_id and member_user_id is null))`;

async function dropOrphans(db: Kysely<unknown>): Promise<void> {
  const now = new Date().toISOString();
  await sql`update groups set version = version + 1, updated_at = ${now}
             where id in (select gm.group_id from group_members gm where ${ORPHAN})`.execute(db);
  await sql`delete from group_members where member_id in (select gm.member_id from group_members gm where ${ORPHAN})`.execute(db);
  await sql`update groups set member_count = (select count(*) from group_members gm where gm.group_id = groups.id)
             where member_count <> (select count(*) from group_members gm where gm.group_id = groups.id)`.execute(db);
}

async function createIndexes(db: Kysely<unknown>): Promise<void> {
  // ON DELETE CASCADE looks rows up by these columns; each row is in one of them.
  await sql`create index group_members_member_user on group_members (member_user_id) where member_user_id is not null`.execute(db);
  await sql`create index group_members_member_group on group_members (member_group_id) where member_group_id is not null`.execute(db);
}

/** PostgreSQL adds the columns and the CHECK to the table in place. */
async function addConstraint(db: Kysely<unknown>): Promise<void> {
  await sql`alter table group_members add column member_user_id text references users (id) on delete cascade`.execute(db);
  await sql`alter table group_members add column member_group_id text references groups (id) on delete cascade`.execute(db);
  await sql`update group_members set member_type = 'User', member_user_id = member_id
             where exists (select 1 from users u where u.id = group_members.member_id)`.execute(db);
  await sql`update group_members set member_type = 'Group', member_group_id = member_id
             where member_user_id is null and exists (select 1 from groups g where g.id = group_members.member_id)`.execute(db);
  await sql`alter table group_members add constraint group_members_member_ref ${REFERENCE_CHECK}`.execute(db);
  await createIndexes(db);
}

/** SQLite cannot add a CHECK to a table: the table is rebuilt with its indexes. */
async function rebuildTable(db: Kysely<unknown>): Promise<void> {
  await sql`create table group_members_next (
      team_id text not null,
      group_id text not null references groups (id) on delete cascade,
      member_id text not null,
      member_type text not null,
      added_at text not null,
      member_user_id text references users (id) on delete cascade,
      member_group_id text references groups (id) on delete cascade,
      constraint group_members_pk primary key (group_id, member_id),
      constraint group_members_member_ref ${REFERENCE_CHECK}
    )`.execute(db);
  await sql`insert into group_members_next (team_id, group_id, member_id, member_type, added_at, member_user_id, member_group_id)
      select gm.team_id, gm.group_id, gm.member_id,
             case when u.id is not null then 'User' else 'Group' end,
             gm.added_at, u.id, case when u.id is null then g.id end
        from group_members gm
        left join users u on u.id = gm.member_id
        left join groups g on g.id = gm.member_id
       where u.id is not null or g.id is not null`.execute(db);
  await sql`drop table group_members`.execute(db);
  await sql`alter table group_members_next rename to group_members`.execute(db);
  await sql`create index group_members_member on group_members (member_id, group_id)`.execute(db);
  await sql`create index group_members_group_added on group_members (group_id, added_at, member_id)`.execute(db);
  await createIndexes(db);
}

export const memberReferences: Migration = {
  name: '0008-member-references',
  async up(db, dialect) {
    await dropOrphans(db);
    if (dialect.addsConstraintsInPlace) await addConstraint(db);
    else await rebuildTable(db);
  },
};
