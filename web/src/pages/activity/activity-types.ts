// Shapes of the activity log and diagnostics admin API
// (src/http/api/activity-routes.ts, diagnostics-routes.ts).

export interface ActivityEntry {
  id: string;
  seq: number;
  at: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  idp: string;
  operation: string | null;
  resourceType: string | null;
  resourceId: string | null;
  userName: string | null;
  summary: string | null;
  error: string | null;
  errorType: string | null;
  authFailure: string | null;
  connectionTest: boolean | number;
  userAgent: string | null;
  requestId: string | null;
  requestBody?: unknown;
}

export type CheckStatus = 'ok' | 'info' | 'warning' | 'problem' | 'unknown';

export interface Check {
  id: string;
  /** `<id>.<situation>`: the dashboard words it from this and `params` (the server's text is English). */
  code?: string;
  params?: Record<string, unknown>;
  status: CheckStatus;
  title: string;
  detail: string;
  action?: string;
  data?: Record<string, unknown>;
}

export interface ConnectionTest {
  status: 'waiting' | 'succeeded' | 'failed';
  detail: string;
  latest: ActivityEntry | null;
  recent: ActivityEntry[];
}

export interface DiagnosticsReport {
  generatedAt: string;
  window: { since: string; until: string };
  overall: CheckStatus;
  idp: string | null;
  lastRequestAt: string | null;
  checks: Check[];
  connectionTest: ConnectionTest;
}

/** IdP names as the activity log detects them from User-Agent and request shape. */
export const IDP_NAMES: Record<string, string> = {
  okta: 'Okta',
  entra: 'Microsoft Entra ID',
  onelogin: 'OneLogin',
  jumpcloud: 'JumpCloud',
  ping: 'Ping Identity',
  google: 'Google',
  authentik: 'authentik',
};
