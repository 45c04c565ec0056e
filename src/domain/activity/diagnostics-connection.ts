// "Test connection": whether the IdP's own test call arrived and succeeded.
// Test calls are recognised when recorded (activity-idp.ts detectProbe);
// this reads the latest ones and says what they mean for the admin.

import type { StoredActivity } from './store.js';
import { activityView } from './activity-log.js';

const AUTH: Record<string, string> = {
  missing: 'the IdP sent no bearer token',
  unknown: 'the token is not one Rollcall issued (check for a typo or a stale token)',
  revoked: 'the token was revoked',
  expired: 'the token has expired',
  other_team: "the token belongs to another team: check the SCIM base URL's team id",
};

export function connectionTestState(probes: StoredActivity[], since: string | undefined) {
  const latest = probes[0];
  if (!latest) {
    return {
      status: 'waiting' as const,
      detail: since ? `No test call has arrived since ${since}. Click "Test connection" (Okta: "Test API Credentials") in the IdP.` : 'No test call from an IdP has been seen yet.',
      latest: null,
      recent: [],
    };
  }
  const ok = latest.status < 400;
  const reason = latest.status === 401 ? `its token was refused: ${AUTH[latest.authFailure ?? 'unknown'] ?? latest.authFailure}` : `Rollcall answered ${latest.status}${latest.error ? ` (${latest.error})` : ''}`;
  return {
    status: ok ? ('succeeded' as const) : ('failed' as const),
    detail: ok
      ? `The ${latest.idp === 'unknown' ? 'IdP' : latest.idp} test call (${latest.method} ${latest.path}) arrived at ${latest.at} and succeeded.`
      : `The test call (${latest.method} ${latest.path}) arrived at ${latest.at} but failed: ${reason}.`,
    latest: activityView(latest),
    recent: probes.slice(0, 5).map((p) => activityView(p)),
  };
}
