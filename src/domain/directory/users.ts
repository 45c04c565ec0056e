// SCIM Users of a team (RFC 7644 §3.3, §3.4.1, §3.5, §3.6): create, read,
// replace, patch, delete and list, each change committed with its event.

import type { Store } from './store.js';
import type { StoredResource, GroupRef, ListQuery, UserRef } from './types.js';
import type { KeysetPosition } from './list-cursor.js';
import { DomainError } from '../errors.js';
import type { Clock, Ids } from '../ports.js';
import { createEventFactory, userSummary, USER_PAYLOAD_VERSION, type EventType } from '../events.js';
import { managerRefsOf, memberProfile } from './member-profile.js';
import { versionedWrite } from './versioned-write.js';
import type { Registry } from '../../scim/schema/registry.js';
import { normalizeResource } from '../../scim/normalize.js';
import { parsePatchRequest } from '../../scim/patch/parse-patch-request.js';
import { applyPatch } from '../../scim/patch/apply-patch.js';
import { jsonEqual } from '../../scim/patch/json-values.js';

export interface UserView {
  user: StoredResource;
  groups: GroupRef[];
}

/** Told when a member is suspended, reactivated or deleted, inside that change's transaction. */
export interface MemberStatusListener {
  statusChanged(tx: unknown, change: { teamId: string; user: StoredResource; status: 'suspended' | 'reactivated' | 'deleted'; groupIds: string[] }): Promise<void>;
}

const notFound = (id: string) => `User "${id}" not found`;

/** The events a change from `before` to `after` means for the host product. */
function changeEvents(before: Record<string, unknown>, after: Record<string, unknown>): EventType[] {
  const wasActive = before.active !== false;
  const isActive = after.active !== false;
  const types: EventType[] = ['user.updated'];
  if (wasActive && !isActive) types.push('user.suspended');
  if (!wasActive && isActive) types.push('user.reactivated');
  return types;
}

export function createUserService(deps: { store: Store; registry: Registry; clock: Clock; ids: Ids; listener?: MemberStatusListener }) {
  const { store, registry, clock, ids, listener } = deps;
  const schema = registry.user;
  const event = createEventFactory(clock, ids);

  /** The groups read for a write's event, so the answer to the write need not read them again. */
  const groupsRead = new WeakMap<StoredResource, GroupRef[]>();

  async function view(user: StoredResource): Promise<UserView> {
    const known = groupsRead.get(user);
    if (known) return { user, groups: known };
    const groups = await store.users.groupsOf(store.db, user.teamId, [user.id]);
    return { user, groups: groups.get(user.id) ?? [] };
  }

  /** `from`: the store, or the batch the write runs in (whose reads see the users it has not inserted yet). */
  async function managersOf(tx: unknown, teamId: string, users: StoredResource[], from: Store = store): Promise<Map<string, UserRef>> {
    const refs = managerRefsOf(users);
    return refs.length === 0 ? new Map() : from.users.resolveRefs(tx, teamId, refs);
  }

  /** A user.* payload: version 1's summary and the member's profile, read in `tx`. */
  async function userPayload(tx: unknown, user: StoredResource, groups: GroupRef[], from: Store = store) {
    const profile = memberProfile(user, groups, await managersOf(tx, user.teamId, [user], from));
    return { version: USER_PAYLOAD_VERSION, user: userSummary(user), profile };
  }

  /** Writes the next version in `tx` (the row is locked); undefined if it moved after all. */
  async function write(tx: unknown, current: StoredResource, next: Record<string, unknown>): Promise<StoredResource | undefined> {
    const updated: StoredResource = {
      ...current,
      resource: next,
      lastModified: clock.now().toISOString(),
      version: current.version + 1,
    };
    if (!(await store.users.update(tx, updated, current.version))) return undefined;
    const groups = (await store.users.groupsOf(tx, updated.teamId, [updated.id])).get(updated.id) ?? [];
    groupsRead.set(updated, groups);
    const payload = await userPayload(tx, updated, groups);
    const types = changeEvents(current.resource, next);
    await store.events.append(tx, types.map((type) => event(updated.teamId, type, { type: 'User', id: updated.id }, payload)));
    const status = types.includes('user.suspended') ? 'suspended' : types.includes('user.reactivated') ? 'reactivated' : undefined;
    if (listener && status) await listener.statusChanged(tx, { teamId: updated.teamId, user: updated, status, groupIds: [] });
    return updated;
  }

  const forWrite = (teamId: string, id: string) => (tx: unknown) => store.users.findForWrite(tx, teamId, id, 'write');

  /** `into` is the store, or a batch of it (Bulk). */
  async function create(into: Store, teamId: string, body: unknown): Promise<UserView> {
    const resource = normalizeResource(body, schema, { mode: 'create' });
    if (resource.active === undefined) resource.active = true;
    const now = clock.now().toISOString();
    const user: StoredResource = { id: ids.uuid(), teamId, resource, created: now, lastModified: now, version: 1 };
    await into.transaction(async (tx) => {
      await into.users.insert(tx, user);
      await into.events.append(tx, [event(teamId, 'user.created', { type: 'User', id: user.id }, await userPayload(tx, user, [], into))]);
    });
    return { user, groups: [] };
  }

  return {
    create: (teamId: string, body: unknown) => create(store, teamId, body),

    /**
     * Creates that share transactions (Bulk): each create succeeds or fails
     * on its own, exactly as `create`, but a transaction carries many of
     * them (store.batch). `full()` says when to end this one and start the
     * next; the creates are durable once `fn`'s promise has resolved.
     */
    batch<T>(fn: (batch: { create(teamId: string, body: unknown): Promise<UserView>; full(): boolean }) => Promise<T>): Promise<T> {
      return store.batch((scoped, full) => fn({ create: (teamId, body) => create(scoped, teamId, body), full }));
    },

    async get(teamId: string, id: string): Promise<UserView> {
      const found = await store.users.findWithGroups(store.db, teamId, id);
      if (!found) throw new DomainError('resource.not_found', notFound(id));
      return found;
    },

    async replace(teamId: string, id: string, body: unknown, ifMatch?: string): Promise<UserView> {
      const user = await versionedWrite(store, {
        load: forWrite(teamId, id),
        ifMatch,
        notFound: notFound(id),
        attempt: async (tx, current) => {
          const next = normalizeResource(body, schema, { mode: 'replace', existing: current.resource });
          if (next.active === undefined) next.active = current.resource.active ?? true;
          // Okta re-sends unchanged users on every import: no new version, no event.
          if (jsonEqual(next, current.resource)) return current;
          return write(tx, current, next);
        },
      });
      return view(user);
    },

    async patch(teamId: string, id: string, body: unknown, ifMatch?: string): Promise<UserView> {
      const ops = parsePatchRequest(body);
      const user = await versionedWrite(store, {
        load: forWrite(teamId, id),
        ifMatch,
        notFound: notFound(id),
        attempt: async (tx, current) => {
          const patched = applyPatch(current.resource, ops, schema);
          if (!patched.changed) return current;
          const next = normalizeResource(patched.resource, schema, { mode: 'replace', existing: current.resource });
          // What normalization drops (a synced password) changes nothing stored:
          // keep the version, so the IdP's ETag stays valid.
          if (jsonEqual(next, current.resource)) return current;
          return write(tx, current, next);
        },
      });
      return view(user);
    },

    async delete(teamId: string, id: string, ifMatch?: string): Promise<void> {
      await versionedWrite(store, {
        // The user first, then its groups (see storage/directory/parent-groups.ts).
        load: async (tx) => {
          const user = await store.users.findForWrite(tx, teamId, id, 'delete');
          if (user) await store.groups.lockParents(tx, teamId, id);
          return user;
        },
        ifMatch,
        notFound: notFound(id),
        attempt: async (tx, current) => {
          // The profile as it was, groups included: read before the memberships go.
          const groups = (await store.users.groupsOf(tx, teamId, [id])).get(id) ?? [];
          const payload = await userPayload(tx, current, groups);
          const groupIds = await store.users.delete(tx, teamId, id, clock.now().toISOString());
          if (groupIds === false) return undefined;
          await store.events.append(tx, [
            ...groupIds.map((groupId) => event(teamId, 'group.member_removed', { type: 'Group', id: groupId }, { groupId, memberId: id, reason: 'user.deleted' })),
            event(teamId, 'user.deleted', { type: 'User', id }, payload),
          ]);
          await listener?.statusChanged(tx, { teamId, user: current, status: 'deleted', groupIds });
          return true;
        },
      });
    },

    /** The users the views' manager references name (member-profile.ts), read in one query. */
    async managers(teamId: string, views: UserView[]): Promise<Map<string, UserRef>> {
      return managersOf(store.db, teamId, views.map((v) => v.user));
    },

    /** `inGroup`: only that group's direct members (the dashboard's group filter). */
    async list(teamId: string, query: ListQuery, inGroup?: string): Promise<{ total: number; views: UserView[]; next?: KeysetPosition }> {
      const listed = inGroup === undefined ? await store.users.list(store.db, teamId, query) : await store.users.listInGroup(store.db, teamId, inGroup, query);
      const { total, rows, next } = listed;
      // A userName lookup comes with its groups already (one statement).
      const groups = listed.groups ?? (rows.length ? await store.users.groupsOf(store.db, teamId, rows.map((r) => r.id)) : new Map<string, GroupRef[]>());
      return { total, views: rows.map((user) => ({ user, groups: groups.get(user.id) ?? [] })), ...(next ? { next } : {}) };
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
