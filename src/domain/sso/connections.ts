// A team's SSO connection and its life: configured (draft) → a successful
// test sign-in by an admin (sso-sign-in.ts) → active; failed when the last
// test failed; disabled by an admin, and back to draft on enable.
//
// Editing an active connection does not interrupt it: the edit is kept as
// the *pending* configuration, tests run against it, and it replaces the
// active one only when a test succeeds. Admins keep signing in (and SCIM
// keeps running) on the old configuration until then.

import type { Clock, Ids } from '../ports.js';
import { DomainError } from '../errors.js';
import { createEventFactory } from '../events.js';
import { requireEnterprise } from './gate.js';
import { reasonMessage } from './reasons.js';
import type { TestIdentity } from './test-identity.js';
import {
  spEndpoints,
  type ConfigInput,
  type ConnectionConfig,
  type SpEndpoints,
  type SsoConnectors,
  type SsoOptions,
  type SsoStatus,
} from './types.js';
import type { SsoConnectionRecord, SsoStore } from './store.js';

export type PublicConfig =
  | { kind: 'saml'; idpEntityId: string; ssoUrl: string; metadataUrl: string | null; certificates: { subject: string; notAfter: string; fingerprintSha256: string }[]; attributes: ConnectionConfig['attributes'] }
  | { kind: 'oidc'; issuer: string; clientId: string; clientSecretSet: boolean; attributes: ConnectionConfig['attributes'] };

export interface SsoView {
  teamId: string;
  status: SsoStatus | 'none';
  kind: 'saml' | 'oidc' | null;
  /** The configuration in effect (secrets left out). */
  config: PublicConfig | null;
  /** An edit of an active connection, waiting for a successful test. */
  pendingConfig: PublicConfig | null;
  sp: SpEndpoints;
  lastTest: {
    at: string;
    result: 'ok' | 'failed';
    reason: { code: string; message: string } | null;
    detail: string | null;
    by: string | null;
    /** Who the IdP said signed in, and what it sent; null when the test failed before that. */
    identity: TestIdentity | null;
  } | null;
  activatedAt: string | null;
  activatedBy: string | null;
  disabledAt: string | null;
  /** The SSO gate, as the SCIM setup wizard shows it. */
  scim: { tokensAllowed: boolean; message: string };
}

export interface Actor {
  accountId: string;
  email: string;
}

function publicConfig(config: ConnectionConfig | null): PublicConfig | null {
  if (!config) return null;
  if (config.kind === 'oidc') return { kind: 'oidc', issuer: config.issuer, clientId: config.clientId, clientSecretSet: config.clientSecret !== '', attributes: config.attributes };
  return {
    kind: 'saml',
    idpEntityId: config.idpEntityId,
    ssoUrl: config.ssoUrl,
    metadataUrl: config.metadataUrl,
    certificates: config.certificates.map(({ subject, notAfter, fingerprintSha256 }) => ({ subject, notAfter, fingerprintSha256 })),
    attributes: config.attributes,
  };
}

const sameConfig = (a: ConnectionConfig, b: ConnectionConfig) => JSON.stringify(a) === JSON.stringify(b);

export function createSsoConnectionService(deps: {
  store: SsoStore;
  connectors: SsoConnectors;
  clock: Clock;
  ids: Ids;
  options: SsoOptions;
  /** Called after a connection's state changed (the SCIM gate depends on it). */
  onChanged?: (teamId: string) => void;
}) {
  const { store, connectors, clock, ids, options } = deps;
  const event = createEventFactory(clock, ids);

  async function enterpriseTeam(teamId: string) {
    const team = await store.findTeam(store.db, teamId);
    if (!team) throw new DomainError('team.not_found', `no team "${teamId}"`);
    requireEnterprise(team.plan);
    return team;
  }

  async function existing(teamId: string): Promise<SsoConnectionRecord> {
    const row = await store.findConnection(store.db, teamId);
    if (!row) throw new DomainError('sso.not_configured', 'this team has no SSO connection yet; configure one first');
    return row;
  }

  function toView(teamId: string, row: SsoConnectionRecord | undefined): SsoView {
    const status = row?.status ?? 'none';
    const tokensAllowed = status === 'active';
    return {
      teamId,
      status,
      kind: row?.kind ?? null,
      config: publicConfig(row?.config ?? null),
      pendingConfig: publicConfig(row?.pendingConfig ?? null),
      sp: spEndpoints(options.publicUrl, teamId),
      lastTest:
        row?.lastTestAt && row.lastTestResult
          ? {
              at: row.lastTestAt,
              result: row.lastTestResult,
              reason: row.lastTestReason ? { code: row.lastTestReason, message: reasonMessage(row.lastTestReason) } : null,
              detail: row.lastTestDetail,
              by: row.lastTestByEmail,
              identity: row.lastTestIdentity ?? null,
            }
          : null,
      activatedAt: row?.activatedAt ?? null,
      activatedBy: row?.activatedByEmail ?? null,
      disabledAt: row?.disabledAt ?? null,
      scim: {
        tokensAllowed,
        message: tokensAllowed ? 'SSO is active: SCIM can be set up.' : 'Set up and test SSO first: SCIM tokens are issued once the SSO connection is active.',
      },
    };
  }

  /** Writes a change guarded by the row's revision and status; a concurrent change makes it a 409. */
  async function change(row: SsoConnectionRecord, changes: Partial<SsoConnectionRecord>, type: 'sso.configured' | 'sso.disabled' | 'sso.enabled', data: Record<string, unknown>) {
    await store.transaction(async (tx) => {
      const ok = await store.updateConnection(tx, row.teamId, { revision: row.configRevision, status: row.status }, { ...changes, updatedAt: clock.now().toISOString() });
      if (!ok) throw new DomainError('sso.invalid_state', 'the SSO connection changed meanwhile; reload and try again');
      await store.appendEvents(tx, [event(row.teamId, type, { type: 'SsoConnection', id: row.id }, data)]);
    });
    deps.onChanged?.(row.teamId);
  }

  /** The stored secret may be kept when the OIDC client does not change. */
  function withSecret(input: ConfigInput, row: SsoConnectionRecord | undefined): ConfigInput & { clientSecret?: string } {
    if (input.kind !== 'oidc' || input.clientSecret) return input;
    const kept = [row?.pendingConfig, row?.config].find((c) => c?.kind === 'oidc' && c.issuer === input.issuer.trim().replace(/\/+$/, '') && c.clientId === input.clientId?.trim());
    if (kept?.kind !== 'oidc') throw new DomainError('sso.invalid_config', 'clientSecret is required for a new OIDC client');
    return { ...input, clientSecret: kept.clientSecret };
  }

  return {
    endpoints: (teamId: string): SpEndpoints => spEndpoints(options.publicUrl, teamId),

    async view(teamId: string): Promise<SsoView> {
      await enterpriseTeam(teamId);
      return toView(teamId, await store.findConnection(store.db, teamId));
    },

    async configure(teamId: string, input: ConfigInput, by: Actor): Promise<SsoView> {
      await enterpriseTeam(teamId);
      const before = await store.findConnection(store.db, teamId);
      const full = withSecret(input, before);
      // Fetching metadata or discovery happens before any write.
      const prepared: ConnectionConfig = full.kind === 'saml' ? await connectors.saml.prepare(full) : await connectors.oidc.prepare({ ...full, clientSecret: full.clientSecret as string });
      const now = clock.now().toISOString();
      if (!before) {
        const row: SsoConnectionRecord = {
          teamId: teamId,
          id: ids.uuid(),
          kind: prepared.kind,
          status: 'draft',
          config: prepared,
          pendingConfig: null,
          configRevision: 1,
          createdAt: now,
          updatedAt: now,
          activatedAt: null,
          activatedBy: null,
          activatedByEmail: null,
          disabledAt: null,
          lastTestAt: null,
          lastTestResult: null,
          lastTestReason: null,
          lastTestDetail: null,
          lastTestByEmail: null,
          lastTestIdentity: null,
        };
        await store.transaction(async (tx) => {
          await store.insertConnection(tx, row);
          await store.appendEvents(tx, [event(teamId, 'sso.configured', { type: 'SsoConnection', id: row.id }, { kind: row.kind, status: 'draft', pending: false, by: by.email })]);
        });
        return toView(teamId, row);
      }
      const changes: Partial<SsoConnectionRecord> =
        before.status === 'active'
          ? { pendingConfig: sameConfig(prepared, before.config) ? null : prepared }
          : { config: prepared, kind: prepared.kind, pendingConfig: null, status: before.status === 'disabled' ? 'disabled' : 'draft' };
      changes.configRevision = before.configRevision + 1;
      const after = { ...before, ...changes };
      await change(before, changes, 'sso.configured', { kind: prepared.kind, status: after.status, pending: after.pendingConfig !== null, by: by.email });
      return toView(teamId, after);
    },

    async disable(teamId: string, by: Actor): Promise<SsoView> {
      await enterpriseTeam(teamId);
      const row = await existing(teamId);
      if (row.status === 'disabled') throw new DomainError('sso.invalid_state', 'SSO is already disabled');
      const changes: Partial<SsoConnectionRecord> = { status: 'disabled', disabledAt: clock.now().toISOString() };
      await change(row, changes, 'sso.disabled', { kind: row.kind, previousStatus: row.status, by: by.email });
      return toView(teamId, { ...row, ...changes });
    },

    /** Back from disabled to draft: a new test sign-in is needed before it is active again. */
    async enable(teamId: string, by: Actor): Promise<SsoView> {
      await enterpriseTeam(teamId);
      const row = await existing(teamId);
      if (row.status !== 'disabled') throw new DomainError('sso.invalid_state', `SSO is ${row.status}, not disabled`);
      const latest = row.pendingConfig ?? row.config;
      const changes: Partial<SsoConnectionRecord> = { status: 'draft', disabledAt: null, config: latest, kind: latest.kind, pendingConfig: null, configRevision: row.configRevision + 1 };
      await change(row, changes, 'sso.enabled', { kind: latest.kind, by: by.email });
      return toView(teamId, { ...row, ...changes });
    },
  };
}

export type SsoConnectionService = ReturnType<typeof createSsoConnectionService>;
