// The team lifecycle the host product drives over /api/v1/teams (issue 11):
// idempotent create on the host's own id (`externalId`), a keyset-paged list,
// update (plan changes gate SSO and SCIM at once), soft delete and the purge
// after the retention window. Each change writes its installation-wide
// events (team.*, plan.changed) in the same transaction (docs/events.md).
//
// Deletion is soft: `deletedAt` is set and the team disappears from every
// API at once (every team lookup skips it); its SCIM tokens and the API keys
// bound to it are revoked in the same transaction, sessions opened by its
// portal links too; its slug and externalId are released (a new team may take
// them at once). Directory data, spend ledger, events and the activity log
// stay, unreachable, until the retention worker purges the team
// (ROLLCALL_DELETED_TEAM_RETENTION_DAYS).

import type { Store, TeamRecord } from './store.js';
import { DomainError } from '../errors.js';
import type { Clock, Ids } from '../ports.js';
import { createEventFactory, INSTALLATION_STREAM } from '../events.js';
import { checkExternalId, checkPlan, normalizeSlug, teamSummary, UUID_SHAPE, type Plan, type TeamService } from './teams.js';

export interface TeamPageQuery {
  after?: { createdAt: string; id: string };
  limit: number;
  externalId?: string;
  slug?: string;
}

export type TeamChanges = Partial<Pick<TeamRecord, 'name' | 'slug' | 'plan' | 'externalId'>>;

export interface TeamLifecycleStore<Tx = unknown> {
  page(tx: Tx, query: TeamPageQuery): Promise<TeamRecord[]>;
  update(tx: Tx, id: string, changes: TeamChanges, at: string): Promise<boolean>;
  /** Marks the team deleted and releases its slug and externalId; false when already gone. */
  markDeleted(tx: Tx, id: string, at: string): Promise<boolean>;
  /** Revokes the team's SCIM tokens, its team-bound API keys and its portal-link sessions. */
  revokeCredentials(tx: Tx, teamId: string, at: string): Promise<{ scimTokens: number; apiKeys: number; sessions: number }>;
  deletedBefore(tx: Tx, before: string): Promise<string[]>;
  /** Removes every row of a deleted team. */
  purge(tx: Tx, teamId: string): Promise<void>;
}

export interface CreateTeamInput {
  name?: string;
  slug?: string;
  plan?: Plan;
  externalId?: string;
}

const MAX_NAME = 200;
export const MAX_TEAM_PAGE = 200;

/** A slug from a name: lower case, runs of anything else become one hyphen. */
function slugFrom(text: string): string {
  const base = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return base || 'team';
}

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME) throw new DomainError('team.invalid_request', `name must be 1-${MAX_NAME} characters`);
  return trimmed;
}

export function createTeamLifecycleService(deps: { store: Store; lifecycle: TeamLifecycleStore; teams: TeamService; clock: Clock; ids: Ids; onPlanChanged?: (teamId: string) => void; onDeleted?: (teamId: string) => void }) {
  const { store, lifecycle, teams, clock, ids } = deps;
  const event = createEventFactory(clock, ids);

  /** The same team again, or a 409 naming what differs. */
  function sameOrConflict(existing: TeamRecord, input: CreateTeamInput): TeamRecord {
    const differs: string[] = [];
    if (input.slug !== undefined && normalizeSlug(input.slug) !== existing.slug) differs.push('slug');
    if (input.name !== undefined && checkName(input.name) !== existing.name) differs.push('name');
    if (input.plan !== undefined && input.plan !== existing.plan) differs.push('plan');
    if (differs.length) {
      throw new DomainError(
        'team.external_id_conflict',
        `team ${existing.id} already has externalId "${existing.externalId}" with a different ${differs.join(', ')}; change it with PATCH, or send the same values`,
      );
    }
    return existing;
  }

  async function freeSlug(input: CreateTeamInput): Promise<string> {
    if (input.slug !== undefined) return normalizeSlug(input.slug);
    const base = slugFrom(input.name ?? input.externalId ?? 'team');
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = attempt === 0 && !UUID_SHAPE.test(base) ? base : `${base.slice(0, 50)}-${ids.uuid().slice(0, 6)}`;
      if (!(await store.teams.findBySlug(store.db, slug))) return slug;
    }
    throw new DomainError('team.slug_taken', `no free slug starting "${base}"; send one`);
  }

  return {
    /**
     * Creates a team; with an externalId that a live team already has, answers
     * that team (`created: false`) if the request agrees with it, else 409.
     */
    async create(input: CreateTeamInput): Promise<{ team: TeamRecord; created: boolean }> {
      const name = input.name === undefined ? undefined : checkName(input.name);
      if (input.plan !== undefined) checkPlan(input.plan);
      const externalId = input.externalId === undefined ? undefined : checkExternalId(input.externalId);
      if (externalId !== undefined) {
        const existing = await store.teams.findByExternalId(store.db, externalId);
        if (existing) return { team: sameOrConflict(existing, input), created: false };
      }
      const slug = await freeSlug(input);
      try {
        return { team: await teams.create({ slug, name, plan: input.plan, externalId }), created: true };
      } catch (error) {
        // Two creates with one externalId at once: the unique index lets one through; the other answers as a repeat.
        const winner = externalId !== undefined ? await store.teams.findByExternalId(store.db, externalId) : undefined;
        if (winner) return { team: sameOrConflict(winner, input), created: false };
        throw error;
      }
    },

    /** A page in creation order after a keyset position; filters narrow it to one externalId or slug. */
    async page(query: TeamPageQuery): Promise<{ teams: TeamRecord[]; next?: { createdAt: string; id: string } }> {
      const rows = await lifecycle.page(store.db, { ...query, limit: query.limit + 1 });
      const more = rows.length > query.limit;
      const teamsOnPage = rows.slice(0, query.limit);
      const last = teamsOnPage.at(-1);
      return { teams: teamsOnPage, next: more && last ? { createdAt: last.createdAt, id: last.id } : undefined };
    },

    async update(teamId: string, input: { name?: string; slug?: string; plan?: string; externalId?: string | null }): Promise<TeamRecord> {
      const changes: TeamChanges = {};
      if (input.name !== undefined) changes.name = checkName(input.name);
      if (input.slug !== undefined) changes.slug = normalizeSlug(input.slug);
      if (input.plan !== undefined) changes.plan = checkPlan(input.plan);
      if (input.externalId !== undefined) changes.externalId = input.externalId === null ? null : checkExternalId(input.externalId);
      const before = await teams.find(teamId);
      const diff = Object.fromEntries(
        Object.entries(changes)
          .filter(([key, value]) => (before[key as keyof TeamRecord] ?? null) !== value)
          .map(([key, value]) => [key, { from: before[key as keyof TeamRecord] ?? null, to: value }]),
      ) as Record<string, { from: unknown; to: unknown }>;
      if (Object.keys(diff).length === 0) return before;
      if (diff.slug) {
        const holder = await store.teams.findBySlug(store.db, changes.slug as string);
        if (holder && holder.id !== before.id) throw new DomainError('team.slug_taken', `a team with slug "${changes.slug}" already exists`);
      }
      if (diff.externalId && changes.externalId) {
        const holder = await store.teams.findByExternalId(store.db, changes.externalId);
        if (holder && holder.id !== before.id) throw new DomainError('team.external_id_taken', `team ${holder.id} already has externalId "${changes.externalId}"`);
      }
      const at = clock.now().toISOString();
      const set = Object.fromEntries(Object.keys(diff).map((key) => [key, changes[key as keyof TeamChanges]])) as TeamChanges;
      const after: TeamRecord = { ...before, ...set, updatedAt: at };
      await store.transaction(async (tx) => {
        if (!(await lifecycle.update(tx, before.id, set, at))) throw new DomainError('team.not_found', `no team "${teamId}"`);
        const written = [event(INSTALLATION_STREAM, 'team.updated', { type: 'Team', id: before.id }, { team: teamSummary(after), changes: diff })];
        if (diff.plan) {
          written.push(event(INSTALLATION_STREAM, 'plan.changed', { type: 'Team', id: before.id }, { team: teamSummary(after), from: diff.plan.from, to: diff.plan.to }));
        }
        await store.events.append(tx, written);
      });
      // SCIM answers from the new plan at once (the token check is remembered for a second).
      if (diff.plan) deps.onPlanChanged?.(before.id);
      return after;
    },

    /** Soft delete (see the file comment); the team is gone from every API when this returns. */
    async delete(teamId: string, retentionMs: number): Promise<{ team: TeamRecord; deletedAt: string; purgeAfter: string }> {
      const team = await teams.find(teamId);
      const now = clock.now();
      const deletedAt = now.toISOString();
      const purgeAfter = new Date(now.getTime() + retentionMs).toISOString();
      await store.transaction(async (tx) => {
        if (!(await lifecycle.markDeleted(tx, team.id, deletedAt))) throw new DomainError('team.not_found', `no team "${teamId}"`);
        const revoked = await lifecycle.revokeCredentials(tx, team.id, deletedAt);
        await store.events.append(tx, [
          event(INSTALLATION_STREAM, 'team.deleted', { type: 'Team', id: team.id }, { team: teamSummary(team), deletedAt, purgeAfter, revoked }),
        ]);
      });
      deps.onDeleted?.(team.id);
      return { team, deletedAt, purgeAfter };
    },

    /** Removes every row of the teams deleted before `before`; returns their ids. */
    async purgeDeleted(before: Date): Promise<string[]> {
      const ids = await lifecycle.deletedBefore(store.db, before.toISOString());
      for (const id of ids) await store.transaction((tx) => lifecycle.purge(tx, id));
      return ids;
    },
  };
}

export type TeamLifecycleService = ReturnType<typeof createTeamLifecycleService>;
