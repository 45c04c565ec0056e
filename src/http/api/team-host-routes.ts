// The team lifecycle for the host product (/api/v1/teams, installation-wide
// API key; docs/api.md "Teams"): create (idempotent on externalId), list
// (keyset pages), update, delete; and admin portal links into a team's
// dashboard (any key that reaches the team). `{team}` is resolved to the id by
// the guard (api-key-guard.ts) before these handlers run.

import type { FastifyInstance } from 'fastify';
import type { HostContext } from './host-context.js';
import { guard, guardedTeam } from './route-guard.js';
import type { TeamRecord } from '../../domain/directory/store.js';
import { DomainError } from '../../domain/errors.js';
import { MAX_TEAM_PAGE } from '../../domain/directory/team-lifecycle.js';
import type { Plan } from '../../domain/directory/teams.js';
import { portalLinkUrl } from './portal-link-routes.js';

type TeamParams = { teamId: string };
type ListQuery = { limit?: string; cursor?: string; externalId?: string; slug?: string };

/** A team as the host API shows it. */
export function hostTeamView(team: TeamRecord, publicUrl: string) {
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    plan: team.plan,
    externalId: team.externalId ?? null,
    createdAt: team.createdAt,
    updatedAt: team.updatedAt ?? team.createdAt,
    scimBaseUrl: `${publicUrl}/scim/v2/${team.id}`,
    counts: { users: team.userCount, groups: team.groupCount },
  };
}

const invalid = (message: string) => new DomainError('team.invalid_request', message);

/** The body as an object with only `allowed` keys of the right types. */
function teamBody(body: unknown, allowed: readonly string[], nullable: readonly string[] = []): Record<string, string | null> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('the body must be a JSON object');
  const entries = Object.entries(body as Record<string, unknown>);
  for (const [key, value] of entries) {
    if (!allowed.includes(key)) throw invalid(`unknown field "${key.slice(0, 60)}"; the fields are ${allowed.join(', ')}`);
    if (typeof value !== 'string' && !(value === null && nullable.includes(key))) throw invalid(`${key} must be a string${nullable.includes(key) ? ' or null' : ''}`);
  }
  return Object.fromEntries(entries) as Record<string, string | null>;
}

const encodeCursor = (at: { createdAt: string; id: string }) => Buffer.from(JSON.stringify([at.createdAt, at.id])).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return { createdAt: value[0], id: value[1] };
  } catch {
    // answered below
  }
  throw new DomainError('team.invalid_cursor', 'cursor is not one this API gave out; start again without it');
}

export function registerTeamHostRoutes(app: FastifyInstance, ctx: HostContext): void {
  const { services, publicUrl } = ctx;

  app.post('/teams', guard.installation(), async (request, reply) => {
    const body = teamBody(request.body, ['name', 'slug', 'plan', 'externalId']) as { name?: string; slug?: string; plan?: Plan; externalId?: string };
    const { team, created } = await services.teamLifecycle.create(body);
    // A repeat of a create (same externalId, nothing conflicting) answers the team as it is.
    return reply.code(created ? 201 : 200).send(hostTeamView(team, publicUrl));
  });

  app.get<{ Querystring: ListQuery }>('/teams', guard.installation(), async (request) => {
    const { limit: given, cursor, externalId, slug } = request.query;
    const limit = given === undefined ? 50 : Number(given);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TEAM_PAGE) throw invalid(`limit must be a whole number from 1 to ${MAX_TEAM_PAGE}`);
    const page = await services.teamLifecycle.page({
      limit,
      after: cursor === undefined ? undefined : decodeCursor(cursor),
      externalId,
      slug: slug?.toLowerCase(),
    });
    return { teams: page.teams.map((t) => hostTeamView(t, publicUrl)), nextCursor: page.next ? encodeCursor(page.next) : null };
  });

  app.patch<{ Params: TeamParams }>('/teams/:teamId', guard.installation({ team: 'path' }), async (request) => {
    const body = teamBody(request.body, ['name', 'slug', 'plan', 'externalId'], ['externalId']);
    if (Object.keys(body).length === 0) throw invalid('send at least one of name, slug, plan, externalId');
    return hostTeamView(await services.teamLifecycle.update(request.params.teamId, body as { name?: string; slug?: string; plan?: string; externalId?: string | null }), publicUrl);
  });

  app.delete<{ Params: TeamParams }>('/teams/:teamId', guard.installation({ team: 'path' }), async (request) => {
    const { team, deletedAt, purgeAfter } = await services.teamLifecycle.delete(request.params.teamId, services.teamOptions.deletedRetentionMs);
    return { id: team.id, deletedAt, purgeAfter };
  });

  app.post<{ Params: TeamParams }>('/teams/:teamId/portal-links', guard.apiKey(), async (request, reply) => {
    const team = guardedTeam(request);
    const link = await services.portalLinks.create(team.id, (request.body ?? {}) as Record<string, unknown>, `api_key:${request.apiKey?.keyId}`);
    request.log.info({ portalLinkId: link.id, teamId: team.id, intent: link.intent, role: link.role, apiKeyId: request.apiKey?.keyId }, 'admin portal link created');
    return reply.code(201).send({ url: portalLinkUrl(publicUrl, link.secret), expiresAt: link.expiresAt });
  });
}
