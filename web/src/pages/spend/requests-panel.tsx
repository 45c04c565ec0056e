// Limit-increase requests members made through the host product: the
// pending ones, each approved (the requested amount or another, optionally
// until a date: a temporary override) or denied with a note.

import { Alert, Button, Group, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { post, teamPath, type ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconAlert, IconUsers } from '../../components/icons';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { moneyInput, parseMoney } from '../../i18n/format';
import { useLiveRefresh } from '../../live/live';
import { Money } from './money';
import type { IncreaseRequest, SpendPage } from './spend-types';

type Deciding = { request: IncreaseRequest; verb: 'approve' | 'deny' };

export function RequestsPanel({ teamId, currency, canEdit }: { teamId: string; currency: string; canEdit: boolean }) {
  const { t, locale } = useT();
  const requests = useApi<SpendPage<IncreaseRequest>>(teamPath(teamId, '/spend/increase-requests?status=pending&count=100'));
  useLiveRefresh(['spend.'], requests.reload);
  const [deciding, setDeciding] = useState<Deciding>();
  const [amount, setAmount] = useState('');
  const [until, setUntil] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError>();

  const open = (request: IncreaseRequest, verb: Deciding['verb']) => {
    setDeciding({ request, verb });
    setAmount(moneyInput(locale, request.amount, currency));
    setUntil('');
    setNote('');
    setError(undefined);
  };

  const parsed = parseMoney(locale, amount, currency);
  const ready = deciding?.verb === 'deny' ? note.trim() !== '' : parsed !== undefined;

  const decide = async () => {
    if (!deciding || !ready) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = deciding.verb === 'deny' ? { note } : { amount: parsed, ...(until ? { until } : {}), ...(note ? { note } : {}) };
      await post(teamPath(teamId, `/spend/increase-requests/${encodeURIComponent(deciding.request.id)}/${deciding.verb}`), body);
      setDeciding(undefined);
      requests.reload();
    } catch (e) {
      setError(e as ApiRequestError);
    } finally {
      setBusy(false);
    }
  };

  if (requests.error && !requests.data) return <ErrorState error={requests.error} onRetry={requests.reload} />;
  if (!requests.data) return <LoadingState rows={3} />;
  const name = deciding?.request.member.userName ?? '';
  return (
    <Stack gap="sm" data-testid="increase-requests">
      {requests.data.totalResults === 0 ? (
        <Empty icon={<IconUsers />} title={t('spend.requestsEmpty')} description={t('spend.requestsHelp')} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={620}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.colName')}</Table.Th>
                  <Table.Th>{t('spend.requestAsked')}</Table.Th>
                  <Table.Th>{t('spend.requestReason')}</Table.Th>
                  <Table.Th>{t('users.colUpdated')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('tokens.colActions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {requests.data.items.map((r) => (
                  <Table.Tr key={r.id} data-testid="increase-request">
                    <Table.Td>{r.member.userName}</Table.Td>
                    <Table.Td>
                      <Money minor={r.amount} currency={currency} />
                    </Table.Td>
                    <Table.Td>{r.reason}</Table.Td>
                    <Table.Td>
                      <RelativeTime iso={r.createdAt} />
                    </Table.Td>
                    <Table.Td ta="right">
                      {canEdit && (
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Button size="xs" onClick={() => open(r, 'approve')} data-testid="approve-request">
                            {t('spend.approve')}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => open(r, 'deny')} data-testid="deny-request">
                            {t('spend.deny')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Modal
        opened={!!deciding}
        onClose={() => setDeciding(undefined)}
        title={deciding?.verb === 'deny' ? t('spend.denyTitle', { name }) : t('spend.approveTitle', { name })}
        closeButtonProps={{ 'aria-label': t('action.close') }}
      >
        <Stack gap="md">
          {deciding && <Text size="sm">{deciding.request.reason}</Text>}
          {deciding?.verb === 'approve' && (
            <>
              <TextInput
                label={t('spend.amountPerPeriod', { currency })}
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.currentTarget.value)}
                error={amount && parsed === undefined ? t('spend.amountInvalid') : undefined}
                data-testid="approve-amount"
              />
              <TextInput label={t('spend.until')} description={t('spend.untilHelp')} placeholder="2026-12-31" value={until} onChange={(e) => setUntil(e.currentTarget.value)} data-testid="approve-until" />
            </>
          )}
          <TextInput label={t('spend.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="decision-note" />
          {error && (
            <Alert color="red" icon={<IconAlert />} role="alert">
              {error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeciding(undefined)}>
              {t('action.cancel')}
            </Button>
            <Button onClick={decide} loading={busy} disabled={!ready} data-testid="confirm-decision">
              {deciding?.verb === 'deny' ? t('spend.deny') : t('spend.approve')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
