// Per-member spend limits on the directory groups the IdP pushed: every
// group with its current limit, searchable and paged, each changeable with a
// preview of the members it affects.

import { Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { teamPath } from '../../api/client';
import type { GroupSummary, Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { IconGroups } from '../../components/icons';
import { ListFooter } from '../../components/list-controls';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { useT } from '../../i18n/i18n';
import { formatNumber } from '../../i18n/format';
import { useLiveRefresh } from '../../live/live';
import { LimitEditor } from './limit-editor';
import { LimitText } from './money';
import type { LimitTarget } from './spend-types';
import { useGroupLimits } from './use-spend';

const PAGE = 20;

export function GroupLimitsPanel({ teamId, currency, canEdit }: { teamId: string; currency: string; canEdit: boolean }) {
  const { t, locale } = useT();
  const [page, setPage] = useState(1);
  const groups = useApi<Page<GroupSummary>>(teamPath(teamId, `/groups?startIndex=${(page - 1) * PAGE + 1}&count=${PAGE}`));
  useLiveRefresh(['group.'], groups.reload);
  const limits = useGroupLimits(teamId);
  const [editing, setEditing] = useState<LimitTarget & { target: 'group' }>();

  if (groups.error && !groups.data) return <ErrorState error={groups.error} onRetry={groups.reload} />;
  if (!groups.data || !limits.data) return <LoadingState rows={4} />;
  if (groups.data.totalResults === 0) return <Empty icon={<IconGroups />} title={t('groups.emptyTitle')} description={t('groups.emptyBody')} />;

  return (
    <Stack gap="sm">
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="sm" data-testid="group-limits">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('groups.colName')}</Table.Th>
                <Table.Th ta="right">{t('groups.colMembers')}</Table.Th>
                <Table.Th>{t('spend.colLimit')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t('tokens.colActions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.data.items.map((group) => {
                const row = limits.byGroup.get(group.id);
                return (
                  <Table.Tr key={group.id} data-testid="group-limit-row" data-group={group.displayName}>
                    <Table.Td fw={500}>{group.displayName}</Table.Td>
                    <Table.Td ta="right">{formatNumber(locale, group.memberCount ?? 0)}</Table.Td>
                    <Table.Td data-testid="group-limit-value">
                      <LimitText limit={row?.limit} currency={currency} />
                    </Table.Td>
                    <Table.Td ta="right">
                      {canEdit && (
                        <Button size="xs" variant="default" onClick={() => setEditing({ target: 'group', groupId: group.id, name: group.displayName })} aria-label={t('spend.actionFor', { action: row?.limit ? t('spend.change') : t('spend.setLimit'), name: group.displayName })}>
                          {row?.limit ? t('spend.change') : t('spend.setLimit')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <ListFooter page={page} total={groups.data.totalResults} pageSize={PAGE} onPage={setPage} />
      <Group>
        <Text size="xs" c="dimmed">
          {t('spend.groupRule')}
        </Text>
      </Group>
      <LimitEditor
        teamId={teamId}
        currency={currency}
        target={editing}
        current={editing ? limits.byGroup.get(editing.groupId)?.limit : undefined}
        onClose={() => setEditing(undefined)}
        onSaved={limits.reload}
      />
    </Stack>
  );
}
