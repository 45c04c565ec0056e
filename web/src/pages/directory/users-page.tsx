// Users as the IdP pushed them: search, active/suspended filter, a group
// filter, columns sorted by the server, paging that stays fast on 100k
// members (one page per request), live updates. Read-only:
// the IdP owns them, so no edit is offered anywhere.

import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { teamPath } from '../../api/client';
import type { Page, UserSummary } from '../../api/types';
import { useApi } from '../../api/use-api';
import { IconUsers } from '../../components/icons';
import { ListFooter, PAGE_SIZE, SearchBox, StatusFilter, pageFrom } from '../../components/list-controls';
import { ManagedByIdpBadge, ManagedByIdpNotice } from '../../components/managed-by-idp';
import { PageHeader } from '../../components/page-header';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { SortButton, ariaSort, sortFrom } from '../../components/sort-header';
import { useT } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';
import { Link, navigate, useLocation } from '../../router';
import { UserDetail } from './user-detail';
import { UsersCsvButton } from './users-csv';
import { GroupFilter } from './group-filter';

/** The admin API's sortBy allowlist. */
const SORTS = ['userName', 'name', 'status', 'lastModified'] as const;

export function StatusBadge({ active }: { active: boolean }) {
  const { t } = useT();
  return (
    <Badge color={active ? 'teal' : 'gray'} variant="light">
      {active ? t('status.active') : t('status.suspended')}
    </Badge>
  );
}

export function UsersPage({ teamId, openId }: { teamId: string; openId?: string }) {
  const { t } = useT();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const status = search.get('status') ?? '';
  const group = search.get('group') ?? '';
  const sorted = sortFrom(search, SORTS);
  const page = pageFrom(search);
  const filter = { ...(q ? { q } : {}), ...(status ? { status } : {}), ...(group ? { group } : {}), ...(sorted.sort ? { sortBy: sorted.sort, sortOrder: sorted.order } : {}) };
  const query = new URLSearchParams({ startIndex: String((page - 1) * PAGE_SIZE + 1), count: String(PAGE_SIZE), ...filter });
  const users = useApi<Page<UserSummary>>(teamPath(teamId, `/users?${query}`));
  useLiveRefresh(['user.', 'group.'], users.reload);
  const base = `/teams/${encodeURIComponent(teamId)}/users`;
  const keep = search.toString() ? `?${search}` : '';

  return (
    <>
      <PageHeader title={t('users.title')} description={t('users.description')} badge={<ManagedByIdpBadge />} />
      <ManagedByIdpNotice what="users" />
      <Group mb="md" gap="sm" wrap="wrap">
        <SearchBox value={q} label={t('users.search')} placeholder={t('users.searchPlaceholder')} />
        <StatusFilter value={status} />
        <GroupFilter teamId={teamId} value={group} />
        <UsersCsvButton teamId={teamId} filter={new URLSearchParams(filter)} />
      </Group>
      <Paper withBorder radius="md">
        {users.error && !users.data ? (
          <Stack p="md">
            <ErrorState error={users.error} onRetry={users.reload} />
          </Stack>
        ) : !users.data ? (
          <Stack p="md">
            <LoadingState rows={6} />
          </Stack>
        ) : users.data.items.length === 0 ? (
          q || status || group ? (
            <Empty icon={<IconUsers />} title={t('users.noMatchTitle')} description={t('users.noMatchBody')} />
          ) : (
            <Empty icon={<IconUsers />} title={t('users.emptyTitle')} description={t('users.emptyBody')} />
          )
        ) : (
          <Table.ScrollContainer minWidth={340}>
            <Table highlightOnHover verticalSpacing="sm" data-testid="users-table" aria-busy={users.loading}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th aria-sort={ariaSort(['name', 'userName'], sorted)}>
                    <SortButton column="name" current={sorted}>
                      {t('users.colName')}
                    </SortButton>
                    <Text span c="dimmed" mx={6}>
                      ·
                    </Text>
                    <SortButton column="userName" current={sorted}>
                      {t('users.colUserName')}
                    </SortButton>
                  </Table.Th>
                  <Table.Th visibleFrom="md">{t('users.colEmail')}</Table.Th>
                  <Table.Th aria-sort={ariaSort('status', sorted)}>
                    <SortButton column="status" current={sorted}>
                      {t('users.colStatus')}
                    </SortButton>
                  </Table.Th>
                  <Table.Th visibleFrom="sm">{t('users.colGroups')}</Table.Th>
                  <Table.Th visibleFrom="lg" aria-sort={ariaSort('lastModified', sorted)}>
                    <SortButton column="lastModified" current={sorted}>
                      {t('users.colUpdated')}
                    </SortButton>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((user) => {
                  const email = user.emails.find((e) => e.primary)?.value ?? user.emails[0]?.value;
                  // The user name under the name only when it says something the email column does not.
                  const showUserName = !!user.displayName && user.userName.toLowerCase() !== email?.toLowerCase();
                  return (
                  <Table.Tr key={user.id} data-testid="user-row">
                    <Table.Td>
                      <Link className="row-link" href={`${base}/${encodeURIComponent(user.id)}${keep}`}>
                        {user.displayName ?? user.userName}
                      </Link>
                      {showUserName && (
                        <Text size="xs" c="dimmed">
                          {user.userName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td visibleFrom="md">
                      <Text size="sm">{email ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge active={user.active} />
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text size="sm" lineClamp={1}>
                        {user.groups.length === 0 ? '—' : user.groups.map((g) => g.displayName).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td visibleFrom="lg">
                      <Text size="sm">
                        <RelativeTime iso={user.lastModified} />
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {users.data && <ListFooter page={page} total={users.data.totalResults} />}
      <UserDetail teamId={teamId} userId={openId} onClose={() => navigate(`${base}${keep}`)} />
    </>
  );
}
