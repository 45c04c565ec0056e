// The host API client: one object per area of /api/v1, each method one
// route of docs/openapi.json, typed by the generated schema. `team` is
// whatever the host API accepts for a team (its id, slug, or `ext:` + your
// own organisation id — docs/integrate.md).

import { createRequester, type ClientOptions, type Operation, type QueryParams, type RequestBody, type Requester } from './http.js';
import { eventFeed, type FeedOptions } from './events.js';
import type { components } from './schema.js';

type Schemas = components['schemas'];
export type Member = Schemas['DirectoryUser'];
export type SpendDecision = Schemas['SpendDecision'];
export type MemberLookup = NonNullable<QueryParams<Operation<'/api/v1/teams/{teamId}/members/{ref}', 'get'>>>['by'];

function teamsApi(request: Requester) {
  type ListQuery = NonNullable<QueryParams<Operation<'/api/v1/teams', 'get'>>>;
  return {
    /** Creates a team; with `externalId` (your organisation id) a repeat returns the same team. Installation-wide key only. */
    create: (body: RequestBody<Operation<'/api/v1/teams', 'post'>>) => request('post', '/api/v1/teams', { body }),
    get: (team: string) => request('get', '/api/v1/teams/{teamId}', { path: { teamId: team } }),
    /** One page; pass `nextCursor` back as `cursor`. */
    list: (query: ListQuery = {}) => request('get', '/api/v1/teams', { query }),
    /** Every team, page after page. */
    async *all(query: Omit<ListQuery, 'cursor'> = {}) {
      for (let cursor: string | undefined; ; ) {
        const page = await request('get', '/api/v1/teams', { query: { ...query, cursor } });
        yield* page.teams;
        if (!page.nextCursor) return;
        cursor = page.nextCursor;
      }
    },
    /** Name, slug, plan or externalId; a plan other than `enterprise` turns SSO and SCIM off at once. */
    update: (team: string, body: RequestBody<Operation<'/api/v1/teams/{teamId}', 'patch'>>) => request('patch', '/api/v1/teams/{teamId}', { path: { teamId: team }, body }),
    /** Soft delete: tokens and keys stop at once; data is purged after the retention window (docs/api.md). */
    delete: (team: string) => request('delete', '/api/v1/teams/{teamId}', { path: { teamId: team } }),
  };
}

function portalLinksApi(request: Requester) {
  return {
    /**
     * A short-lived, single-use URL that signs your customer's IT admin into
     * their team's dashboard on the page for `intent`. Send it to their
     * browser (a redirect or a button), never where link previews fetch it.
     */
    create: (team: string, body: RequestBody<Operation<'/api/v1/teams/{teamId}/portal-links', 'post'>>) =>
      request('post', '/api/v1/teams/{teamId}/portal-links', { path: { teamId: team }, body }),
  };
}

function membersApi(request: Requester) {
  return {
    /** One page, by `userName`. */
    list: (team: string, query: QueryParams<Operation<'/api/v1/teams/{teamId}/members', 'get'>> = {}) =>
      request('get', '/api/v1/teams/{teamId}/members', { path: { teamId: team }, query }),
    /**
     * Every member, page after page, by cursor: each page costs the same at
     * any depth, and members added or removed meanwhile do not make it
     * repeat or skip the others.
     */
    async *all(team: string, query: Omit<NonNullable<QueryParams<Operation<'/api/v1/teams/{teamId}/members', 'get'>>>, 'startIndex' | 'cursor'> = {}) {
      for (let cursor = ''; ; ) {
        const page = await request('get', '/api/v1/teams/{teamId}/members', { path: { teamId: team }, query: { ...query, cursor } });
        yield* page.items;
        if (!page.nextCursor) return;
        cursor = page.nextCursor;
      }
    },
    /** By id (default), userName, email or externalId. */
    get: (team: string, ref: string, by?: MemberLookup) => request('get', '/api/v1/teams/{teamId}/members/{ref}', { path: { teamId: team, ref }, query: { by } }),
  };
}

function spendApi(request: Requester) {
  return {
    /** May this member spend this now? With `hold: true`, also reserves it. */
    authorize: (team: string, body: RequestBody<Operation<'/api/v1/teams/{teamId}/spend/authorize', 'post'>>) =>
      request('post', '/api/v1/teams/{teamId}/spend/authorize', { path: { teamId: team }, body }),
    /** Record usage (or a refund with `reverses`); idempotent by `eventId`. */
    recordUsage: (team: string, body: RequestBody<Operation<'/api/v1/teams/{teamId}/spend/usage', 'post'>>) =>
      request('post', '/api/v1/teams/{teamId}/spend/usage', { path: { teamId: team }, body }),
    getHold: (team: string, holdId: string) => request('get', '/api/v1/teams/{teamId}/spend/holds/{holdId}', { path: { teamId: team, holdId } }),
    captureHold: (team: string, holdId: string, body: RequestBody<Operation<'/api/v1/teams/{teamId}/spend/holds/{holdId}/capture', 'post'>> = {}) =>
      request('post', '/api/v1/teams/{teamId}/spend/holds/{holdId}/capture', { path: { teamId: team, holdId }, body }),
    releaseHold: (team: string, holdId: string) => request('post', '/api/v1/teams/{teamId}/spend/holds/{holdId}/release', { path: { teamId: team, holdId } }),
    /** A member asks (through you) for a higher limit; the team's admins approve or deny it in the dashboard. */
    requestIncrease: (team: string, ref: string, body: RequestBody<Operation<'/api/v1/teams/{teamId}/spend/members/{ref}/increase-requests', 'post'>>) =>
      request('post', '/api/v1/teams/{teamId}/spend/members/{ref}/increase-requests', { path: { teamId: team, ref }, body }),
    /** A member's limit, where it comes from, and what is left this period. */
    member: (team: string, ref: string, by?: MemberLookup) => request('get', '/api/v1/teams/{teamId}/spend/members/{ref}', { path: { teamId: team, ref }, query: { by } }),
  };
}

function eventsApi(request: Requester) {
  return {
    /** One page after a cursor. */
    page: (team: string, query: QueryParams<Operation<'/api/v1/teams/{teamId}/events', 'get'>> = {}) =>
      request('get', '/api/v1/teams/{teamId}/events', { path: { teamId: team }, query }),
    /** Every event after `after`, as an async iterator; `follow: true` waits for new ones. */
    feed: (team: string, options?: FeedOptions) => eventFeed(request, team, options),
  };
}

export function createRollcallClient(options: ClientOptions) {
  const request = createRequester(options);
  return {
    teams: teamsApi(request),
    portalLinks: portalLinksApi(request),
    members: membersApi(request),
    spend: spendApi(request),
    events: eventsApi(request),
    /** Any host API route the spec describes, typed by it. */
    request,
  };
}

export type RollcallClient = ReturnType<typeof createRollcallClient>;
