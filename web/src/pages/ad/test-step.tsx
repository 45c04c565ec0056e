// Step 5: test the connection. The IdP's own test call (Okta "Test Connector
// Configuration", Entra "Test Connection", …) is the first request made with
// the new token; the step turns green the moment the server records it, then
// shows users and groups arriving live.

import { Alert, Group, Loader, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { teamPath } from '../../api/client';
import type { CreatedToken, Page, ScimToken, Team, UserSummary } from '../../api/types';
import { useApi } from '../../api/use-api';
import { IconAlert, IconCheck, IconGroups, IconUsers } from '../../components/icons';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { formatNumber, formatTime } from '../../i18n/format';
import { useLiveRefresh } from '../../live/live';
import { useSse } from '../../live/use-sse';
import { IDP_NAMES, type ConnectionTest } from '../activity/activity-types';
import { Link } from '../../router';
import { IDP_GUIDES } from './idp-guides';
import { StepActions } from './step-actions';

/** Token use is recorded server-side; re-reading the list this often makes the step feel instant. */
const WATCH_MS = 2000;

function LatestArrivals({ team }: { team: Team }) {
  const { t } = useT();
  const start = Math.max(1, team.counts.users - 4);
  const users = useApi<Page<UserSummary>>(team.counts.users > 0 ? teamPath(team.id, `/users?startIndex=${start}&count=5`) : null);
  useLiveRefresh(['user.'], users.reload);
  if (!users.data || users.data.items.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('test.latest')}
      </Text>
      {[...users.data.items].reverse().map((user) => (
        <Group key={user.id} gap="xs" data-testid="arrival">
          <Link className="row-link" href={`/teams/${encodeURIComponent(team.id)}/users/${encodeURIComponent(user.id)}`}>
            {user.displayName ?? user.userName}
          </Link>
          <Text size="xs" c="dimmed">
            <RelativeTime iso={user.created} />
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function TestStep({ team, tokens, created, reloadTokens, onNext }: { team: Team; tokens: ScimToken[]; created: CreatedToken | undefined; reloadTokens: () => void; onNext: () => void }) {
  const { t, locale } = useT();
  useEffect(() => {
    const timer = setInterval(reloadTokens, WATCH_MS);
    return () => clearInterval(timer);
  }, [reloadTokens]);

  const watched = created ? tokens.filter((token) => token.id === created.token.id) : tokens.filter((token) => token.status === 'active');
  const seen = watched.map((token) => token.lastUsedAt).filter((at): at is string => !!at).sort()[0];
  // The IdP's own test call, recognised by the activity log and streamed as it arrives.
  const since = created?.token.createdAt ?? watched.map((token) => token.createdAt).sort()[0];
  const [probe, setProbe] = useState<ConnectionTest>();
  const onProbe = useCallback((event: { data: unknown }) => setProbe(event.data as ConnectionTest), []);
  useSse(since ? teamPath(team.id, `/diagnostics/connection-test/stream?since=${encodeURIComponent(since)}`) : null, onProbe);
  const failed = probe?.status === 'failed' ? probe.latest : null;
  const succeededAt = probe?.status === 'succeeded' ? probe.latest?.at : undefined;
  const connectedAt = succeededAt ?? (failed ? undefined : seen);
  const groupPushHint = team.counts.users > 0 && team.counts.groups === 0;

  return (
    <Stack gap="md" maw={760}>
      {failed ? (
        <Alert color="red" variant="light" icon={<IconAlert />} title={t('test.failedTitle')} data-testid="connection-failed">
          {failed.status === 401
            ? t('test.failedAuth', { reason: t(`diag.auth.${(['missing', 'unknown', 'revoked', 'expired', 'other_team'] as const).find((c) => c === failed.authFailure) ?? 'unknown'}`) })
            : t('test.failedStatus', { status: failed.status, error: failed.error ?? '' })}
        </Alert>
      ) : connectedAt ? (
        <Alert color="teal" variant="filled" icon={<IconCheck />} title={t('test.connectedTitle')} data-testid="connection-ok">
          {succeededAt ? t('test.probeBody', { idp: IDP_NAMES[probe?.latest?.idp ?? ''] ?? t('test.yourIdp'), time: formatTime(locale, succeededAt) }) : t('test.connectedBody', { time: formatTime(locale, connectedAt) })}
        </Alert>
      ) : (
        <Alert color="blue" icon={<Loader size={16} color="blue" />} title={t('test.waitingTitle')} data-testid="connection-waiting">
          <Stack gap={4}>
            <Text size="sm">{t('test.waitingBody')}</Text>
            {IDP_GUIDES.map((guide) => (
              <Text size="xs" key={guide.id}>
                <b>{guide.name}:</b> {t(guide.testHint)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Group gap="sm">
          <ThemeIcon variant="light" size="lg">
            <IconUsers />
          </ThemeIcon>
          <div>
            <Text size="xs" c="dimmed">
              {t('ad.cardUsers')}
            </Text>
            <Text fw={650} data-testid="test-users">
              {formatNumber(locale, team.counts.users)}
            </Text>
          </div>
        </Group>
        <Group gap="sm">
          <ThemeIcon variant="light" size="lg">
            <IconGroups />
          </ThemeIcon>
          <div>
            <Text size="xs" c="dimmed">
              {t('ad.cardGroups')}
            </Text>
            <Text fw={650} data-testid="test-groups">
              {formatNumber(locale, team.counts.groups)}
            </Text>
          </div>
        </Group>
      </SimpleGrid>
      {groupPushHint && (
        <Alert color="orange" icon={<IconAlert />} title={t('test.noGroupsTitle')}>
          {t('test.noGroupsBody')}
        </Alert>
      )}
      <LatestArrivals team={team} />
      <StepActions onNext={onNext} disabled={!connectedAt} />
    </Stack>
  );
}
