// Teams: the tenant boundary. Every row carries its team, and a SCIM token
// resolves to exactly one team.

import type { Store, TeamRecord } from './store.js';
import { DomainError } from '../errors.js';
import type { Clock, Ids } from '../ports.js';

export const PLANS = ['free', 'team', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function createTeamService(deps: { store: Store; clock: Clock; ids: Ids }) {
  const { store, clock, ids } = deps;
  return {
    async create(input: { slug: string; name?: string; plan?: Plan }): Promise<TeamRecord> {
      const slug = input.slug.trim().toLowerCase();
      if (!SLUG.test(slug)) {
        throw new DomainError('team.invalid_slug', `"${input.slug}" is not a valid team slug: use 1-63 lowercase letters, digits and inner hyphens`);
      }
      if (await store.teams.findBySlug(store.db, slug)) throw new DomainError('team.slug_taken', `a team with slug "${slug}" already exists`);
      const team: TeamRecord = {
        id: ids.uuid(),
        slug,
        name: input.name?.trim() || slug,
        createdAt: clock.now().toISOString(),
        userCount: 0,
        groupCount: 0,
        plan: input.plan ?? 'enterprise',
      };
      if (!PLANS.includes(team.plan as Plan)) throw new DomainError('team.invalid_plan', `plan must be one of ${PLANS.join(', ')}`);
      await store.teams.insert(store.db, team);
      return team;
    },

    /** By id or slug, as an operator would type either. */
    async find(idOrSlug: string): Promise<TeamRecord> {
      const team = (await store.teams.findById(store.db, idOrSlug)) ?? (await store.teams.findBySlug(store.db, idOrSlug.toLowerCase()));
      if (!team) throw new DomainError('team.not_found', `no team "${idOrSlug}"`);
      return team;
    },

    list: () => store.teams.list(store.db),
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
