// Step 1: SSO. SCIM provisions the people who sign in through SSO, so SCIM
// setup stays locked until the team's SSO connection is active; the step says
// why, shows the last test's result in plain words, and is where SSO is set
// up: configure, run the test sign-in (which returns here), enable, disable.

import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { post, teamPath, type ApiRequestError } from '../../api/client';
import { IconAlert, IconCheck, IconInfo, IconLock } from '../../components/icons';
import { ErrorState, LoadingState } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { SSO_COLORS } from './status-cards';
import { SsoConfigForm } from './sso-config-form';
import { SsoTestIdentity } from './sso-test-identity';
import { StepActions } from './step-actions';
import { scimUnlocked, type SsoView } from './use-sso';

export function SsoStep({ teamId, sso, onNext }: { teamId: string; sso: SsoView; onNext: () => void }) {
  const { t } = useT();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError>();
  if (sso.loading) return <LoadingState rows={2} />;
  if (sso.error) return <ErrorState error={sso.error} onRetry={sso.reload} />;
  const data = sso.data;

  const act = async (path: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await post<{ redirectUrl?: string }>(teamPath(teamId, path));
      if (answer?.redirectUrl) {
        window.location.assign(answer.redirectUrl);
        return;
      }
      sso.reload();
    } catch (e) {
      setError(e as ApiRequestError);
    }
    setBusy(false);
  };

  return (
    <Stack gap="sm" data-testid="sso-state" data-phase={sso.phase}>
      <Group gap="xs">
        <Text fw={600}>{t('sso.statusLabel')}</Text>
        <Badge color={SSO_COLORS[sso.phase]} variant="light">
          {t(`sso.phase.${sso.phase}`)}
        </Badge>
        {data?.kind && <Badge variant="outline">{data.kind === 'saml' ? 'SAML 2.0' : 'OpenID Connect'}</Badge>}
      </Group>
      {sso.phase === 'unknown' && (
        <Alert color="gray" icon={<IconInfo />} title={t('sso.unknownTitle')}>
          {t('sso.unknownBody')}
        </Alert>
      )}
      {sso.phase === 'active' && (
        <Alert color="teal" icon={<IconCheck />} title={t('sso.activeTitle')}>
          {t('sso.activeBody')}{' '}
          {data?.activatedAt && (
            <Text span size="sm" c="dimmed">
              {t('sso.activatedBy', { who: data.activatedBy ?? '—' })} <RelativeTime iso={data.activatedAt} />
            </Text>
          )}
        </Alert>
      )}
      {data?.lastTest?.identity && <SsoTestIdentity identity={data.lastTest.identity} />}
      {!scimUnlocked(sso) && (
        <Alert color="orange" icon={<IconLock />} title={t('sso.lockedTitle')} data-testid="scim-locked">
          <Stack gap={6}>
            <Text size="sm">{t('sso.lockedBody')}</Text>
            {sso.reason && <Text size="sm" fw={500} data-testid="sso-reason">{t('sso.lastTestFailed', { reason: sso.reason })}</Text>}
            <Text size="sm">{t(`sso.next.${sso.phase === 'unknown' || sso.phase === 'active' ? 'none' : sso.phase}`)}</Text>
          </Stack>
        </Alert>
      )}
      {data?.pendingConfig && (
        <Alert color="blue" icon={<IconInfo />}>
          {t('sso.pending')}
        </Alert>
      )}
      {error && (
        <Alert color="red" icon={<IconAlert />} role="alert">
          {error.message}
        </Alert>
      )}
      {data && (
        <Group gap="sm">
          {(data.status === 'draft' || data.status === 'failed' || data.pendingConfig) && (
            <Button onClick={() => void act('/sso/test')} loading={busy} data-testid="sso-test">
              {t('sso.runTest')}
            </Button>
          )}
          {data.status === 'disabled' && (
            <Button onClick={() => void act('/sso/enable')} loading={busy}>
              {t('sso.enable')}
            </Button>
          )}
          {data.status !== 'none' && (
            <Button variant="default" onClick={() => setEditing((v) => !v)} aria-expanded={editing || undefined}>
              {t('sso.editConfig')}
            </Button>
          )}
          {data.status === 'active' && (
            <Button variant="subtle" color="red" onClick={() => void act('/sso/disable')} loading={busy}>
              {t('sso.disable')}
            </Button>
          )}
        </Group>
      )}
      {data && (data.status === 'none' || editing) && (
          <SsoConfigForm
            teamId={teamId}
            sso={data}
            onSaved={() => {
              setEditing(false);
              sso.reload();
            }}
          />
      )}
      <StepActions onNext={onNext} disabled={!scimUnlocked(sso)} />
    </Stack>
  );
}
