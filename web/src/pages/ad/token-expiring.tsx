// A warning while the team's last active SCIM token expires within 14 days
// (the diagnosis's token.expiring): provisioning stops when it does.

import { Alert } from '@mantine/core';
import type { ScimToken } from '../../api/types';
import { IconAlert } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../i18n/format';
import { Link } from '../../router';
import { useTeam } from '../../session/team';

const WARN_MS = 14 * 86_400_000;

/** When the team loses SCIM: the latest expiry of its active tokens, unless one never expires. */
export function lastTokenExpiry(tokens: ScimToken[] | undefined): string | undefined {
  const active = (tokens ?? []).filter((token) => token.status === 'active');
  if (active.length === 0 || active.some((token) => !token.expiresAt)) return undefined;
  return active.map((token) => token.expiresAt as string).sort().at(-1);
}

export function TokenExpiring({ tokens }: { tokens: ScimToken[] | undefined }) {
  const { t, locale } = useT();
  const team = useTeam();
  const expiry = lastTokenExpiry(tokens);
  if (!expiry || new Date(expiry).getTime() - Date.now() > WARN_MS) return null;
  return (
    <Alert color="orange" icon={<IconAlert />} mb="md" title={t('ad.tokenExpiringTitle')} data-testid="token-expiring">
      {t('ad.tokenExpiringBody', { date: formatDateTime(locale, expiry) })}{' '}
      {team.data && <Link href={`/teams/${encodeURIComponent(team.data.id)}/tokens`}>{t('ad.tokenExpiringLink')}</Link>}
    </Alert>
  );
}
