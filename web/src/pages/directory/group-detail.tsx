// One group in a drawer: its members a page at a time (a group of 100k
// members costs the same to open as a group of ten), in the order the IdP
// added them, each with its status (or a Group badge), and its spend limit.

import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { teamPath } from '../../api/client';
import type { GroupMember, GroupSummary, Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { ListFooter } from '../../components/list-controls';
import { ManagedByIdpBadge } from '../../components/managed-by-idp';
import { ErrorState, LoadingState } from '../../components/states';
import { DetailDrawer } from '../../components/detail-drawer';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { formatNumber } from '../../i18n/format';
import { useLiveRefresh } from '../../live/live';
import { Link } from '../../router';
import { Field } from './user-detail';
import { StatusBadge } from './users-page';
import { GroupLimit } from '../spend/group-limit';

const MEMBERS_PAGE = 25;

export function GroupDetail({ teamId, groupId, onClose }: { teamId: string; groupId: string | undefined; onClose: () => void }) {
  const { t, locale } = useT();
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [groupId]);
  const path = groupId ? teamPath(teamId, `/groups/${encodeURIComponent(groupId)}`) : null;
  const group = useApi<GroupSummary>(path);
  const members = useApi<Page<GroupMember>>(path && `${path}/members?startIndex=${(page - 1) * MEMBERS_PAGE + 1}&count=${MEMBERS_PAGE}`);
  useLiveRefresh(['group.'], group.reload);
  useLiveRefresh(['group.', 'user.'], members.reload);
  const shown = group.data?.id === groupId ? group.data : undefined;

  return (
    <DetailDrawer opened={!!groupId} onClose={onClose} title={t('group.title')} record={shown} error={group.error} onRetry={group.reload}>
      {(shown) => (
        <Stack gap="lg" data-testid="group-detail">
          <div>
            <Group gap="xs" mb={4}>
              <Text fw={650} size="lg">
                {shown.displayName}
              </Text>
              <ManagedByIdpBadge />
            </Group>
            <Text size="sm" c="dimmed">
              {t('group.editInIdp')}
            </Text>
          </div>
          <Table withRowBorders={false} verticalSpacing={6}>
            <Table.Tbody>
              <Field label={t('group.members')}>{formatNumber(locale, shown.memberCount ?? 0)}</Field>
              <Field label={t('user.externalId')}>{shown.externalId ?? '—'}</Field>
              <Field label={t('user.created')}>
                <RelativeTime iso={shown.created} />
              </Field>
              <Field label={t('user.updated')}>
                <RelativeTime iso={shown.lastModified} />
              </Field>
            </Table.Tbody>
          </Table>
          <GroupLimit teamId={teamId} groupId={shown.id} name={shown.displayName} />
          <div>
            <Title order={3} size="h5" mb="xs">
              {t('group.members')}
            </Title>
            {members.error && !members.data ? (
              <ErrorState error={members.error} onRetry={members.reload} />
            ) : !members.data ? (
              <LoadingState rows={3} />
            ) : members.data.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('group.noMembers')}
              </Text>
            ) : (
              <Stack gap={6} data-testid="group-members">
                {members.data.items.map((member) => (
                  <Group key={member.id} gap="xs" justify="space-between" wrap="nowrap" data-testid="group-member" data-status={member.status ?? 'group'}>
                    <Anchor
                      component={Link}
                      href={`/teams/${encodeURIComponent(teamId)}/${member.type === 'User' ? 'users' : 'groups'}/${encodeURIComponent(member.id)}`}
                      size="sm"
                      lineClamp={1}
                    >
                      {member.display ?? member.userName ?? member.id}
                    </Anchor>
                    {member.status === null ? (
                      <Badge color="indigo" variant="light">
                        {t('group.memberIsGroup')}
                      </Badge>
                    ) : (
                      <StatusBadge active={member.status === 'active'} />
                    )}
                  </Group>
                ))}
                <ListFooter page={page} total={members.data.totalResults} pageSize={MEMBERS_PAGE} onPage={setPage} />
              </Stack>
            )}
          </div>
        </Stack>
      )}
    </DetailDrawer>
  );
}
