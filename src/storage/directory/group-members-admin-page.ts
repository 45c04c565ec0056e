// One page of a group's members for the dashboard, with each member's type
// and status. Order: when the IdP added the member, then the member's seq,
// then member id — the order of the (group_id, added_at, member_seq,
// member_id) index (0019) and of the SCIM member lists, so a page costs the
// same in a group of ten or of 1M. A keyset cursor (the last row's added_at,
// seq and id) continues after a page without counting the rows before it.

import type { AdminMemberRow } from '../../domain/directory/types.js';
import type { MemberCursor } from '../../domain/directory/store.js';
import type { Executor } from '../executor.js';

export type { MemberCursor };

export async function membersAdminPage(db: Executor, groupId: string, page: { after?: MemberCursor; offset: number; limit: number }): Promise<{ rows: AdminMemberRow[]; last: MemberCursor | undefined }> {
  let query = db
    .selectFrom('group_members as gm')
    .leftJoin('users as u', 'u.id', 'gm.member_user_id')
    .leftJoin('groups as g', 'g.id', 'gm.member_group_id')
    .select(['gm.member_id as member_id', 'gm.member_type as member_type', 'gm.added_at as added_at', 'gm.member_seq as member_seq', 'gm.display as sent_display'])
    .select(['u.display_name as user_display', 'u.user_name as user_name', 'u.active as active', 'g.display_name as group_display'])
    .where('gm.group_id', '=', groupId);
  const after = page.after;
  if (after) {
    query = query.where((eb) => eb(eb.refTuple('gm.added_at', 'gm.member_seq', 'gm.member_id'), '>', eb.tuple(after.addedAt, after.seq as number, after.id)));
  }
  query = query.orderBy('gm.added_at').orderBy('gm.member_seq').orderBy('gm.member_id').limit(page.limit);
  if (!after && page.offset > 0) query = query.offset(page.offset);
  const found = await query.execute();
  const rows = found.map((row): AdminMemberRow => {
    const type = row.member_type === 'Group' ? 'Group' : 'User';
    return {
      id: row.member_id,
      type,
      display: row.sent_display ?? row.user_display ?? row.user_name ?? row.group_display ?? null,
      userName: type === 'User' ? (row.user_name ?? null) : null,
      // A group has no status of its own (RFC 7643 §4.2 has no Group.active).
      status: type === 'Group' ? null : Number(row.active) === 0 ? 'suspended' : 'active',
    };
  });
  const tail = found.at(-1);
  return { rows, last: tail ? { addedAt: tail.added_at, seq: tail.member_seq ?? 0, id: tail.member_id } : undefined };
}
