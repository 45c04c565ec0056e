// The persistence port of SSO: each team's connection, the sign-in requests
// in flight, used SAML assertion ids. storage/sso/sso-store.ts implements it.

import type { DomainEvent } from '../events.js';
import type { ReasonCode } from './reasons.js';
import type { ConnectionConfig, SignInPurpose, SsoKind, SsoStatus } from './types.js';
import type { TestIdentity } from './test-identity.js';

export interface SsoConnectionRecord {
  teamId: string;
  id: string;
  kind: SsoKind;
  status: SsoStatus;
  config: ConnectionConfig;
  pendingConfig: ConnectionConfig | null;
  configRevision: number;
  createdAt: string;
  updatedAt: string;
  activatedAt: string | null;
  activatedBy: string | null;
  activatedByEmail: string | null;
  disabledAt: string | null;
  lastTestAt: string | null;
  lastTestResult: 'ok' | 'failed' | null;
  lastTestReason: ReasonCode | null;
  lastTestDetail: string | null;
  lastTestByEmail: string | null;
  /** Who the IdP said signed in at the last test, when it got that far. */
  lastTestIdentity: TestIdentity | null;
}

export interface SsoRequestRecord {
  id: string;
  teamId: string;
  kind: SsoKind;
  purpose: SignInPurpose;
  configRevision: number;
  usePending: boolean;
  nonce: string | null;
  codeVerifier: string | null;
  returnTo: string | null;
  interactionId: string | null;
  initiatedBy: string | null;
  createdAt: string;
  expiresAt: string;
  consumedAt: string | null;
}

export interface SsoStore<Tx = unknown> {
  readonly db: Tx;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  findTeam(tx: Tx, teamId: string): Promise<{ id: string; plan: string } | undefined>;
  findConnection(tx: Tx, teamId: string): Promise<SsoConnectionRecord | undefined>;
  insertConnection(tx: Tx, row: SsoConnectionRecord): Promise<void>;
  /** Writes `changes` if the row still has `expectedRevision` and `expectedStatus`; false if it moved on. */
  updateConnection(tx: Tx, teamId: string, expected: { revision: number; status: SsoStatus }, changes: Partial<SsoConnectionRecord>): Promise<boolean>;
  insertRequest(tx: Tx, row: SsoRequestRecord): Promise<void>;
  findRequest(tx: Tx, teamId: string, id: string): Promise<SsoRequestRecord | undefined>;
  /** Marks a request used; false if it already was (single use under races). */
  consumeRequest(tx: Tx, id: string, at: string): Promise<boolean>;
  /** Records a SAML assertion id as used; false if it already was. */
  consumeAssertion(tx: Tx, teamId: string, assertionId: string, at: string, expiresAt: string): Promise<boolean>;
  purgeExpired(tx: Tx, before: string): Promise<void>;
  /** The admin account with that email and its role in the team, if any. */
  findTeamAdmin(tx: Tx, teamId: string, emailCi: string): Promise<{ accountId: string; email: string; role: string } | undefined>;
  findAccountEmail(tx: Tx, accountId: string): Promise<string | undefined>;
  appendEvents(tx: Tx, events: DomainEvent[]): Promise<void>;
}
