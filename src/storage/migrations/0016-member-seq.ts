// Issue 12: `GET /Users?filter=groups.value eq "<id>"` lists a group's users
// in the default order (users.seq). With each membership row carrying its
// member's seq, a page is a range of one index, (group_id, member_type,
// member_seq), whatever the size of the group or the depth of the page:
// nothing is sorted and nothing else of the group is read. The repository
// writes it with every new membership; this fills it for those stored, in one
// statement per member type. The index members are read by in the order
// added now covers what a streamed GET reads.

import { sql, type Kysely } from 'kysely';
import type { Migration } from './index.js';
import type { SqlDialect } from '../sql-dialect.js';

/** Gives every membership without member_seq its member's seq (users.seq or groups.seq), one statement per member type. */
export async function fillMemberSeq(db: Kysely<unknown>): Promise<void> {
  await sql`update group_members set member_seq = (select u.seq from users u where u.id = group_members.member_user_id)
             where member_seq is null and member_user_id is not null`.execute(db);
  await sql`update group_members set member_seq = (select g.seq from groups g where g.id = group_members.member_group_id)
             where member_seq is null and member_group_id is not null`.execute(db);
}

export const memberSeq: Migration = {
  name: '0016-member-seq',
  async up(db: Kysely<unknown>, dialect: SqlDialect) {
    await db.schema.alterTable('group_members').addColumn('member_seq', dialect.serialCopyType).execute();
    await fillMemberSeq(db);
    await db.schema.createIndex('group_members_group_seq').on('group_members').columns(['group_id', 'member_type', 'member_seq']).execute();
    // A full GET of a large group reads its members in the order added, in
    // keyset batches: this index (replacing the one of 0002/0008 on its first
    // three columns) carries what each row needs, so the scan never visits
    // the table and reaches each member by its seq.
    await db.schema.dropIndex('group_members_group_added').execute();
    await db.schema
      .createIndex('group_members_group_added')
      .on('group_members')
      .columns(['group_id', 'added_at', 'member_id', 'member_type', 'member_seq', 'display'])
      .execute();
  },
};
