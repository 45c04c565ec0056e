// Issue 12: a full GET of a large group reads its members in the order they
// were added, in keyset batches over (group_id, added_at, …). Members added
// by one PATCH share `added_at`, and ties went by member_id, a random UUID:
// each member's display name was then read from a random page of `users`
// (two thirds of a streamed GET's time on SQLite at a million members).
// Ties now go by member_seq (the member's own seq, 0016), so a batch reads
// users in table order; member_id stays last to keep the key unique (users
// and groups number their seq apart).

//
// The keyset compares (added_at, member_seq, member_id) as a row value, so a
// NULL member_seq would end a batch early and hide the rest of its tie: any
// row still without one (written outside the repository, restored from an
// old dump) gets its member's seq first, as 0016 filled them.

import type { Migration } from './index.js';
import { fillMemberSeq } from './0016-member-seq.js';

export const membersAddedSeqOrder: Migration = {
  name: '0019-members-added-seq-order',
  async up(db) {
    await fillMemberSeq(db);
    await db.schema.dropIndex('group_members_group_added').execute();
    await db.schema
      .createIndex('group_members_group_added')
      .on('group_members')
      .columns(['group_id', 'added_at', 'member_seq', 'member_id', 'member_type', 'display'])
      .execute();
  },
};
