// Members in several groups that have a limit, and the limit that wins for
// each (PRODUCT.md rule 4: the highest of their groups' limits; an override
// beats groups). Paged on the server; re-read when limits or memberships change.

import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { teamPath } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconGroups } from '../../components/icons';
import { ListFooter } from '../../components/list-controls';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { useT } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';
import { Link } from '../../router';
import { AmountText, SourceBadge } from './money';
import type { MultiGroupMember, SpendPage } from './spend-types';

const PAGE = 20;

export function MultiGroupReview({ teamId }: { teamId: string }) {
  const { t } = useT();
  const [page, setPage] = useState(1);
  const review = useApi<SpendPage<MultiGroupMember> & { currency: string }>(teamPath(teamId, `/spend/multi-group-members?startIndex=${(page - 1) * PAGE + 1}&count=${PAGE}`));
  useLiveRefresh(['spend.', 'group.', 'user.'], review.reload);

  if (review.error && !review.data) return <ErrorState error={review.error} onRetry={review.reload} />;
  if (!review.data) return <LoadingState rows={4} />;
  const { currency } = review.data;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('spend.reviewRule')}
      </Text>
      {review.data.totalResults === 0 ? (
        <Empty icon={<IconGroups />} title={t('spend.reviewEmptyTitle')} description={t('spend.reviewEmptyBody')} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" data-testid="multi-group-review">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.colName')}</Table.Th>
                  <Table.Th>{t('spend.colGroupLimits')}</Table.Th>
                  <Table.Th>{t('spend.colEffective')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {review.data.items.map((row) => (
                  <Table.Tr key={row.member.id} data-testid="review-row" data-member={row.member.userName}>
                    <Table.Td>
                      <Link className="row-link" href={`/teams/${encodeURIComponent(teamId)}/users/${encodeURIComponent(row.member.id)}`}>
                        {row.member.displayName ?? row.member.userName}
                      </Link>
                      {row.member.displayName && (
                        <Text size="xs" c="dimmed">
                          {row.member.userName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        {row.limitedGroups.map((group) => (
                          <Badge key={group.id} variant={group.id === row.winningGroup?.id ? 'filled' : 'light'} color={group.id === row.winningGroup?.id ? 'indigo' : 'gray'} style={{ textTransform: 'none' }}>
                            {group.name}: <AmountText amount={group.amount} currency={currency} />
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text fw={600} size="sm" data-testid="effective-limit">
                          <AmountText amount={row.limit.amount} currency={currency} />
                        </Text>
                        <SourceBadge limit={row.limit} />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <ListFooter page={page} total={review.data.totalResults} pageSize={PAGE} onPage={setPage} />
    </Stack>
  );
}
