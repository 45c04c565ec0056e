// How the host API names a team in `/api/v1/teams/{team}/…` and `?teamId=`:
// the team's id (a UUID), its slug (never UUID-shaped, domain/directory/teams.ts),
// or `ext:<externalId>`, the host product's own id for it. Resolved in one
// place: host-plugin.ts's preHandler rewrites `{team}` to the id, so routes
// only ever see ids. A key bound to another team, or a deleted team, is 404.

import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { TeamRecord } from '../../domain/directory/store.js';
import { DomainError } from '../../domain/errors.js';
import { ApiError } from './api-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The team `{team}` named, once resolved. */
    hostTeam?: TeamRecord;
  }
}

export async function resolveHostTeam(request: FastifyRequest, services: Services, ref: string): Promise<TeamRecord> {
  const cached = request.hostTeam;
  if (cached && (cached.id === ref || cached.slug === ref)) return cached;
  const key = request.apiKey;
  const notFound = () => new ApiError(404, 'team.not_found', `no team "${ref}"`);
  let team: TeamRecord;
  try {
    team = await services.teams.find(ref);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'team.not_found') throw notFound();
    throw error;
  }
  if (key && key.teamId !== null && key.teamId !== team.id) throw notFound();
  request.hostTeam = team;
  return team;
}
