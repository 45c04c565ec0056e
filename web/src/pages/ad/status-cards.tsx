// The state of the team's directory connection at a glance: SSO, SCIM, and
// how many users and groups the IdP has pushed (live). Users without any
// group is the FAQ's "group push not enabled" case, said where it shows.

import { Badge, Card, Group, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ScimToken, Team } from '../../api/types';
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

export function StatusCards({ team, tokens, sso }: { team: Team; tokens: ScimToken[] | undefined; sso: SsoView }) {
  const { t, locale } = useT();
  const active = tokens?.filter((token) => token.status === 'active') ?? [];
  const lastUsed = active.map((token) => token.lastUsedAt).filter((at): at is string => !!at).sort().at(-1);
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
        value={tokens === undefined ? '—' : active.length > 0 ? t('ad.scimConnected') : t('ad.scimNotSetUp')}
        detail={active.length > 0 ? <>{t('ad.lastRequest')} <RelativeTime iso={lastUsed} never={t('ad.noRequestYet')} /></> : undefined}
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
