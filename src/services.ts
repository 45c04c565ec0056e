// The one place services are wired: storage → store → domain services.

import type { Storage } from './storage/database.js';
import { createStore } from './storage/directory/directory-store.js';
import { createRegistry, type Registry } from './scim/schema/registry.js';
import { systemClock, randomIds, type Clock, type Ids } from './domain/ports.js';
import { createTeamService } from './domain/directory/teams.js';
import { createTokenService } from './domain/directory/tokens.js';
import { createUserService } from './domain/directory/users.js';
import { createGroupService, type MemberStreaming } from './domain/directory/groups.js';
import type { Store } from './domain/directory/store.js';
import { createAdminAccessService, type AdminAccessOptions } from './domain/access/admin-access.js';
import { configuredApiKeys, createApiKeyService } from './domain/access/api-keys.js';
import { createAdminAccessStore } from './storage/access/admin-access-store.js';
import { createApiKeyStore } from './storage/access/api-keys-store.js';
import { createSetupService } from './domain/access/setup.js';
import { createSetupProgressStore, createSetupStore } from './storage/access/setup-store.js';
import { createSetupProgressService, type SetupProgressService } from './domain/access/setup-progress.js';
import { createSpendService, type SpendService } from './domain/spend/create-spend-service.js';
import { createSpendStore } from './storage/spend/spend-store.js';
import { createSsoConnectionService, type SsoConnectionService } from './domain/sso/connections.js';
import { createSsoSignInService, type SsoSignInService } from './domain/sso/sign-in.js';
import { createSsoStore } from './storage/sso/sso-store.js';
import { createSsoConnectors, DEFAULT_SSO_SETTINGS, type SsoSettings } from './sso/connectors.js';
// Real-time sync (issue 6): events feed, commit signal, webhooks, activity log, diagnostics.
import { hostname } from 'node:os';
import { createCommitSignal, type CommitSignal } from './domain/realtime/event-feed-signal.js';
import { signalCommits } from './domain/realtime/event-feed-commits.js';
import { createEventFeed, type EventFeed } from './domain/realtime/event-feed.js';
import { realtimeOptions, type RealtimeOptions } from './domain/realtime/event-feed-options.js';
import { createWebhookService, type WebhookService } from './domain/realtime/webhooks.js';
import { createWebhookDelivery, type SendWebhook, type WebhookDelivery } from './domain/realtime/webhooks-delivery.js';
import { createActivityLog, type ActivityLog } from './domain/activity/activity-log.js';
import { createDiagnostics, type Diagnostics } from './domain/activity/diagnostics.js';
import { createEventsRepository } from './storage/realtime/events-repository.js';
import { createWebhookStore } from './storage/realtime/webhooks-store.js';
import { createActivityStore } from './storage/activity/activity-store.js';
import { createWebhookSender } from './workers/webhook-sender.js';
import { createAddressPolicy } from './net/address-policy.js';
import { createDestinationCheck } from './net/destination-check.js';
import type { Egress } from './net/outbound-request.js';
import type { Resolve } from './net/guarded-lookup.js';
// Rollcall as the host product's OpenID Provider (issue 4 part B, docs/oidc.md).
import { createMemberSignInService, tellBoth, type MemberSignInService } from './domain/member-sign-in/sign-in.js';
import { createOidcClientService, type OidcClientService } from './domain/member-sign-in/clients.js';
import { createMemberSignInStore } from './storage/member-sign-in/member-sign-in-store.js';
import { createOidcClientStore } from './storage/member-sign-in/oidc-client-store.js';
import { createOidcKeyStore, createOidcPayloadStore } from './storage/member-sign-in/oidc-payload-store.js';
import type { OidcKeyStore, OidcPayloadStore } from './domain/member-sign-in/store.js';
import { noMail, type Mailer } from './domain/mail.js';
// The host API's team lifecycle and admin portal links (issue 11).
import { createTeamLifecycleService, type TeamLifecycleService } from './domain/directory/team-lifecycle.js';
import { createTeamLifecycleStore } from './storage/directory/team-lifecycle-store.js';
import { createPortalLinkService, type PortalLinkService } from './domain/access/portal-links.js';
import { createPortalLinkStore } from './storage/access/portal-links-store.js';
import { createTeamAdminsService, type TeamAdminsService } from './domain/access/team-admins.js';
import { createTeamAdminsStore } from './storage/access/team-admins-store.js';
import { createEmailSignIn, type EmailSignIn, type EmailSignInOptions } from './domain/access/email-sign-in.js';
// OAuth 2.0 client credentials for SCIM (issue 11, docs/scim.md).
import { createScimOAuthService, type ScimOAuthService } from './domain/directory/scim-oauth.js';
import { createScimOAuthStore } from './storage/directory/scim-oauth-store.js';

export interface Services {
  registry: Registry;
  store: Store;
  teams: ReturnType<typeof createTeamService>;
  tokens: ReturnType<typeof createTokenService>;
  /** SCIM OAuth clients and the access tokens of the token endpoint. */
  scimOAuth: ScimOAuthService;
  users: ReturnType<typeof createUserService>;
  groups: ReturnType<typeof createGroupService>;
  adminAccess: ReturnType<typeof createAdminAccessService>;
  apiKeys: ReturnType<typeof createApiKeyService>;
  setup: ReturnType<typeof createSetupService>;
  /** The setup wizard's place per team. */
  setupProgress: SetupProgressService;
  spend: SpendService;
  ssoConnections: SsoConnectionService;
  ssoSignIn: SsoSignInService;
  realtime: RealtimeServices;
  memberSignIn: MemberSignInService;
  oidcClients: OidcClientService;
  /** What the OpenID Provider persists (src/http/oidc builds the provider on it). */
  oidcProvider: { payloads: OidcPayloadStore; keys: OidcKeyStore; clock: Clock };
  /** Outgoing mail; `enabled` is false without ROLLCALL_SMTP_URL. */
  mailer: Mailer;
  teamLifecycle: TeamLifecycleService;
  portalLinks: PortalLinkService;
  teamOptions: { deletedRetentionMs: number; portalReturnOrigins: readonly string[] };
  /** A team's admins as its owners manage them (invitations, roles, removal). */
  teamAdmins: TeamAdminsService;
  /** "Email me a sign-in link" from the sign-in page (rate limited per address). */
  emailSignIn: EmailSignIn;
}

export interface ServiceOptions {
  clock?: Clock;
  ids?: Ids;
  adminAccess?: Partial<AdminAccessOptions>;
  /** SSO: public URL (SP endpoints), clock skew, insecure http for development. */
  sso?: Partial<SsoSettings>;
  /** Real-time sync tunables (tests shorten backoff and polls); `send` replaces the webhook HTTP client. */
  realtime?: Parameters<typeof realtimeOptions>[0] & { send?: SendWebhook; workerId?: string };
  /**
   * Outbound requests made on an admin's say-so (webhooks, SSO metadata and
   * discovery) reach public addresses only, plus `allowCidrs`; `resolve`
   * replaces the system resolver (tests).
   */
  egress?: { allowCidrs?: string[]; resolve?: Resolve };
  /** Installation-wide host API keys given as configuration (ROLLCALL_HOST_API_KEYS). */
  hostApiKeys?: readonly string[];
  /** Outgoing mail (main.ts passes the SMTP mailer when ROLLCALL_SMTP_URL is set). */
  mailer?: Mailer;
  /** ROLLCALL_DELETED_TEAM_RETENTION_DAYS and ROLLCALL_PORTAL_RETURN_ORIGINS. */
  teams?: { deletedRetentionMs?: number; portalReturnOrigins?: string[] };
  /** Limits of "email me a sign-in link" (tests lower them). */
  emailSignIn?: Partial<EmailSignInOptions>;
  /** When a full GET of a group streams its members, and how many per query (tests lower them). */
  memberStreaming?: Partial<MemberStreaming>;
  /** Lifetime of access tokens from the SCIM token endpoint (ROLLCALL_SCIM_OAUTH_TOKEN_TTL_SECONDS). */
  scimOAuth?: { accessTokenTtlSeconds?: number };
}

const DEFAULT_ACCESS: AdminAccessOptions = { sessionTtlMs: 12 * 3600_000, linkTtlMs: 24 * 3600_000 };

export function createServices(storage: Storage, options: ServiceOptions = {}): Services {
  const registry = createRegistry();
  // Transactions of the directory store publish the commit signal for the events they wrote.
  const signal = createCommitSignal();
  const store = signalCommits(createStore(storage, registry) as Store, signal);
  const deps = { store, registry, clock: options.clock ?? systemClock, ids: options.ids ?? randomIds };
  const teams = createTeamService(deps);
  // Spend limits follow memberships and member status: the directory services call its hooks.
  const spend = createSpendService({ ...deps, store: createSpendStore(storage), mailer: options.mailer ?? noMail });
  const adminAccess = createAdminAccessService({ ...deps, store: createAdminAccessStore(storage), options: { ...DEFAULT_ACCESS, ...options.adminAccess } });
  const egress: Egress = { policy: createAddressPolicy(options.egress?.allowCidrs), resolve: options.egress?.resolve };
  const ssoSettings = { ...DEFAULT_SSO_SETTINGS, ...options.sso };
  const ssoDeps = { ...deps, store: createSsoStore(storage), connectors: createSsoConnectors(ssoSettings, egress), options: ssoSettings };
  // A suspended or deleted member's provider sessions and tokens are revoked in the same transaction.
  const memberSignIn = createMemberSignInService({ store: createMemberSignInStore(storage) });
  const tokens = createTokenService(deps);
  const apiKeys = createApiKeyService({ ...deps, store: createApiKeyStore(storage), configured: configuredApiKeys(options.hostApiKeys ?? []) });
  const scimOAuth = createScimOAuthService({ ...deps, oauth: createScimOAuthStore(storage.sqlDialect), accessTokenTtlSeconds: options.scimOAuth?.accessTokenTtlSeconds });
  // Disabling SSO must refuse SCIM at once: remembered token checks are dropped.
  const ssoConnections = createSsoConnectionService({
    ...ssoDeps,
    onChanged: (teamId) => {
      tokens.forgetTeam(teamId);
      scimOAuth.forgetTeam(teamId);
    },
  });
  const teamOptions = { deletedRetentionMs: options.teams?.deletedRetentionMs ?? 30 * 86_400_000, portalReturnOrigins: options.teams?.portalReturnOrigins ?? [] };
  const teamLifecycle = createTeamLifecycleService({
    ...deps,
    lifecycle: createTeamLifecycleStore(),
    teams,
    // A plan change or a deletion refuses SCIM at once: remembered token checks are dropped.
    onPlanChanged: (teamId) => {
      tokens.forgetTeam(teamId);
      scimOAuth.forgetTeam(teamId);
    },
    onDeleted: (teamId) => {
      tokens.forgetTeam(teamId);
      scimOAuth.forgetTeam(teamId);
      // Deleting a team revokes its API keys: remembered ones are dropped too.
      apiKeys.forgetTeam(teamId);
    },
  });
  const portalLinks = createPortalLinkService({ ...deps, store: createPortalLinkStore(storage), adminAccess, options: { returnOrigins: teamOptions.portalReturnOrigins } });
  const mailer = options.mailer ?? noMail;
  const teamAdmins = createTeamAdminsService({ ...deps, store: createTeamAdminsStore(storage), adminAccess, mailer, onEvents: (teamId) => signal.publish('events', teamId) });
  return {
    registry,
    store,
    teams,
    tokens,
    scimOAuth,
    users: createUserService({ ...deps, listener: tellBoth(spend.directoryListener, memberSignIn.statusListener) }),
    groups: createGroupService({ ...deps, listener: spend.directoryListener, streaming: options.memberStreaming }),
    adminAccess,
    apiKeys,
    setup: createSetupService({ ...deps, store: createSetupStore(storage), teams, adminAccess }),
    setupProgress: createSetupProgressService({ store: createSetupProgressStore(storage), clock: deps.clock }),
    spend,
    ssoConnections,
    ssoSignIn: createSsoSignInService(ssoDeps),
    realtime: createRealtimeServices(storage, { ...deps, signal, spend, sso: ssoConnections, egress, scimOAuth }, options.realtime),
    memberSignIn,
    oidcClients: createOidcClientService({ store: createOidcClientStore(storage), clock: deps.clock, findTeam: (ref) => teams.find(ref) }),
    oidcProvider: { payloads: createOidcPayloadStore(storage), keys: createOidcKeyStore(storage), clock: deps.clock },
    teamLifecycle,
    portalLinks,
    teamOptions,
    mailer,
    teamAdmins,
    emailSignIn: createEmailSignIn({ adminAccess, mailer, clock: deps.clock, options: options.emailSignIn }),
  };
}

export interface RealtimeServices {
  options: RealtimeOptions;
  signal: CommitSignal;
  feed: EventFeed;
  webhooks: WebhookService;
  webhookDelivery: WebhookDelivery;
  activity: ActivityLog;
  diagnostics: Diagnostics;
}

function createRealtimeServices(
  storage: Storage,
  deps: { store: Store; clock: Clock; ids: Ids; signal: CommitSignal; spend: SpendService; sso: SsoConnectionService; egress: Egress; scimOAuth: ScimOAuthService },
  overrides: ServiceOptions['realtime'] = {},
): RealtimeServices {
  const { store, clock, ids, signal } = deps;
  const options = realtimeOptions(overrides);
  const events = createEventsRepository();
  const feed = createEventFeed({ store: { db: storage.db, listAfter: events.listAfter, lastSeq: events.lastSeq, findByIds: events.findByIds } }) as EventFeed;
  const webhookStore = createWebhookStore(storage, store);
  const activityStore = createActivityStore(storage);
  const activity = createActivityLog({
    store: activityStore,
    clock,
    ids,
    options: options.activity,
    onWritten: (teamIds) => teamIds.forEach((t) => signal.publish('activity', t)),
  });
  const workerId = overrides.workerId ?? `${hostname()}:${process.pid}:${ids.uuid().slice(0, 8)}`;
  const webhooks = createWebhookService({ store: webhookStore, clock, ids, options: options.webhooks, destinations: createDestinationCheck(deps.egress.policy, deps.egress.resolve) });
  return {
    options,
    signal,
    feed,
    webhooks,
    webhookDelivery: createWebhookDelivery({ store: webhookStore, clock, ids, send: overrides.send ?? createWebhookSender(deps.egress), options: options.webhooks, workerId }),
    activity,
    diagnostics: createDiagnostics({
      activity: activityStore,
      clock,
      options: options.diagnostics,
      async team(teamId) {
        const team = await store.teams.findById(store.db, teamId);
        if (!team) throw new Error(`no team ${teamId}`);
        return team;
      },
      async activeTokens(teamId) {
        const now = clock.now().toISOString();
        const active = (await store.tokens.listForTeam(store.db, teamId)).filter((t) => !t.revokedAt && (!t.expiresAt || t.expiresAt > now));
        // An active OAuth client (client credentials) connects the IdP as well as a token, and never expires.
        const clients = (await deps.scimOAuth.list(teamId)).filter((c) => c.status === 'active');
        const lastUsedAt = [...active.map((t) => t.lastUsedAt), ...clients.map((c) => c.lastUsedAt)].filter((t): t is string => t !== null).sort().pop() ?? null;
        // The team loses SCIM when its last token expires: the latest expiry, unless one never expires.
        const expiresAt = active.length === 0 || clients.length > 0 || active.some((t) => !t.expiresAt) ? null : (active.map((t) => t.expiresAt as string).sort().pop() ?? null);
        return { count: active.length + clients.length, lastUsedAt, expiresAt };
      },
      async disabledWebhooks(teamId) {
        return (await webhooks.list(teamId)).filter((w) => !w.enabled).map((w) => ({ id: w.id, url: w.url, disabledAt: w.disabledAt, reason: w.disabledReason }));
      },
      async groupsOf(teamId, userId) {
        return (await store.users.groupsOf(store.db, teamId, [userId])).get(userId) ?? [];
      },
      async findUser(teamId, userId) {
        const user = await store.users.findById(store.db, teamId, userId);
        return user ? { id: user.id, userName: String(user.resource.userName), active: user.resource.active !== false } : undefined;
      },
      async sso(teamId) {
        const view = await deps.sso.view(teamId);
        return { status: view.status, activatedAt: view.activatedAt, scimAllowed: view.scim.tokensAllowed, message: view.scim.message };
      },
      spend: (teamId, userId) => deps.spend.memberSpend(teamId, { by: 'id', value: userId }),
    }),
  };
}
