// SCIM Groups of a team. Memberships are rows changed one by one (see
// MemberChange): no operation here reads a whole group unless the client
// asked for the whole group (GET with members, PUT with a members list).

import type { MemberCursor, Store } from './store.js';
import type { StoredResource, MemberRow, ListQuery } from './types.js';
import type { KeysetPosition } from './list-cursor.js';
import { DomainError } from '../errors.js';
import type { Clock, Ids } from '../ports.js';
import { createEventFactory, groupSummary, type EventFactory } from '../events.js';
import { versionedWrite } from './versioned-write.js';
import type { Registry } from '../../scim/schema/registry.js';
import { normalizeResource } from '../../scim/normalize.js';
import { parsePatchRequest } from '../../scim/patch/parse-patch-request.js';
import { applyPatch } from '../../scim/patch/apply-patch.js';
import { jsonEqual } from '../../scim/patch/json-values.js';
import type { MemberChange, MemberRef } from '../../scim/patch/member-changes.js';

export interface GroupView {
  group: StoredResource;
  /** Undefined when the caller did not ask for members. */
  members?: MemberRow[];
}

/**
 * A group read for a full GET: small groups come with their members, large
 * ones with a stream of member batches read from the same snapshot as the
 * group (so they match its version). The stream holds that snapshot open
 * until its batches end or `close()` is called; call it whatever happens.
 */
export interface GroupRead {
  group: StoredResource;
  members?: MemberRow[];
  stream?: MemberStream;
}

export interface MemberStream {
  batches: AsyncIterable<MemberRow[]>;
  /** Ends the snapshot (idempotent, never throws), after a batch being read. */
  close(): Promise<void>;
}

/**
 * Groups larger than `above` members are streamed, `batch` members per
 * query. A stream still running after `maxMs` (a client reading slowly or
 * not at all) ends its snapshot and fails, so no client holds a transaction
 * and a connection for longer.
 */
export interface MemberStreaming {
  above: number;
  batch: number;
  maxMs: number;
}

export const DEFAULT_MEMBER_STREAMING: MemberStreaming = { above: 1000, batch: 2000, maxMs: 300_000 };

/** Told of membership changes inside their transaction (spend limits follow membership). */
export interface MembershipListener {
  membersChanged(tx: unknown, change: { teamId: string; groupId: string; added: string[]; removed: string[] }): Promise<void>;
  /** Before the group is deleted, while its memberships still exist. */
  groupDeleting(tx: unknown, teamId: string, groupId: string): Promise<void>;
}

const notFound = (id: string) => `Group "${id}" not found`;

/** The member ids a PUT body lists (before validation: ids only, to lock them). */
function membersNamedByBody(body: unknown): string[] {
  const members = (body as { members?: unknown } | null)?.members;
  if (!Array.isArray(members)) return [];
  return members.flatMap((m) => (typeof (m as { value?: unknown })?.value === 'string' ? [(m as { value: string }).value] : []));
}

/** Splits the members list out of a normalized Group: it is stored as rows. */
function withoutMembers(resource: Record<string, unknown>): { resource: Record<string, unknown>; members?: MemberRef[] } {
  const { members, ...rest } = resource;
  return { resource: rest, members: members === undefined ? undefined : (members as MemberRef[]) };
}

function memberEvents(event: EventFactory, teamId: string, groupId: string, added: string[], removed: string[]) {
  return [
    ...added.map((memberId) => event(teamId, 'group.member_added', { type: 'Group', id: groupId }, { groupId, memberId })),
    ...removed.map((memberId) => event(teamId, 'group.member_removed', { type: 'Group', id: groupId }, { groupId, memberId })),
  ];
}

export function createGroupService(deps: { store: Store; registry: Registry; clock: Clock; ids: Ids; listener?: MembershipListener; streaming?: Partial<MemberStreaming> }) {
  const { store, registry, clock, ids, listener } = deps;
  const streaming = { ...DEFAULT_MEMBER_STREAMING, ...deps.streaming };
  const schema = registry.group;
  const event = createEventFactory(clock, ids);

  async function applyMemberChanges(tx: unknown, teamId: string, groupId: string, changes: MemberChange[], at: string) {
    const added: string[] = [];
    const removed: string[] = [];
    let relabeled = 0;
    for (const change of changes) {
      switch (change.kind) {
        case 'add':
          added.push(...(await store.members.add(tx, teamId, groupId, change.members, at)));
          relabeled += await store.members.relabel(tx, groupId, change.members);
          break;
        case 'remove':
          removed.push(...(await store.members.remove(tx, groupId, change.ids)));
          break;
        case 'removeWhere':
          removed.push(...(await store.members.removeWhere(tx, groupId, change.filter)));
          break;
        case 'removeAll':
          removed.push(...(await store.members.removeWhere(tx, groupId, null)));
          break;
        case 'replace': {
          const delta = await store.members.replace(tx, teamId, groupId, change.members, at);
          added.push(...delta.added);
          removed.push(...delta.removed);
          relabeled += await store.members.relabel(tx, groupId, change.members);
          break;
        }
      }
    }
    // A member added then removed in one request (or the reverse) nets out.
    const addedSet = new Set(added);
    const removedSet = new Set(removed);
    return {
      added: [...addedSet].filter((id) => !removedSet.has(id)),
      removed: [...removedSet].filter((id) => !addedSet.has(id)),
      relabeled,
    };
  }

  /** Writes resource and membership changes in `tx` (the group is locked); undefined if it moved after all. */
  async function write(tx: unknown, current: StoredResource, next: Record<string, unknown> | undefined, changes: MemberChange[]): Promise<StoredResource | undefined> {
    const now = clock.now().toISOString();
    let group = current;
    if (next) {
      group = { ...current, resource: next, lastModified: now, version: current.version + 1 };
      if (!(await store.groups.update(tx, group, current.version))) return undefined;
    }
    const delta = await applyMemberChanges(tx, current.teamId, current.id, changes, now);
    // A new members.display the IdP sent changes the representation, so the version too.
    if (!next && (delta.added.length > 0 || delta.removed.length > 0 || delta.relabeled > 0)) {
      const version = await store.groups.touch(tx, current.teamId, current.id, now);
      if (version === undefined) return undefined;
      group = { ...current, lastModified: now, version };
    }
    const events = memberEvents(event, current.teamId, current.id, delta.added, delta.removed);
    if (next) {
      const renamed = next.displayName !== current.resource.displayName;
      events.unshift(event(current.teamId, renamed ? 'group.renamed' : 'group.updated', { type: 'Group', id: current.id }, {
        group: groupSummary(group),
        ...(renamed ? { previousDisplayName: current.resource.displayName } : {}),
      }));
    }
    await store.events.append(tx, events);
    if (listener && (delta.added.length > 0 || delta.removed.length > 0)) {
      await listener.membersChanged(tx, { teamId: current.teamId, groupId: current.id, added: delta.added, removed: delta.removed });
    }
    return group;
  }

  const forWrite = (teamId: string, id: string) => (tx: unknown) => store.groups.findForWrite(tx, teamId, id, 'write');

  /**
   * Locks the members a write will reference, then the group: the same order
   * as a deletion (member, then its groups), so the two queue rather than
   * deadlock (storage/directory/member-reference-locks.ts).
   */
  const lockedAfterMembers = (teamId: string, id: string, memberIds: string[]) => async (tx: unknown) => {
    await store.members.lockReferenced(tx, teamId, memberIds);
    return forWrite(teamId, id)(tx);
  };

  /** The member ids a PATCH adds; members live outside the resource, so any resource will do. Unreadable ops name none (they fail later, in the write). */
  function membersNamedByPatch(ops: ReturnType<typeof parsePatchRequest>): string[] {
    try {
      const { memberChanges } = applyPatch({ schemas: [schema.core.id], displayName: '' }, ops, schema, { externalMembers: true });
      return memberChanges.flatMap((change) => (change.kind === 'add' || change.kind === 'replace' ? change.members.map((m) => m.value) : []));
    } catch {
      return [];
    }
  }

  async function withMembers(group: StoredResource): Promise<GroupView> {
    const members = await store.members.membersOf(store.db, [group.id]);
    return { group, members: members.get(group.id) ?? [] };
  }

  function memberStream(snapshot: { tx: unknown; end(): Promise<void> }, groupId: string): MemberStream {
    let closed: Promise<void> | undefined;
    let expired = false;
    let reading: Promise<unknown> = Promise.resolve();
    // A close while a batch is being read (the client went away) waits for it: the transaction ends once.
    const close = () => {
      clearTimeout(timer);
      return (closed ??= reading.then(() => undefined, () => undefined).then(() => snapshot.end()));
    };
    const timer = setTimeout(() => {
      expired = true;
      void close();
    }, streaming.maxMs);
    timer.unref?.();
    const readAfter = (after: MemberCursor | undefined) => {
      const read = store.members.batch(snapshot.tx, groupId, after, streaming.batch);
      // Never an unhandled rejection: a read left behind by a client that went away is awaited by close() only.
      read.catch(() => undefined);
      reading = read;
      return read;
    };
    async function* batches(): AsyncGenerator<MemberRow[]> {
      try {
        let next: ReturnType<typeof readAfter> | undefined;
        for (;;) {
          // Never a shorter list passed off as the whole group: an expired stream fails.
          if (expired) throw new Error(`the members of group ${groupId} were not read within ${streaming.maxMs} ms`);
          if (closed) return;
          const { rows, last } = await (next ?? readAfter(undefined));
          const more = rows.length === streaming.batch && last !== undefined;
          // The next batch is read (on PostgreSQL, by the database process)
          // while this one is rendered and written: two batches at most in
          // memory, and the socket's backpressure still stops the reads,
          // one batch ahead.
          next = more && !closed && !expired ? readAfter(last) : undefined;
          if (rows.length > 0) yield rows;
          if (!more) return;
        }
      } finally {
        await close();
      }
    }
    return { batches: batches(), close };
  }

  return {
    /** A full read (members included when asked) from one snapshot; see GroupRead. */
    async read(teamId: string, id: string, options: { members: boolean }): Promise<GroupRead> {
      if (!options.members) {
        const group = await store.groups.findById(store.db, teamId, id);
        if (!group) throw new DomainError('resource.not_found', notFound(id));
        return { group };
      }
      // A short snapshot first: most groups are small and are read whole in it.
      const short = await store.snapshot();
      try {
        const group = await store.groups.findById(short.tx, teamId, id);
        if (!group) throw new DomainError('resource.not_found', notFound(id));
        const count = (await store.groups.memberCounts(short.tx, teamId, [id])).get(id) ?? 0;
        if (count <= streaming.above) {
          const members = await store.members.membersOf(short.tx, [id]);
          return { group, members: members.get(id) ?? [] };
        }
      } finally {
        await short.end();
      }
      // A large one: the group again, with its members, from a snapshot that may stay open while they stream.
      const snapshot = await store.snapshot({ long: true });
      try {
        const group = await store.groups.findById(snapshot.tx, teamId, id);
        if (!group) throw new DomainError('resource.not_found', notFound(id));
        return { group, stream: memberStream(snapshot, id) };
      } catch (error) {
        await snapshot.end();
        throw error;
      }
    },

    async create(teamId: string, body: unknown): Promise<GroupView> {
      const { resource, members } = withoutMembers(normalizeResource(body, schema, { mode: 'create' }));
      const now = clock.now().toISOString();
      const group: StoredResource = { id: ids.uuid(), teamId, resource, created: now, lastModified: now, version: 1 };
      await store.transaction(async (tx) => {
        await store.groups.insert(tx, group);
        const added = members?.length ? await store.members.add(tx, teamId, group.id, members, now) : [];
        await store.events.append(tx, [
          event(teamId, 'group.created', { type: 'Group', id: group.id }, { group: groupSummary(group) }),
          ...memberEvents(event, teamId, group.id, added, []),
        ]);
      });
      return withMembers(group);
    },

    async get(teamId: string, id: string, options: { members: boolean }): Promise<GroupView> {
      const group = await store.groups.findById(store.db, teamId, id);
      if (!group) throw new DomainError('resource.not_found', notFound(id));
      return options.members ? withMembers(group) : { group };
    },

    async replace(teamId: string, id: string, body: unknown, ifMatch?: string): Promise<GroupView> {
      const group = await versionedWrite(store, {
        load: lockedAfterMembers(teamId, id, membersNamedByBody(body)),
        ifMatch,
        notFound: notFound(id),
        attempt: (tx, current) => {
          const { resource, members } = withoutMembers(normalizeResource(body, schema, { mode: 'replace', existing: current.resource }));
          // RFC 7644 §3.5.1 lets a server treat an omitted attribute as not
          // asserted: a PUT without `members` keeps the membership.
          return write(tx, current, jsonEqual(resource, current.resource) ? undefined : resource, members ? [{ kind: 'replace', members }] : []);
        },
      });
      return withMembers(group);
    },

    /** Returns the group without members: a PATCH answer never lists them. */
    async patch(teamId: string, id: string, body: unknown, ifMatch?: string): Promise<GroupView> {
      const ops = parsePatchRequest(body);
      const group = await versionedWrite(store, {
        load: lockedAfterMembers(teamId, id, membersNamedByPatch(ops)),
        ifMatch,
        notFound: notFound(id),
        attempt: async (tx, current) => {
          const patched = applyPatch(current.resource, ops, schema, { externalMembers: true });
          if (!patched.changed) return current;
          const normalized = normalizeResource(patched.resource, schema, { mode: 'replace', existing: current.resource });
          const next = jsonEqual(normalized, current.resource) ? undefined : normalized;
          return write(tx, current, next, patched.memberChanges);
        },
      });
      return { group };
    },

    async delete(teamId: string, id: string, ifMatch?: string): Promise<void> {
      await versionedWrite(store, {
        // The group first, then its parents (see storage/directory/parent-groups.ts).
        load: async (tx) => {
          const group = await store.groups.findForWrite(tx, teamId, id, 'delete');
          if (group) await store.groups.lockParents(tx, teamId, id);
          return group;
        },
        ifMatch,
        notFound: notFound(id),
        attempt: async (tx, current) => {
          await listener?.groupDeleting(tx, teamId, id);
          const parents = await store.groups.delete(tx, teamId, id, clock.now().toISOString());
          if (parents === false) return undefined;
          await store.events.append(tx, [
            ...parents.map((groupId) => event(teamId, 'group.member_removed', { type: 'Group', id: groupId }, { groupId, memberId: id, reason: 'group.deleted' })),
            event(teamId, 'group.deleted', { type: 'Group', id }, { group: groupSummary(current) }),
          ]);
          return true;
        },
      });
    },

    /** Member counts of the given groups, without reading any member. */
    memberCounts: (teamId: string, groupIds: string[]) => store.groups.memberCounts(store.db, teamId, groupIds),

    /** One page of a group's members, in the order they were added. */
    /** The dashboard's member list: in the order added, each user's status; `after` continues from a page's last row. */
    async membersPage(teamId: string, id: string, page: { after?: MemberCursor; startIndex: number; count: number }) {
      const group = await store.groups.findById(store.db, teamId, id);
      if (!group) throw new DomainError('resource.not_found', notFound(id));
      const [counts, found] = await Promise.all([
        store.groups.memberCounts(store.db, teamId, [id]),
        store.members.adminPage(store.db, id, { after: page.after, offset: page.startIndex - 1, limit: page.count }),
      ]);
      return { total: counts.get(id) ?? 0, members: found.rows, last: found.rows.length === page.count ? found.last : undefined };
    },

    async list(teamId: string, query: ListQuery, options: { members: boolean }): Promise<{ total: number; views: GroupView[]; next?: KeysetPosition }> {
      const { total, rows, next } = await store.groups.list(store.db, teamId, query);
      const more = next ? { next } : {};
      if (!options.members || rows.length === 0) return { total, views: rows.map((group) => ({ group })), ...more };
      const members = await store.members.membersOf(store.db, rows.map((r) => r.id));
      return { total, views: rows.map((group) => ({ group, members: members.get(group.id) ?? [] })), ...more };
    },
  };
}

export type GroupService = ReturnType<typeof createGroupService>;
