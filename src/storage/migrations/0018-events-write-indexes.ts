// Issue 12: every event written updates each index of events. Two were on
// the team's events: (team_id, seq) from 0001 and the unique
// (team_id, team_seq) of 0005. Every read goes by the second: the feed and
// webhook dispatch (`team_id = ? and team_seq > ? order by team_seq`),
// deletion of a team's events (`team_id = ?`), and nothing orders or looks
// up events by `seq` within a team. The first only cost a write per event.
//
// The indexes of group_members stay: each serves a read or a foreign key
// (the primary key (group_id, member_id); (member_id, group_id) for a
// member's groups; the partial (member_user_id) / (member_group_id) for
// ON DELETE CASCADE; (group_id, member_type, member_seq) for a group's
// users in seq order; (group_id, added_at, …) for a full GET in the order
// added).

import type { Migration } from './index.js';

export const eventsWriteIndexes: Migration = {
  name: '0018-events-write-indexes',
  async up(db) {
    await db.schema.dropIndex('events_team_seq').execute();
  },
};
