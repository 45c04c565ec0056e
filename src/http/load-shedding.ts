// Load shedding: at most `maxInFlight` requests are worked on at once; the
// next one is answered 503 with `Retry-After` (RFC 9110 §15.6.4, §10.2.3)
// at once instead of waiting in a queue nobody bounds. Health, readiness and
// metrics stay exempt so an overloaded instance can still be observed, and
// so do event streams (their routes end in /stream): they are long-lived but
// idle, and are bounded by the connection cap instead.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ScimError } from '../scim/errors.js';

export const SHED_RETRY_AFTER_SECONDS = 1;

const EXEMPT_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Answered 503 by the load shedder, before any authentication. */
    shed: boolean;
  }
}

export interface LoadShedding {
  inFlight(): number;
  shedCount(): number;
}

function exempt(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return route !== undefined && (EXEMPT_ROUTES.has(route) || route.endsWith('/stream'));
}

function sendOverloaded(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.code(503).header('Retry-After', String(SHED_RETRY_AFTER_SECONDS));
  const detail = 'the server is busy; retry after the time in the Retry-After header';
  if (request.url.startsWith('/scim/')) {
    return reply.type('application/scim+json; charset=utf-8').send(new ScimError(503, detail).toBody());
  }
  return reply.send({ error: { code: 'overloaded', message: detail } });
}

/** Set on a response while it counts towards the in-flight bound; cleared by whichever of 'finish' and 'close' comes first. */
const COUNTED = Symbol('rollcall.inFlight');
type Counted = { [COUNTED]?: boolean };

/** Registers the bound as the first onRequest hook; `maxInFlight` 0 only counts. */
export function registerLoadShedding(app: FastifyInstance, maxInFlight: number): LoadShedding {
  let inFlight = 0;
  let shed = 0;
  // One release function for every request (not a closure per request: this runs on all of them).
  function release(this: Counted) {
    if (!this[COUNTED]) return;
    this[COUNTED] = false;
    inFlight--;
  }
  app.decorateRequest('shed', false);
  app.addHook('onRequest', (request, reply, done) => {
    if (exempt(request)) return done();
    if (maxInFlight > 0 && inFlight >= maxInFlight) {
      shed++;
      request.shed = true;
      sendOverloaded(request, reply);
      return;
    }
    inFlight++;
    const res = reply.raw as typeof reply.raw & Counted;
    res[COUNTED] = true;
    // 'close' comes whether the answer was sent or the client went away; 'finish' releases as soon as it was sent.
    res.once('close', release);
    res.once('finish', release);
    done();
  });
  return { inFlight: () => inFlight, shedCount: () => shed };
}

/** The edge's limits (ROLLCALL_* options in config/options.ts; docs/operations.md). */
export interface EdgeLimits {
  /** Per SCIM token (and team): sustained requests per minute (0 = off) and burst. */
  scimRate: { perMinute: number; burst: number };
  /** Per API key on /api/v1. */
  apiRate: { perMinute: number; burst: number };
  /** Requests worked on at once before new ones get 503 (0 = no bound). */
  maxInFlight: number;
  /** Open sockets; past it Node closes new connections at once (0 = no cap). */
  maxConnections: number;
  /** Time a client has to send the request headers (Node `headersTimeout`). */
  headersTimeoutMs: number;
  /** Idle time before a keep-alive connection is closed (Node `keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
}
