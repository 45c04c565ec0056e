// Directory groups as the IdP pushed them, with member counts; read-only.

import { Group, Paper, Stack, Table, Text } from '@mantine/core';
import { teamPath } from '../../api/client';
import type { GroupSummary, Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { IconGroups } from '../../components/icons';
import { ListFooter, PAGE_SIZE, SearchBox, pageFrom } from '../../components/list-controls';
import { ManagedByIdpBadge, ManagedByIdpNotice } from '../../components/managed-by-idp';
import { PageHeader } from '../../components/page-header';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { formatNumber } from '../../i18n/format';
import { useLiveRefresh } from '../../live/live';
import { Link, navigate, useLocation } from '../../router';
import { GroupDetail } from './group-detail';

export function GroupsPage({ teamId, openId }: { teamId: string; openId?: string }) {
  const { t, locale } = useT();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const page = pageFrom(search);
  const query = new URLSearchParams({ startIndex: String((page - 1) * PAGE_SIZE + 1), count: String(PAGE_SIZE), ...(q ? { q } : {}) });
  const groups = useApi<Page<GroupSummary>>(teamPath(teamId, `/groups?${query}`));
  useLiveRefresh(['group.'], groups.reload);
  const base = `/teams/${encodeURIComponent(teamId)}/groups`;
  const keep = search.toString() ? `?${search}` : '';

  return (
    <>
      <PageHeader title={t('groups.title')} description={t('groups.description')} badge={<ManagedByIdpBadge />} />
      <ManagedByIdpNotice what="groups" />
      <Group mb="md">
        <SearchBox value={q} label={t('groups.search')} placeholder={t('groups.searchPlaceholder')} />
      </Group>
      <Paper withBorder radius="md">
        {groups.error && !groups.data ? (
          <Stack p="md">
            <ErrorState error={groups.error} onRetry={groups.reload} />
          </Stack>
        ) : !groups.data ? (
          <Stack p="md">
            <LoadingState rows={6} />
          </Stack>
        ) : groups.data.items.length === 0 ? (
          q ? (
            <Empty icon={<IconGroups />} title={t('groups.noMatchTitle')} description={t('users.noMatchBody')} />
          ) : (
            <Empty icon={<IconGroups />} title={t('groups.emptyTitle')} description={t('groups.emptyBody')} />
          )
        ) : (
          <Table.ScrollContainer minWidth={320}>
            <Table highlightOnHover verticalSpacing="sm" data-testid="groups-table" aria-busy={groups.loading}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('groups.colName')}</Table.Th>
                  <Table.Th ta="right">{t('groups.colMembers')}</Table.Th>
                  <Table.Th visibleFrom="sm">{t('users.colUpdated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.data.items.map((group) => (
                  <Table.Tr key={group.id} data-testid="group-row">
                    <Table.Td>
                      <Link className="row-link" href={`${base}/${encodeURIComponent(group.id)}${keep}`}>
                        {group.displayName}
                      </Link>
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(locale, group.memberCount ?? 0)}</Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text size="sm">
                        <RelativeTime iso={group.lastModified} />
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {groups.data && <ListFooter page={page} total={groups.data.totalResults} />}
      <GroupDetail teamId={teamId} groupId={openId} onClose={() => navigate(`${base}${keep}`)} />
    </>
  );
}
