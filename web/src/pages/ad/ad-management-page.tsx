// Active Directory Management: where a team admin connects the identity
// provider and watches it work — status at a glance, then the setup wizard
// (PRODUCT.md rule 5).

import { Alert, Stack } from '@mantine/core';
import { teamPath } from '../../api/client';
import type { ScimToken, SetupProgress } from '../../api/types';
import { useApi } from '../../api/use-api';
import { IconAlert, IconCheck, IconInfo } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/states';
import { useT } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';
import { useLocation } from '../../router';
import { canManage, useTeam } from '../../session/team';
import { StatusCards } from './status-cards';
import { useSso } from './use-sso';
import { reasonText } from './sso-reason';
import { SetupWizard } from './setup-wizard';
import { TokenExpiring } from './token-expiring';
import { InviteItAdmin } from './invite-it-admin';

export function AdManagementPage({ teamId }: { teamId: string }) {
  const { t } = useT();
  const team = useTeam();
  const admin = canManage(team.data);
  const tokens = useApi<{ tokens: ScimToken[] }>(admin ? teamPath(teamId, '/scim-tokens') : null);
  useLiveRefresh(['token.'], tokens.reload);
  const sso = useSso(teamId);
  useLiveRefresh(['sso.'], sso.reload);
  const { search } = useLocation();
  const ssoResult = search.get('sso');
  // The code the sign-in returned with, until the connection's own state has loaded.
  const returnedReason = reasonText(t, search.get('reason'));
  // Read once: the wizard keeps its place itself afterwards.
  const progress = useApi<SetupProgress>(admin ? teamPath(teamId, '/setup-progress') : null);
  const progressReady = progress.data !== undefined || progress.error !== undefined;

  return (
    <>
      <PageHeader title={t('ad.title')} description={t('ad.description')} />
      {ssoResult === 'ok' && (
        <Alert color="teal" icon={<IconCheck />} mb="md" title={t('sso.resultOkTitle')}>
          {t('sso.resultOkBody')}
        </Alert>
      )}
      {ssoResult === 'failed' && (
        <Alert color="red" icon={<IconAlert />} mb="md" title={t('sso.resultFailedTitle')} data-testid="sso-result-failed">
          {sso.reason ?? returnedReason ?? t('sso.resultFailedBody')}
        </Alert>
      )}
      {team.error && !team.data ? (
        <ErrorState error={team.error} onRetry={team.reload} />
      ) : !team.data ? (
        <LoadingState rows={4} />
      ) : (
        <Stack gap={0}>
          <StatusCards team={team.data} tokens={tokens.data?.tokens} sso={sso} admin={admin} />
          <TokenExpiring tokens={tokens.data?.tokens} />
          {admin ? (
            tokens.error && !tokens.data ? (
              <ErrorState error={tokens.error} onRetry={tokens.reload} />
            ) : tokens.data && !sso.loading && progressReady ? (
              <SetupWizard team={team.data} tokens={tokens.data.tokens} reloadTokens={tokens.reload} sso={sso} progress={progress.data} />
            ) : (
              <LoadingState rows={4} />
            )
          ) : (
            <Alert color="gray" icon={<IconInfo />}>
              {t('ad.memberNote')}
            </Alert>
          )}
          {team.data.role === 'owner' && <InviteItAdmin teamId={teamId} />}
        </Stack>
      )}
    </>
  );
}
