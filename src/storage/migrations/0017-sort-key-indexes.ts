// Sorted pages by userName (Users) and displayName (Groups) in index order.
// The sort key compares by code point (sortText: `collate "C"` on
// PostgreSQL), which the plain (team_id, user_name_ci) index does not serve
// there: every sorted page sorted the whole team. These indexes are on the
// key as it sorts, then seq (the tiebreak), so a sorted first page, or an
// RFC 9865 cursor page at any depth (storage/scim-sql/keyset-page.ts), is
// one range scan. SQLite's text order already is by code point and its
// (team_id, user_name_ci) index ends with the rowid (seq): nothing to add.

import { sql, type Kysely } from 'kysely';
import type { Migration } from './index.js';

export const sortKeyIndexes: Migration = {
  name: '0017-sort-key-indexes',
  async up(db: Kysely<unknown>, dialect) {
    if (!dialect.sortTextNeedsIndex) return;
    const key = (column: string) => dialect.sortText(sql.ref(column));
    await sql`create index users_team_user_name_sort on users (team_id, ${key('user_name_ci')}, seq)`.execute(db);
    await sql`create index groups_team_display_name_sort on groups (team_id, ${key('display_name_ci')}, seq)`.execute(db);
  },
};
