// Who changed which limit, when, from what to what, and how many members it
// affected: the spend audit log.

import { Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { teamPath } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconClock } from '../../components/icons';
import { ListFooter } from '../../components/list-controls';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { formatNumber } from '../../i18n/format';
import { useLiveRefresh } from '../../live/live';
import { LimitText } from './money';
import type { AuditEntry, LimitValue, SpendPage } from './spend-types';

const PAGE = 20;
const isLimit = (value: unknown): value is LimitValue => !!value && typeof value === 'object' && 'amount' in value;

function Value({ value, currency }: { value: unknown; currency: string }) {
  if (value === null || value === undefined) return <LimitText limit={null} currency={currency} />;
  if (isLimit(value)) return <LimitText limit={{ amount: value.amount, unlimited: value.unlimited ?? value.amount === null }} currency={currency} />;
  return <span className="mono">{JSON.stringify(value)}</span>;
}

export function AuditPanel({ teamId, currency }: { teamId: string; currency: string }) {
  const { t, locale } = useT();
  const [page, setPage] = useState(1);
  const audit = useApi<SpendPage<AuditEntry>>(teamPath(teamId, `/spend/audit?startIndex=${(page - 1) * PAGE + 1}&count=${PAGE}`));
  useLiveRefresh(['spend.limit_changed'], audit.reload);

  if (audit.error && !audit.data) return <ErrorState error={audit.error} onRetry={audit.reload} />;
  if (!audit.data) return <LoadingState rows={3} />;
  if (audit.data.totalResults === 0) return <Empty icon={<IconClock />} title={t('spend.auditEmptyTitle')} description={t('spend.auditEmptyBody')} />;
  return (
    <Stack gap="sm">
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('spend.colWhen')}</Table.Th>
                <Table.Th>{t('spend.colWho')}</Table.Th>
                <Table.Th>{t('spend.colWhat')}</Table.Th>
                <Table.Th>{t('spend.colChange')}</Table.Th>
                <Table.Th ta="right">{t('spend.colAffected')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.data.items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    <RelativeTime iso={entry.at} />
                  </Table.Td>
                  <Table.Td>{entry.actor.email ?? t('spend.directory')}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`spend.target.${entry.target.type === 'group' ? 'group' : entry.target.type === 'member' ? 'member' : 'team'}`, { name: entry.target.name ?? '' })}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Value value={entry.old} currency={currency} /> → <Value value={entry.new} currency={currency} />
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(locale, entry.affectedMembers)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <ListFooter page={page} total={audit.data.totalResults} pageSize={PAGE} onPage={setPage} />
    </Stack>
  );
}
