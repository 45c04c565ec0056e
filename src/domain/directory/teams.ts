// Teams: the tenant boundary. Every row carries its team, and a SCIM token
// resolves to exactly one team. Creating one writes `team.created` on the
// installation stream in the same transaction; the rest of the lifecycle
// (update, delete, purge, the host API's list) is team-lifecycle.ts.

import type { Store, TeamRecord } from './store.js';
import { DomainError } from '../errors.js';
import type { Clock, Ids } from '../ports.js';
import { createEventFactory, INSTALLATION_STREAM } from '../events.js';

export const PLANS = ['free', 'team', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Team ids are UUIDs; a slug may not look like one, so `/teams/{team}` is never ambiguous. */
export const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `ext:<externalId>` names a team by the host product's id for it. */
export const EXTERNAL_ID_PREFIX = 'ext:';
const MAX_EXTERNAL_ID = 200;

export function normalizeSlug(given: string): string {
  const slug = given.trim().toLowerCase();
  if (!SLUG.test(slug)) {
    throw new DomainError('team.invalid_slug', `"${given}" is not a valid team slug: use 1-63 lowercase letters, digits and inner hyphens`);
  }
  if (UUID_SHAPE.test(slug)) throw new DomainError('team.invalid_slug', `"${given}" looks like a team id (a UUID); a slug may not`);
  return slug;
}

export function checkExternalId(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (value.length === 0 || value.length > MAX_EXTERNAL_ID || /[\u0000-\u001f\u007f]/.test(value) || value.trim() !== value) {
    throw new DomainError('team.invalid_external_id', `externalId must be 1-${MAX_EXTERNAL_ID} characters without control characters or surrounding spaces`);
  }
  return value;
}

export function checkPlan(plan: string): Plan {
  if (!PLANS.includes(plan as Plan)) throw new DomainError('team.invalid_plan', `plan must be one of ${PLANS.join(', ')}`);
  return plan as Plan;
}

/** The team as an installation-wide event describes it. */
export const teamSummary = (team: TeamRecord) => ({ id: team.id, slug: team.slug, name: team.name, plan: team.plan, externalId: team.externalId ?? null });

export function createTeamService(deps: { store: Store; clock: Clock; ids: Ids }) {
  const { store, clock, ids } = deps;
  const event = createEventFactory(clock, ids);
  return {
    async create(input: { slug: string; name?: string; plan?: Plan; externalId?: string }): Promise<TeamRecord> {
      const slug = normalizeSlug(input.slug);
      const plan = checkPlan(input.plan ?? 'enterprise');
      const externalId = input.externalId === undefined ? null : checkExternalId(input.externalId);
      if (await store.teams.findBySlug(store.db, slug)) throw new DomainError('team.slug_taken', `a team with slug "${slug}" already exists`);
      const now = clock.now().toISOString();
      const team: TeamRecord = {
        id: ids.uuid(),
        slug,
        name: input.name?.trim() || slug,
        createdAt: now,
        userCount: 0,
        groupCount: 0,
        plan,
        externalId,
        updatedAt: now,
      };
      await store.transaction(async (tx) => {
        await store.teams.insert(tx, team);
        await store.events.append(tx, [event(INSTALLATION_STREAM, 'team.created', { type: 'Team', id: team.id }, { team: teamSummary(team) })]);
      });
      return team;
    },

    /** By id or slug, as an operator would type either; `ext:<externalId>` by the host's id. */
    async find(ref: string): Promise<TeamRecord> {
      const team = await findByRef(ref);
      if (!team) throw new DomainError('team.not_found', `no team "${ref}"`);
      return team;
    },

    list: () => store.teams.list(store.db),
  };

  async function findByRef(ref: string): Promise<TeamRecord | undefined> {
    if (ref.startsWith(EXTERNAL_ID_PREFIX)) return store.teams.findByExternalId(store.db, ref.slice(EXTERNAL_ID_PREFIX.length));
    return (await store.teams.findById(store.db, ref)) ?? (await store.teams.findBySlug(store.db, ref.toLowerCase()));
  }
}

export type TeamService = ReturnType<typeof createTeamService>;
