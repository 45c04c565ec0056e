// Per-member overrides: the limit that beats every group and the team
// default. Set one from a member's page; change or clear it here.

import { Badge, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { teamPath } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconUsers } from '../../components/icons';
import { ListFooter } from '../../components/list-controls';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';
import { Link } from '../../router';
import { LimitEditor } from './limit-editor';
import { LimitText } from './money';
import type { LimitTarget, LimitValue, OverrideRow, SpendPage } from './spend-types';

const PAGE = 20;

export function OverridesPanel({ teamId, currency, canEdit }: { teamId: string; currency: string; canEdit: boolean }) {
  const { t } = useT();
  const [page, setPage] = useState(1);
  const overrides = useApi<SpendPage<OverrideRow>>(teamPath(teamId, `/spend/overrides?startIndex=${(page - 1) * PAGE + 1}&count=${PAGE}`));
  useLiveRefresh(['spend.'], overrides.reload);
  const [editing, setEditing] = useState<{ target: LimitTarget; current: LimitValue | null }>();

  if (overrides.error && !overrides.data) return <ErrorState error={overrides.error} onRetry={overrides.reload} />;
  if (!overrides.data) return <LoadingState rows={3} />;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('spend.overridesHelp')}
      </Text>
      {overrides.data.totalResults === 0 ? (
        <Empty icon={<IconUsers />} title={t('spend.overridesEmptyTitle')} description={t('spend.overridesEmptyBody')} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.colName')}</Table.Th>
                  <Table.Th>{t('spend.colOverride')}</Table.Th>
                  <Table.Th>{t('users.colUpdated')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('tokens.colActions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overrides.data.items.map((row) => (
                  <Table.Tr key={row.member.id}>
                    <Table.Td>
                      <Link className="row-link" href={`/teams/${encodeURIComponent(teamId)}/users/${encodeURIComponent(row.member.id)}`}>
                        {row.member.userName}
                      </Link>
                      {!row.member.active && (
                        <Badge ml="xs" size="xs" color="gray" variant="light">
                          {t('status.suspended')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <LimitText limit={row.override} currency={currency} />
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime iso={row.updatedAt} />
                    </Table.Td>
                    <Table.Td ta="right">
                      {canEdit && (
                        <Button size="xs" variant="default" onClick={() => setEditing({ target: { target: 'override', userId: row.member.id, name: row.member.userName }, current: row.override })}>
                          {t('spend.change')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <ListFooter page={page} total={overrides.data.totalResults} pageSize={PAGE} onPage={setPage} />
      <LimitEditor teamId={teamId} currency={currency} target={editing?.target} current={editing?.current} onClose={() => setEditing(undefined)} onSaved={overrides.reload} />
    </Stack>
  );
}
