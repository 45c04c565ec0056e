// One user, in a drawer over the list (its own URL, so it can be linked):
// profile as the IdP sent it, groups, and spend — effective limit, where it
// comes from, spend this period. Nothing here can be edited.

import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { teamPath } from '../../api/client';
import type { UserSummary } from '../../api/types';
import { useApi } from '../../api/use-api';
import { ManagedByIdpBadge } from '../../components/managed-by-idp';
import { DetailDrawer } from '../../components/detail-drawer';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';
import { Link } from '../../router';
import { StatusBadge } from './users-page';
import { MemberSpend } from '../spend/member-spend';

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w="38%" fw={500} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td style={{ wordBreak: 'break-word' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

export function UserDetail({ teamId, userId, onClose }: { teamId: string; userId: string | undefined; onClose: () => void }) {
  const { t } = useT();
  const user = useApi<UserSummary>(userId ? teamPath(teamId, `/users/${encodeURIComponent(userId)}`) : null);
  useLiveRefresh(['user.', 'group.'], user.reload);
  const shown = user.data?.id === userId ? user.data : undefined;

  return (
    <DetailDrawer opened={!!userId} onClose={onClose} title={t('user.title')} record={shown} error={user.error} onRetry={user.reload}>
      {(shown) => (
        <Stack gap="lg" data-testid="user-detail">
          <div>
            <Group gap="xs" mb={4}>
              <Text fw={650} size="lg">
                {shown.displayName ?? shown.userName}
              </Text>
              <StatusBadge active={shown.active} />
              <ManagedByIdpBadge />
            </Group>
            <Text size="sm" c="dimmed">
              {t('user.editInIdp')}
            </Text>
          </div>
          <Table withRowBorders={false} verticalSpacing={6}>
            <Table.Tbody>
              <Field label={t('user.userName')}>{shown.userName}</Field>
              <Field label={t('user.emails')}>{shown.emails.length ? shown.emails.map((e) => e.value).join(', ') : '—'}</Field>
              <Field label={t('user.externalId')}>{shown.externalId ?? '—'}</Field>
              <Field label={t('user.created')}>
                <RelativeTime iso={shown.created} />
              </Field>
              <Field label={t('user.updated')}>
                <RelativeTime iso={shown.lastModified} />
              </Field>
            </Table.Tbody>
          </Table>
          <div>
            <Title order={3} size="h5" mb="xs">
              {t('user.groups')}
            </Title>
            {shown.groups.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('user.noGroups')}
              </Text>
            ) : (
              <Group gap="xs">
                {shown.groups.map((group) => (
                  <Anchor key={group.id} component={Link} href={`/teams/${encodeURIComponent(teamId)}/groups/${encodeURIComponent(group.id)}`} size="sm">
                    {group.displayName}
                  </Anchor>
                ))}
              </Group>
            )}
          </div>
          <MemberSpend teamId={teamId} userId={shown.id} userName={shown.userName} />
        </Stack>
      )}
    </DetailDrawer>
  );
}
