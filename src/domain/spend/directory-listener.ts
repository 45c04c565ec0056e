// Spend follows the directory. Effective limits are computed on read, so a
// SCIM change applies to the next authorization at once; these hooks run
// inside the SCIM change's transaction to keep the limited-group counts
// right and to write spend.limit_changed for the members whose limit moved:
// membership changes of a group that has a limit, deletion of such a group,
// and a member's suspension, reactivation or deletion. A group without a
// limit costs one primary-key read per change.

import type { StoredResource } from '../directory/types.js';
import type { DomainEvent } from '../events.js';
import { effectiveLimit, overrideInForce, REMOVED, sameLimit } from './effective-limit.js';
import { createPolicyImpact } from './policy-impact.js';
import { limitFrom, type SpendContext } from './spend-context.js';
import { DIRECTORY, type LimitChangeReason } from './spend-events.js';
import type { GroupLimit, SpendMember } from './store.js';
import { limitValue } from './spend-policy.js';

export interface MembershipChange {
  teamId: string;
  groupId: string;
  added: string[];
  removed: string[];
}

export interface MemberStatusChange {
  teamId: string;
  /** The user as stored after the change (before it, for a deletion). */
  user: StoredResource;
  status: 'suspended' | 'reactivated' | 'deleted';
  /** For a deletion: the groups the user was a member of. */
  groupIds: string[];
}

const asMember = (user: StoredResource, active: boolean): SpendMember => ({
  id: user.id,
  userName: String(user.resource.userName),
  displayName: typeof user.resource.displayName === 'string' ? user.resource.displayName : null,
  active,
});

export function createDirectoryListener(ctx: SpendContext) {
  const { store, clock, ids } = ctx;
  const impact = createPolicyImpact(ctx);

  return {
    async membersChanged(tx: unknown, change: MembershipChange): Promise<void> {
      const { teamId, groupId } = change;
      // The directory appended its own events before calling: this
      // transaction holds the team's events lock already, so the policy read
      // here cannot be overtaken by an admin limit change (which takes the
      // same lock first, spend-policy.ts).
      const limited = await store.groupLimit(tx, teamId, groupId);
      if (!limited) return;
      const users = await store.membersByIds(tx, teamId, [...change.added, ...change.removed]);
      if (users.length === 0) return;
      const added = new Set(change.added);
      await store.adjustLimitedGroups(tx, teamId, users.filter((u) => added.has(u.id)).map((u) => u.id), 1);
      await store.adjustLimitedGroups(tx, teamId, users.filter((u) => !added.has(u.id)).map((u) => u.id), -1);
      const settings = await ctx.settingsOf(tx, teamId);
      // The stored memberships are already the new ones: "before" puts the group back or takes it out.
      const before = (userId: string, groups: GroupLimit[]) => (added.has(userId) ? groups.filter((g) => g.groupId !== groupId) : [...groups, limited]);
      const [was, now] = await Promise.all([ctx.limitsOf(tx, settings, users, { groupsOf: before }), ctx.limitsOf(tx, settings, users)]);
      const events: DomainEvent[] = [];
      for (const user of users) {
        const previous = was.get(user.id)?.limit;
        const current = now.get(user.id)?.limit;
        if (!previous || !current || sameLimit(previous, current)) continue;
        const reason: LimitChangeReason = added.has(user.id) ? 'member_added_to_group' : 'member_removed_from_group';
        events.push(ctx.events.limitChanged(teamId, user, previous, current, reason, DIRECTORY, groupId));
      }
      await store.appendEvents(tx, events);
    },

    /** Before a group is deleted, while its memberships still exist. */
    async groupDeleting(tx: unknown, teamId: string, groupId: string): Promise<void> {
      if (!(await store.lockGroup(tx, groupId))) return;
      // Called before the directory appends its events: take the team's events
      // lock before reading the limit, as an admin limit change does, or a
      // change committed between the read and our append would be overwritten
      // in the members' events by the limit read here.
      await store.lockEvents(tx, teamId);
      const limited = await store.groupLimit(tx, teamId, groupId);
      if (!limited) return;
      const settings = await ctx.settingsOf(tx, teamId);
      const affected = await impact.appendChanges(tx, settings, { target: 'group', groupId, groupName: limited.groupName, limit: undefined }, 'group_deleted', DIRECTORY, groupId);
      await store.adjustLimitedGroupsOfGroup(tx, teamId, groupId, -1);
      await store.insertAudit(tx, {
        id: ids.uuid(),
        teamId,
        at: clock.now().toISOString(),
        actorId: null,
        actorEmail: null,
        action: 'group_limit.cleared',
        targetType: 'group',
        targetId: groupId,
        targetName: limited.groupName,
        oldValue: limitValue(limited),
        newValue: null,
        affected,
      });
    },

    async statusChanged(tx: unknown, change: MemberStatusChange): Promise<void> {
      // After the directory's own append: the team's events lock is held (see membersChanged).
      const { teamId, user, status } = change;
      const settings = await ctx.settingsOf(tx, teamId);
      if (status === 'deleted') {
        const overrides = await store.overridesOf(tx, teamId, [user.id]);
        const groups = await store.groupLimitsByIds(tx, teamId, change.groupIds);
        const member = asMember(user, user.resource.active !== false);
        const previous = limitFrom(settings, member.active, overrideInForce(overrides.get(user.id), clock.now()), groups);
        await store.clearOverride(tx, user.id);
        await store.forgetMember(tx, user.id);
        await store.appendEvents(tx, [ctx.events.limitChanged(teamId, member, previous, REMOVED, 'member_deleted', DIRECTORY, null)]);
        return;
      }
      const active = status === 'reactivated';
      const member = asMember(user, active);
      const configured = (await ctx.limitOf(tx, settings, { ...member, active: true })).limit;
      const suspended = effectiveLimit({ active: false, groups: [], defaultLimit: null });
      const [previous, current] = active ? [suspended, configured] : [configured, suspended];
      await store.appendEvents(tx, [ctx.events.limitChanged(teamId, member, previous, current, active ? 'member_reactivated' : 'member_suspended', DIRECTORY, null)]);
    },
  };
}

export type DirectoryListener = ReturnType<typeof createDirectoryListener>;
