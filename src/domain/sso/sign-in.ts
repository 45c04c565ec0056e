// Signing in through a team's IdP, for three purposes: an admin's *test*
// (activates the connection, or records why it failed), an *admin* opening
// a dashboard session, and a *member* signing in to the host product
// (Rollcall's OIDC provider builds on this). One core for all three:
//
//   beginSignIn(teamId, { purpose, ... })  → { redirectUrl }   (send the browser there)
//   completeSignIn(teamId, callback)        → SignInOutcome      (the ACS / callback hands over what came back)
//
// Every sign-in is a row in sso_requests (SAML AuthnRequest id, or OIDC
// state with its nonce and PKCE verifier): single use, expiring, and
// readable by any instance.
//
// Login CSRF: an admin or member sign-in is bound to the browser that
// started it (sso-browser-binding.ts).

import { randomBytes } from 'node:crypto';
import { requestIdFor, startedHere } from './browser-binding.js';
import { safeReturnTo } from './safe-return-to.js';
import type { Clock, Ids } from '../ports.js';
import { DomainError } from '../errors.js';
import { createEventFactory } from '../events.js';
import { requireEnterprise } from './gate.js';
import { SignInRefused, reasonMessage, type ReasonCode } from './reasons.js';
import { testIdentity, type TestIdentity } from './test-identity.js';
import {
  spEndpoints,
  type ConnectionConfig,
  type RawIdentity,
  type SignInIdentity,
  type SignInPurpose,
  type SsoConnectors,
  type SsoOptions,
} from './types.js';
import type { SsoConnectionRecord, SsoRequestRecord, SsoStore } from './store.js';

export interface BeginOptions {
  purpose: SignInPurpose;
  /** Where to go after an admin sign-in: a path on this server. */
  returnTo?: string;
  /** The OIDC provider interaction this member sign-in belongs to. */
  interactionId?: string;
  /** The admin account running a test (required for purpose 'test'). */
  initiatedBy?: string;
}

export type SignInCallback = { kind: 'saml'; samlResponse: string } | { kind: 'oidc'; query: string };

interface Context {
  purpose?: SignInPurpose;
  returnTo?: string;
  interactionId?: string;
}

export type SignInOutcome =
  | ({ ok: true; teamId: string; identity: SignInIdentity; initiatedBy?: string } & Context & { purpose: SignInPurpose })
  | ({ ok: false; teamId: string; reason: ReasonCode; message: string; detail?: string } & Context);

const random = (bytes: number) => randomBytes(bytes).toString('base64url');

function context(request: SsoRequestRecord | undefined): Context {
  if (!request) return {};
  return {
    purpose: request.purpose,
    ...(request.returnTo ? { returnTo: request.returnTo } : {}),
    ...(request.interactionId ? { interactionId: request.interactionId } : {}),
  };
}

function checkIdentity(raw: RawIdentity): SignInIdentity {
  if (!raw.email) throw new SignInRefused('identity.email_missing', `subject "${raw.subject}"`);
  // An unverified address could name someone else's account.
  if (raw.emailVerified === false) throw new SignInRefused('identity.email_unverified', raw.email);
  return { subject: raw.subject, email: raw.email, ...(raw.name ? { name: raw.name } : {}), ...(raw.groups ? { groups: raw.groups } : {}), attributes: raw.attributes };
}

export function createSsoSignInService(deps: { store: SsoStore; connectors: SsoConnectors; clock: Clock; ids: Ids; options: SsoOptions }) {
  const { store, connectors, clock, ids, options } = deps;
  const event = createEventFactory(clock, ids);

  /** The configuration a request runs against, or why it no longer can. */
  function configFor(conn: SsoConnectionRecord | undefined, request: SsoRequestRecord): ConnectionConfig {
    if (!conn || conn.configRevision !== request.configRevision) throw new SignInRefused('sign_in.config_changed');
    const config = request.usePending ? conn.pendingConfig : conn.config;
    if (!config || config.kind !== request.kind) throw new SignInRefused('sign_in.config_changed');
    // Disabled while the sign-in was under way: a test does not switch it back on.
    if (conn.status === 'disabled' || (request.purpose !== 'test' && conn.status !== 'active')) throw new SignInRefused('sign_in.unavailable');
    return config;
  }

  /** What the IdP returned, with the identity's role in the team (null: not a team admin). */
  async function seenAtTest(teamId: string, raw: RawIdentity): Promise<TestIdentity> {
    const admin = raw.email ? await store.findTeamAdmin(store.db, teamId, raw.email.trim().toLowerCase()) : undefined;
    return testIdentity(raw, admin?.role ?? null);
  }

  async function recordTest(request: SsoRequestRecord, result: { ok: true } | { ok: false; refusal: SignInRefused }, seen: TestIdentity | null = null): Promise<void> {
    const now = clock.now().toISOString();
    const by = request.initiatedBy ? ((await store.findAccountEmail(store.db, request.initiatedBy)) ?? null) : null;
    await store.transaction(async (tx) => {
      const conn = await store.findConnection(tx, request.teamId);
      if (!conn) return;
      const stale = conn.configRevision !== request.configRevision;
      if (result.ok && stale) throw new SignInRefused('sign_in.config_changed');
      if (stale) return; // A failure of a configuration that was replaced meanwhile says nothing about the current one.
      const test = { lastTestAt: now, lastTestByEmail: by, lastTestIdentity: seen };
      const target = { type: 'SsoConnection' as const, id: conn.id };
      if (result.ok) {
        const config = request.usePending && conn.pendingConfig ? conn.pendingConfig : conn.config;
        const changes: Partial<SsoConnectionRecord> = {
          ...test,
          status: 'active',
          config,
          kind: config.kind,
          pendingConfig: null,
          activatedAt: now,
          activatedBy: request.initiatedBy,
          activatedByEmail: by,
          lastTestResult: 'ok',
          lastTestReason: null,
          lastTestDetail: null,
          updatedAt: now,
        };
        if (!(await store.updateConnection(tx, conn.teamId, { revision: conn.configRevision, status: conn.status }, changes))) throw new SignInRefused('sign_in.config_changed');
        await store.appendEvents(tx, [event(conn.teamId, 'sso.activated', target, { kind: config.kind, by, replacedConfig: request.usePending, identity: seen?.email ?? null, identityIsTeamAdmin: seen?.teamRole != null })]);
        return;
      }
      const { reason, detail } = result.refusal;
      // An active connection stays active when a test of an edit fails.
      const status = conn.status === 'active' || conn.status === 'disabled' ? conn.status : 'failed';
      const changes: Partial<SsoConnectionRecord> = { ...test, status, lastTestResult: 'failed', lastTestReason: reason, lastTestDetail: detail ?? null, updatedAt: now };
      if (await store.updateConnection(tx, conn.teamId, { revision: conn.configRevision, status: conn.status }, changes)) {
        await store.appendEvents(tx, [event(conn.teamId, 'sso.test_failed', target, { kind: request.kind, reason, message: reasonMessage(reason), by })]);
      }
    });
  }

  /** Consumes the request (single use) and turns a refusal into an outcome; a test's failure is recorded. */
  async function refuse(teamId: string, request: SsoRequestRecord | undefined, refusal: SignInRefused, consume: boolean): Promise<SignInOutcome> {
    if (request && consume && (await store.consumeRequest(store.db, request.id, clock.now().toISOString())) && request.purpose === 'test') {
      await recordTest(request, { ok: false, refusal });
    }
    return { ok: false, teamId, reason: refusal.reason, message: reasonMessage(refusal.reason), ...(refusal.detail ? { detail: refusal.detail } : {}), ...context(request) };
  }

  async function succeed(request: SsoRequestRecord, raw: RawIdentity): Promise<SignInOutcome> {
    const seen = request.purpose === 'test' ? await seenAtTest(request.teamId, raw) : null;
    let identity: SignInIdentity;
    try {
      identity = checkIdentity(raw);
    } catch (error) {
      // A test refused for what the identity lacks still shows what the IdP sent.
      if (!(error instanceof SignInRefused) || request.purpose !== 'test') throw error;
      await recordTest(request, { ok: false, refusal: error }, seen);
      return refuse(request.teamId, request, error, false);
    }
    if (request.purpose === 'test') await recordTest(request, { ok: true }, seen);
    return { ok: true, teamId: request.teamId, identity, purpose: request.purpose, ...(request.initiatedBy ? { initiatedBy: request.initiatedBy } : {}), ...context(request) };
  }

  const expired = (request: SsoRequestRecord) => new Date(request.expiresAt) <= clock.now();

  async function completeSaml(teamId: string, samlResponse: string, bindings: readonly string[]): Promise<SignInOutcome> {
    const conn = await store.findConnection(store.db, teamId);
    if (!conn) return refuse(teamId, undefined, new SignInRefused('sign_in.unavailable'), false);
    const sp = spEndpoints(options.publicUrl, teamId);
    // Which request (and so which configuration) the response claims to answer;
    // the signed assertion must confirm it below.
    const claimed = await connectors.saml.inResponseTo(samlResponse);
    const found = claimed ? await store.findRequest(store.db, teamId, claimed) : undefined;
    const request = found?.kind === 'saml' ? found : undefined;
    // Not consumed: the browser that did start it may still finish it.
    if (request && !startedHere(request, bindings)) return refuse(teamId, request, new SignInRefused('sign_in.wrong_browser'), false);
    let assertion;
    try {
      const config = request ? configFor(conn, request) : conn.config;
      if (config.kind !== 'saml') throw new SignInRefused('sign_in.unavailable', 'this team\'s SSO connection uses OIDC');
      assertion = await connectors.saml.validate(config, sp, samlResponse, async (id) => (await store.findRequest(store.db, teamId, id))?.kind === 'saml');
      if (!request || assertion.inResponseTo !== request.id) throw new SignInRefused('saml.in_response_to_unknown');
      if (request.consumedAt) throw new SignInRefused('saml.replayed', `request ${request.id} was already answered`);
      if (expired(request)) throw new SignInRefused('sign_in.expired');
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      return refuse(teamId, request, error, !request?.consumedAt);
    }
    const at = clock.now().toISOString();
    const first = await store.transaction(async (tx) => {
      if (!(await store.consumeAssertion(tx, teamId, assertion.assertionId, at, assertion.expiresAt))) return false;
      return store.consumeRequest(tx, request.id, at);
    });
    if (!first) return refuse(teamId, request, new SignInRefused('saml.replayed', `assertion ${assertion.assertionId}`), false);
    try {
      return await succeed(request, assertion.identity);
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      if (request.purpose === 'test') await recordTest(request, { ok: false, refusal: error });
      return refuse(teamId, request, error, false);
    }
  }

  async function completeOidc(teamId: string, query: string, bindings: readonly string[]): Promise<SignInOutcome> {
    const params = new URLSearchParams(query);
    const state = params.get('state');
    const found = state ? await store.findRequest(store.db, teamId, state) : undefined;
    const request = found?.kind === 'oidc' ? found : undefined;
    if (!request) {
      const idpError = params.get('error');
      return refuse(teamId, undefined, idpError ? new SignInRefused('idp.error', idpError) : new SignInRefused('oidc.state_unknown'), false);
    }
    if (!startedHere(request, bindings)) return refuse(teamId, request, new SignInRefused('sign_in.wrong_browser'), false);
    // Consumed before the code is exchanged: of two racing callbacks, one runs.
    if (request.consumedAt || !(await store.consumeRequest(store.db, request.id, clock.now().toISOString()))) {
      return refuse(teamId, request, new SignInRefused('oidc.state_reused'), false);
    }
    const fail = async (refusal: SignInRefused) => {
      if (request.purpose === 'test') await recordTest(request, { ok: false, refusal });
      return refuse(teamId, request, refusal, false);
    };
    try {
      if (expired(request)) throw new SignInRefused('sign_in.expired');
      const config = configFor(await store.findConnection(store.db, teamId), request);
      if (config.kind !== 'oidc') throw new SignInRefused('sign_in.config_changed');
      const raw = await connectors.oidc.exchange(config, spEndpoints(options.publicUrl, teamId), query, {
        state: request.id,
        nonce: request.nonce ?? '',
        codeVerifier: request.codeVerifier ?? '',
      });
      return await succeed(request, raw);
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      return fail(error);
    }
  }

  return {
    /** Starts a sign-in; send the browser to `redirectUrl`. */
    async beginSignIn(teamId: string, begin: BeginOptions): Promise<{ redirectUrl: string; requestId: string; expiresAt: string; binding: string }> {
      const team = await store.findTeam(store.db, teamId);
      if (!team) throw new DomainError('team.not_found', `no team "${teamId}"`);
      requireEnterprise(team.plan);
      const conn = await store.findConnection(store.db, teamId);
      if (!conn) throw new DomainError('sso.not_configured', 'this team has no SSO connection yet; configure one first');
      if (begin.purpose === 'test') {
        if (!begin.initiatedBy) throw new DomainError('sso.invalid_state', 'a test sign-in is started by a signed-in admin');
        if (conn.status === 'disabled') throw new DomainError('sso.invalid_state', 'SSO is disabled; enable it before testing');
      } else if (conn.status !== 'active') {
        throw new DomainError('sso.not_active', 'single sign-on is not active for this team yet');
      }
      const usePending = begin.purpose === 'test' && conn.pendingConfig !== null;
      const config = usePending ? (conn.pendingConfig as ConnectionConfig) : conn.config;
      const now = clock.now();
      const binding = random(32);
      const request: SsoRequestRecord = {
        id: requestIdFor(config.kind, binding),
        teamId: teamId,
        kind: config.kind,
        purpose: begin.purpose,
        configRevision: conn.configRevision,
        usePending: usePending,
        nonce: config.kind === 'oidc' ? random(32) : null,
        codeVerifier: config.kind === 'oidc' ? random(48) : null,
        returnTo: safeReturnTo(begin.returnTo),
        interactionId: begin.interactionId ?? null,
        initiatedBy: begin.initiatedBy ?? null,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + options.requestTtlMs).toISOString(),
        consumedAt: null,
      };
      const sp = spEndpoints(options.publicUrl, teamId);
      let redirectUrl: string;
      try {
        redirectUrl =
          config.kind === 'saml'
            ? await connectors.saml.authorizeUrl(config, sp, request.id, request.id)
            : await connectors.oidc.authorizeUrl(config, sp, { state: request.id, nonce: request.nonce as string, codeVerifier: request.codeVerifier as string });
      } catch (error) {
        if (error instanceof SignInRefused) throw new DomainError('sso.discovery_failed', error.message);
        throw error;
      }
      await store.transaction(async (tx) => {
        await store.purgeExpired(tx, now.toISOString());
        await store.insertRequest(tx, request);
      });
      return { redirectUrl, requestId: request.id, expiresAt: request.expiresAt, binding };
    },

    /**
     * Finishes a sign-in with what the IdP sent back (the SAML POST, or the
     * OIDC callback's query string); `bindings` are the binding secrets the
     * browser holds (several sign-ins may be under way in one browser).
     */
    completeSignIn(teamId: string, callback: SignInCallback, bindings: readonly string[]): Promise<SignInOutcome> {
      return callback.kind === 'saml' ? completeSaml(teamId, callback.samlResponse, bindings) : completeOidc(teamId, callback.query, bindings);
    },

    /** The team admin an SSO identity is, if its email has a role in the team. */
    adminFor: (teamId: string, identity: SignInIdentity) => store.findTeamAdmin(store.db, teamId, identity.email.trim().toLowerCase()),

    async spMetadata(teamId: string): Promise<string> {
      const team = await store.findTeam(store.db, teamId);
      if (!team) throw new DomainError('team.not_found', `no team "${teamId}"`);
      requireEnterprise(team.plan);
      return connectors.saml.spMetadata(spEndpoints(options.publicUrl, teamId));
    },
  };
}

export type SsoSignInService = ReturnType<typeof createSsoSignInService>;
