// The team's SSO connection (GET /api/admin/teams/:teamId/sso). SCIM setup
// stays locked until SSO is active (PRODUCT.md rule 1); the server says so in
// `scim.tokensAllowed` and refuses tokens otherwise. On a server without the
// SSO admin API the state is "unknown" — said so, never guessed.

import { teamPath } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useT } from '../../i18n/i18n';
import { reasonText } from './sso-reason';

export type SsoPhase = 'unknown' | 'none' | 'draft' | 'active' | 'failed' | 'disabled';

export type PublicSsoConfig =
  | { kind: 'saml'; idpEntityId: string; ssoUrl: string; metadataUrl: string | null; certificates: { subject: string; notAfter: string; fingerprintSha256: string }[] }
  | { kind: 'oidc'; issuer: string; clientId: string; clientSecretSet: boolean };

/** What the IdP returned at the last test (null `teamRole`: not an admin of this team). */
export interface TestIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  name: string | null;
  groups: string[];
  attributes: { name: string; value: string }[];
  /** SAML only: null for OIDC. */
  nameId?: string | null;
  nameIdFormat?: string | null;
  teamRole: string | null;
}

export interface SsoAnswer {
  status: Exclude<SsoPhase, 'unknown'>;
  kind: 'saml' | 'oidc' | null;
  config: PublicSsoConfig | null;
  pendingConfig: PublicSsoConfig | null;
  sp: { entityId: string; acsUrl: string; metadataUrl: string; redirectUri: string; signInUrl: string };
  lastTest: { at: string; result: 'ok' | 'failed'; reason: { code: string; message: string } | null; detail: string | null; by: string | null; identity?: TestIdentity | null } | null;
  activatedAt: string | null;
  activatedBy: string | null;
  disabledAt: string | null;
  scim: { tokensAllowed: boolean; message: string };
}

export interface SsoView {
  phase: SsoPhase;
  data?: SsoAnswer;
  /** Why the last test failed, in plain words (translated by its code) and the technical detail. */
  reason?: string;
  /** The last failed test's reason code (src/domain/sso/reasons.ts). */
  reasonCode?: string;
  loading: boolean;
  error?: Error;
  reload(): void;
}

export function useSso(teamId: string): SsoView {
  const { t } = useT();
  const state = useApi<SsoAnswer>(teamPath(teamId, '/sso'));
  if (state.missing) return { phase: 'unknown', loading: false, reload: state.reload };
  const data = state.data;
  const failed = data?.lastTest?.result === 'failed' ? data.lastTest : undefined;
  const reason = failed ? [reasonText(t, failed.reason?.code, failed.reason?.message), failed.detail].filter(Boolean).join(' — ') || undefined : undefined;
  return { phase: data?.status ?? 'none', data, reason, reasonCode: failed?.reason?.code, loading: state.loading && !data, error: data ? undefined : state.error, reload: state.reload };
}

/** SCIM setup may start: SSO is active, or this server cannot tell (no SSO API). */
export const scimUnlocked = (sso: SsoView) => (sso.data ? sso.data.scim.tokensAllowed : sso.phase === 'unknown');
