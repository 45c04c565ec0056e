// The state of the team's directory connection at a glance: SSO, SCIM, and
// how many users and groups the IdP has pushed (live). Users without any
// group is the FAQ's "group push not enabled" case, said where it shows.
// The SCIM card says what the traffic says (from the diagnosis): not set up,
// waiting for the IdP, connected with its last sync, or failing.

import { Badge, Card, Group, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';
import { teamPath } from '../../api/client';
import type { ScimToken, Team } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useLiveRefresh } from '../../live/live';
import type { DiagnosticsReport } from '../activity/activity-types';
import { IconDirectory, IconGroups, IconKey, IconUsers } from '../../components/icons';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { formatNumber } from '../../i18n/format';
import type { SsoView } from './use-sso';

function StatusCard({ icon, label, value, detail, testId }: { icon: ReactNode; label: string; value: ReactNode; detail?: ReactNode; testId: string }) {
  return (
    <Card withBorder padding="md" radius="md" data-testid={testId}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" size="lg" radius="md">
          {icon}
        </ThemeIcon>
        <div style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          <Text fw={650} size="lg" component="div">
            {value}
          </Text>
          {detail && (
            <Text size="xs" c="dimmed" component="div">
              {detail}
            </Text>
          )}
        </div>
      </Group>
    </Card>
  );
}

export const SSO_COLORS: Record<SsoView['phase'], string> = { unknown: 'gray', none: 'gray', draft: 'yellow', active: 'teal', failed: 'red', disabled: 'gray' };

type ScimPhase = 'unknown' | 'none' | 'waiting' | 'connected' | 'failing';
const SCIM_COLORS: Record<ScimPhase, string> = { unknown: 'gray', none: 'gray', waiting: 'blue', connected: 'teal', failing: 'red' };

function scimPhase(active: ScimToken[], tokens: ScimToken[] | undefined, report: DiagnosticsReport | undefined, lastSync: string | undefined): ScimPhase {
  if (tokens === undefined) return 'unknown';
  if (active.length === 0) return 'none';
  const failing = report?.checks.some((c) => (c.id === 'authentication' || c.id === 'failures') && (c.status === 'problem' || c.status === 'warning'));
  if (failing) return 'failing';
  return lastSync ? 'connected' : 'waiting';
}

export function StatusCards({ team, tokens, sso, admin }: { team: Team; tokens: ScimToken[] | undefined; sso: SsoView; admin: boolean }) {
  const { t, locale } = useT();
  const report = useApi<DiagnosticsReport>(admin ? teamPath(team.id, '/diagnostics') : null);
  useLiveRefresh(['user.', 'group.', 'token.'], report.reload);
  const active = tokens?.filter((token) => token.status === 'active') ?? [];
  const lastSync = [report.data?.lastRequestAt, ...active.map((token) => token.lastUsedAt)].filter((at): at is string => !!at).sort().at(-1);
  const phase = scimPhase(active, tokens, report.data, lastSync);
  const groupPushHint = team.counts.users > 0 && team.counts.groups === 0;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md" mb="xl">
      <StatusCard
        testId="card-sso"
        icon={<IconDirectory />}
        label={t('ad.cardSso')}
        value={<Badge color={SSO_COLORS[sso.phase]} variant="light">{t(`sso.phase.${sso.phase}`)}</Badge>}
        detail={sso.phase === 'unknown' ? t('sso.unknownShort') : sso.reason}
      />
      <StatusCard
        testId="card-scim"
        icon={<IconKey />}
        label={t('ad.cardScim')}
        value={
          phase === 'unknown' ? (
            '—'
          ) : (
            <Badge color={SCIM_COLORS[phase]} variant="light" data-testid="scim-phase" data-phase={phase}>
              {t(`ad.scim.${phase}`)}
            </Badge>
          )
        }
        detail={
          active.length > 0 ? (
            <>
              {t('ad.lastSync')} <RelativeTime iso={lastSync} never={t('ad.noRequestYet')} />
              {phase === 'failing' && <Text span c="red.8" size="xs">{` · ${t('ad.scimFailingHint')}`}</Text>}
            </>
          ) : undefined
        }
      />
      <StatusCard testId="card-users" icon={<IconUsers />} label={t('ad.cardUsers')} value={<span data-testid="count-users">{formatNumber(locale, team.counts.users)}</span>} detail={t('ad.pushedByIdp')} />
      <StatusCard
        testId="card-groups"
        icon={<IconGroups />}
        label={t('ad.cardGroups')}
        value={<span data-testid="count-groups">{formatNumber(locale, team.counts.groups)}</span>}
        detail={groupPushHint ? <Text span c="orange.8" size="xs">{t('ad.groupPushHint')}</Text> : t('ad.pushedByIdp')}
      />
    </SimpleGrid>
  );
}
