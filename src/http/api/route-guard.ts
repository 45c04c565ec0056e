// Guards declared per route. Every route of the JSON APIs says in its fastify
// route `config` what a caller needs, and the plugin that registers it checks
// that in one place (admin-guard.ts for /api/admin, api-key-guard.ts for
// /api/v1) before the handler runs; handlers check nothing themselves. A
// route that declares no guard, or a credential its plugin does not serve,
// stops the server at startup: a forgotten guard fails closed, never open.
//
//   app.get('/teams/:teamId/things', guard.role('member'), async (request) => ...)   // /api/admin
//   app.get('/teams/:teamId/things', guard.apiKey(), async (request) => ...)         // /api/v1
//
// The team a guard resolved is `guardedTeam(request)` (and `guardedRole`).

import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '../../domain/access/admin-access.js';
import type { TeamRecord } from '../../domain/directory/store.js';

export type RouteGuard =
  /** No credential: the route opens a session, or says only what is public. */
  | { credential: 'none' }
  /** A signed-in admin (session cookie, and X-CSRF-Token on writes); with `role`, at least that role in the `:teamId` team (else 404 as if absent, or 403). */
  | { credential: 'session'; role?: Role }
  /**
   * An API key that reaches the team: the `:teamId` in the path, or (`query`) `?teamId=` defaulting to
   * a team-bound key's own team. A team-bound key reaches only its team (404 for any other). Without
   * `loadTeam` the handler needs no team record, so a key bound to this very team skips the read (the
   * binding proves the team exists): one query less on hot paths. The team may be named by its id, its
   * slug or `ext:<externalId>` (team-ref in api-key-guard.ts): the guard rewrites `:teamId` to the id.
   * `team: 'none'`: the route names no team (the team lifecycle's create and list).
   * `installationOnly`: only an installation-wide key may call it (403 for a team-bound one).
   * `installationStream`: with `team: 'query'`, an installation-wide key that names no team reads the
   *   installation stream: the guard resolves no team (`guardedTeamOrNone`).
   */
  | { credential: 'apiKey'; team: 'path' | 'query' | 'none'; loadTeam: boolean; installationOnly?: boolean; installationStream?: boolean };

export type Credential = RouteGuard['credential'];

declare module 'fastify' {
  interface FastifyContextConfig {
    guard?: RouteGuard;
  }
  interface FastifyRequest {
    /** What the route's guard resolved: the team (and the admin's role in it). */
    guarded?: { team: TeamRecord; role?: Role };
  }
}

type GuardOptions = { config: { guard: RouteGuard } };
const declare = (guard: RouteGuard): GuardOptions => ({ config: { guard } });

/** Route options that declare a guard: `app.get(url, guard.role('admin'), handler)`, or spread into `app.route({ ... })`. */
export const guard = {
  public: (): GuardOptions => declare({ credential: 'none' }),
  session: (): GuardOptions => declare({ credential: 'session' }),
  role: (role: Role): GuardOptions => declare({ credential: 'session', role }),
  apiKey: (options: { team?: 'path' | 'query' | 'none'; loadTeam?: boolean; installationOnly?: boolean; installationStream?: boolean } = {}): GuardOptions =>
    declare({ credential: 'apiKey', team: options.team ?? 'path', loadTeam: options.loadTeam ?? true, installationOnly: options.installationOnly, installationStream: options.installationStream }),
  /** An installation-wide API key (the team lifecycle, docs/api.md "Teams"); `team` as for apiKey, default none. */
  installation: (options: { team?: 'path' | 'none' } = {}): GuardOptions =>
    declare({ credential: 'apiKey', team: options.team ?? 'none', loadTeam: true, installationOnly: true }),
};

/** The guard of the route serving this request; none for the not-found handler. */
export const routeGuard = (request: FastifyRequest): RouteGuard | undefined => request.routeOptions.config.guard;

/** True when the guard checks a team named in the path. */
const teamInPath = (declared: RouteGuard) => (declared.credential === 'session' && declared.role !== undefined) || (declared.credential === 'apiKey' && declared.team === 'path');

/**
 * The startup check: every route registered in `app` after this call declares
 * a guard with a credential in `served`, and names `:teamId` if its guard needs it.
 */
export function requireDeclaredGuards(app: FastifyInstance, served: Credential[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const where = `${String(route.method)} ${route.url}`;
    const declared = route.config?.guard;
    if (!declared) throw new Error(`${where} declares no guard (config.guard, see src/http/api/route-guard.ts); a route without one would be unprotected`);
    if (!served.includes(declared.credential)) throw new Error(`${where} declares the credential "${declared.credential}", which this API does not serve (only ${served.join(', ')})`);
    if (teamInPath(declared) && !route.url.includes(':teamId')) throw new Error(`${where} guards a team but has no :teamId in its path`);
    // A public guard covers the methods it was declared on: fastify's automatic
    // HEAD twin of a public GET keeps needing a session, as it always has.
    if (declared.credential === 'none' && route.method === 'HEAD') route.config = { ...route.config, guard: { credential: 'session' } };
  });
}

/** The team the route's guard resolved; a route whose guard resolves none has no business asking. */
export function guardedTeam(request: FastifyRequest): TeamRecord {
  if (!request.guarded) throw new Error(`${request.method} ${request.routeOptions.url} reads a team its guard did not resolve`);
  return request.guarded.team;
}

/** The team the route's guard resolved, or none (an `installationStream` guard for an installation-wide key naming no team). */
export function guardedTeamOrNone(request: FastifyRequest): TeamRecord | undefined {
  return request.guarded?.team;
}

/** The signed-in admin's role in the guarded team (routes with `guard.role`). */
export function guardedRole(request: FastifyRequest): Role {
  const role = request.guarded?.role;
  if (!role) throw new Error(`${request.method} ${request.routeOptions.url} reads a role its guard did not check`);
  return role;
}
