// One endpoint's deliveries, newest first, with every attempt (status,
// latency, response, error) and manual redelivery.

import { Badge, Button, Drawer, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, useEffect, useState } from 'react';
import { post, teamPath } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconWebhook } from '../../components/icons';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';
import type { Delivery, DeliveryDetail, WebhookEndpoint } from './webhook-types';

const COLOR = { pending: 'yellow', delivered: 'teal', failed: 'red' } as const;

function Attempts({ teamId, endpointId, deliveryId }: { teamId: string; endpointId: string; deliveryId: string }) {
  const { t } = useT();
  const detail = useApi<DeliveryDetail>(teamPath(teamId, `/webhooks/${encodeURIComponent(endpointId)}/deliveries/${encodeURIComponent(deliveryId)}`));
  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <LoadingState rows={1} />;
  return (
    <Stack gap={4}>
      {detail.data.attemptLog.map((a) => (
        <Text size="xs" key={a.attempt}>
          #{a.attempt} · <RelativeTime iso={a.startedAt} /> · {a.durationMs} ms · {a.responseStatus ?? '—'} · {a.error ?? a.outcome}
        </Text>
      ))}
      {detail.data.attemptLog.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('webhooks.noAttempts')}
        </Text>
      )}
    </Stack>
  );
}

export function WebhookDeliveries({ teamId, endpoint, onClose }: { teamId: string; endpoint: WebhookEndpoint | undefined; onClose: () => void }) {
  const { t } = useT();
  const [status, setStatus] = useState('all');
  const [expanded, setExpanded] = useState<string>();
  const path = endpoint ? teamPath(teamId, `/webhooks/${encodeURIComponent(endpoint.id)}/deliveries?limit=50${status !== 'all' ? `&status=${status}` : ''}`) : null;
  const deliveries = useApi<{ items: Delivery[] }>(path);
  useLiveRefresh([''], deliveries.reload);
  // Attempts change without an event (the worker retries on its own): re-read while open.
  useEffect(() => {
    if (!endpoint) return;
    const timer = setInterval(deliveries.reload, 5000);
    return () => clearInterval(timer);
  }, [endpoint, deliveries.reload]);

  const redeliver = async (delivery: Delivery) => {
    if (!endpoint) return;
    await post(teamPath(teamId, `/webhooks/${encodeURIComponent(endpoint.id)}/deliveries/${encodeURIComponent(delivery.id)}/redeliver`)).catch(() => undefined);
    deliveries.reload();
  };

  return (
    <Drawer opened={!!endpoint} onClose={onClose} position="right" size="xl" title={<Title order={2} size="h4">{t('webhooks.deliveries')}</Title>} closeButtonProps={{ 'aria-label': t('action.close') }}>
      <Stack gap="md">
        <Text size="sm" className="mono" style={{ wordBreak: 'break-all' }}>
          {endpoint?.url}
        </Text>
        <SegmentedControl
          aria-label={t('activity.filterStatus')}
          value={status}
          onChange={setStatus}
          data={[
            { value: 'all', label: t('list.all') },
            { value: 'pending', label: t('webhooks.status.pending') },
            { value: 'delivered', label: t('webhooks.status.delivered') },
            { value: 'failed', label: t('webhooks.status.failed') },
          ]}
          w="fit-content"
        />
        {deliveries.error && !deliveries.data ? (
          <ErrorState error={deliveries.error} onRetry={deliveries.reload} />
        ) : !deliveries.data ? (
          <LoadingState rows={4} />
        ) : deliveries.data.items.length === 0 ? (
          <Empty icon={<IconWebhook />} title={t('webhooks.noDeliveriesTitle')} description={t('webhooks.noDeliveriesBody')} />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('webhooks.colEvent')}</Table.Th>
                  <Table.Th>{t('tokens.colStatus')}</Table.Th>
                  <Table.Th>{t('webhooks.colAttempts')}</Table.Th>
                  <Table.Th>{t('webhooks.colLast')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('tokens.colActions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deliveries.data.items.map((d) => (
                  <Fragment key={d.id}>
                    <Table.Tr>
                      <Table.Td>
                        <a href="#" className="row-link mono" onClick={(e) => (e.preventDefault(), setExpanded(expanded === d.id ? undefined : d.id))} aria-expanded={expanded === d.id}>
                          {d.eventType}
                        </a>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={COLOR[d.status]} variant="light">
                          {t(`webhooks.status.${d.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {d.attempts}
                        {d.lastResponseStatus !== null && ` · HTTP ${d.lastResponseStatus}`}
                      </Table.Td>
                      <Table.Td>
                        <RelativeTime iso={d.lastAttemptAt} never={t('webhooks.notYet')} />
                      </Table.Td>
                      <Table.Td ta="right">
                        {d.status !== 'pending' && (
                          <Button size="xs" variant="default" onClick={() => void redeliver(d)}>
                            {t('webhooks.redeliver')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                    {expanded === d.id && (
                      <Table.Tr>
                        <Table.Td colSpan={5}>
                          <Group>
                            <Attempts teamId={teamId} endpointId={endpoint?.id ?? ''} deliveryId={d.id} />
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Drawer>
  );
}
