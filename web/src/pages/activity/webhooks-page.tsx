// Webhooks: the endpoints of the host product that receive signed events,
// their health (a failing endpoint is retried, then disabled with a notice),
// and each one's deliveries.

import { ActionIcon, Alert, Badge, Button, Group, Menu, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { api, del, post, teamPath, type ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconAlert, IconWebhook } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { Empty, PanelContent } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';
import { SecretShownOnce, WebhookForm } from './webhook-form';
import { WebhookDeliveries } from './webhook-deliveries';
import type { WebhookEndpoint } from './webhook-types';

const COLOR = { active: 'teal', failing: 'orange', disabled: 'gray' } as const;

export function WebhooksPage({ teamId }: { teamId: string }) {
  const { t } = useT();
  const endpoints = useApi<{ items: WebhookEndpoint[] }>(teamPath(teamId, '/webhooks'));
  useLiveRefresh(['webhook.'], endpoints.reload);
  const [adding, setAdding] = useState(false);
  const [viewing, setViewing] = useState<WebhookEndpoint>();
  const [removing, setRemoving] = useState<WebhookEndpoint>();
  const [rotated, setRotated] = useState<string>();
  const [error, setError] = useState<ApiRequestError>();

  const run = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e as ApiRequestError);
    }
    endpoints.reload();
  };
  const path = (e: WebhookEndpoint, rest = '') => teamPath(teamId, `/webhooks/${encodeURIComponent(e.id)}${rest}`);

  return (
    <>
      <PageHeader
        title={t('webhooks.title')}
        description={t('webhooks.description')}
        actions={
          <Button leftSection={<IconWebhook size={16} />} onClick={() => setAdding(true)}>
            {t('webhooks.add')}
          </Button>
        }
      />
      {error && (
        <Alert color="red" icon={<IconAlert />} mb="md" role="alert">
          {error.message}
        </Alert>
      )}
      <Paper withBorder radius="md">
        <PanelContent state={endpoints} isEmpty={endpoints.data?.items.length === 0} empty={<Empty icon={<IconWebhook />} title={t('webhooks.emptyTitle')} description={t('webhooks.emptyBody')} />}>
          {() => (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('webhooks.url')}</Table.Th>
                  <Table.Th>{t('webhooks.events')}</Table.Th>
                  <Table.Th>{t('tokens.colStatus')}</Table.Th>
                  <Table.Th>{t('webhooks.lastSuccess')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('tokens.colActions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(endpoints.data?.items ?? []).map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td maw={320}>
                      <Text size="sm" className="mono" truncate>
                        {e.url}
                      </Text>
                      {e.description && (
                        <Text size="xs" c="dimmed">
                          {e.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" className="mono">
                        {e.eventTypes.includes('*') ? t('webhooks.allEvents') : e.eventTypes.join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge color={COLOR[e.status]} variant="light">
                        {t(`webhooks.endpoint.${e.status}`)}
                      </Badge>
                      {e.status === 'disabled' && e.disabledReason === 'failing' && (
                        <Text size="xs" c="red">
                          {t('webhooks.disabledFailing')}
                        </Text>
                      )}
                      {e.status === 'failing' && (
                        <Text size="xs" c="orange.8">
                          {t('webhooks.failingSince')} <RelativeTime iso={e.failingSince} />
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime iso={e.lastSuccessAt} never={t('webhooks.notYet')} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setViewing(e)}>
                          {t('webhooks.deliveries')}
                        </Button>
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="default" size="md" aria-label={t('tokens.colActions')}>
                              <span aria-hidden="true">⋯</span>
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => void run(() => api('PATCH', path(e), { enabled: !e.enabled }))}>{e.enabled ? t('webhooks.disable') : t('webhooks.enable')}</Menu.Item>
                            <Menu.Item onClick={() => void run(async () => setRotated((await post<{ secret: string }>(path(e, '/rotate-secret'))).secret))}>{t('webhooks.rotateSecret')}</Menu.Item>
                            <Menu.Item color="red" onClick={() => setRemoving(e)}>
                              {t('webhooks.delete')}
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          )}
        </PanelContent>
      </Paper>
      <WebhookForm teamId={teamId} opened={adding} onClose={() => setAdding(false)} onCreated={endpoints.reload} />
      <WebhookDeliveries teamId={teamId} endpoint={viewing} onClose={() => setViewing(undefined)} />
      <Modal opened={!!rotated} onClose={() => setRotated(undefined)} title={t('webhooks.rotateSecret')} size="lg" closeButtonProps={{ 'aria-label': t('action.close') }}>
        <Stack gap="md">
          <Text size="sm">{t('webhooks.rotatedBody')}</Text>
          {rotated && <SecretShownOnce secret={rotated} />}
        </Stack>
      </Modal>
      <Modal opened={!!removing} onClose={() => setRemoving(undefined)} title={t('webhooks.deleteTitle')} closeButtonProps={{ 'aria-label': t('action.close') }}>
        <Stack gap="md">
          <Text size="sm">{t('webhooks.deleteBody', { url: removing?.url ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(undefined)} data-autofocus>
              {t('action.cancel')}
            </Button>
            <Button color="red" onClick={() => void run(() => del(path(removing as WebhookEndpoint))).then(() => setRemoving(undefined))}>
              {t('webhooks.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
