// OAuth clients for the SCIM token endpoint (client credentials), below the
// tokens: the token endpoint to copy, each client with its id, and create /
// rotate (the secret is shown once, in a dialog) / revoke (immediate).

import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { del, teamPath } from '../../api/client';
import type { ScimOAuthClient, ScimOAuthClients, ScimOAuthClientSecret } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useSecretDialog } from './use-secret-dialog';
import { CopyField } from '../../components/copy-field';
import { IconAlert, IconKey } from '../../components/icons';
import { Empty, PanelContent } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';

const STATUS_COLOR = { active: 'teal', revoked: 'gray' } as const;

export function OAuthClientsSection({ teamId }: { teamId: string }) {
  const { t } = useT();
  const clients = useApi<ScimOAuthClients>(teamPath(teamId, '/scim-oauth-clients'));
  useLiveRefresh(['scim_oauth_client.'], clients.reload);
  const [creating, setCreating] = useState<{ rotating?: ScimOAuthClient } | undefined>();
  const [revoking, setRevoking] = useState<ScimOAuthClient>();
  const [error, setError] = useState<Error>();

  const revoke = async (client: ScimOAuthClient) => {
    setError(undefined);
    try {
      await del(teamPath(teamId, `/scim-oauth-clients/${encodeURIComponent(client.clientId)}`));
    } catch (e) {
      setError(e as Error);
    }
    clients.reload();
  };

  const list = [...(clients.data?.clients ?? [])].sort((a, b) => Number(a.status === 'revoked') - Number(b.status === 'revoked') || b.createdAt.localeCompare(a.createdAt));

  return (
    <Stack gap="md" mt="xl" data-testid="oauth-clients">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('oauth.title')}</Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('oauth.description')}
          </Text>
        </div>
        <Button variant="default" leftSection={<IconKey size={16} />} onClick={() => setCreating({})} data-testid="new-oauth-client">
          {t('oauth.new')}
        </Button>
      </Group>
      {clients.data && (
        <Paper withBorder p="md" radius="md" maw={720}>
          <CopyField label={t('oauth.tokenEndpoint')} value={clients.data.tokenEndpoint} testId="oauth-token-endpoint" />
        </Paper>
      )}
      {error && (
        <Alert color="red" icon={<IconAlert />} role="alert">
          {error.message}
        </Alert>
      )}
      <Paper withBorder radius="md">
        <PanelContent state={clients} isEmpty={list.length === 0} empty={<Empty icon={<IconKey />} title={t('oauth.emptyTitle')} description={t('oauth.emptyBody')} />}>
          {() => (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="oauth-clients-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.colLabel')}</Table.Th>
                  <Table.Th>{t('oauth.clientId')}</Table.Th>
                  <Table.Th>{t('tokens.colStatus')}</Table.Th>
                  <Table.Th>{t('tokens.colCreated')}</Table.Th>
                  <Table.Th>{t('tokens.colLastUsed')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('tokens.colActions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((client) => (
                  <Table.Tr key={client.clientId} data-testid="oauth-client-row" data-status={client.status} style={{ opacity: client.status === 'active' ? 1 : 0.65 }}>
                    <Table.Td fw={500}>{client.label ?? '—'}</Table.Td>
                    <Table.Td>
                      <span className="mono">{client.clientId}</span>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[client.status]} variant="light">
                        {t(`tokens.status.${client.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime iso={client.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime iso={client.lastUsedAt} never={t('tokens.neverUsed')} />
                    </Table.Td>
                    <Table.Td>
                      {client.status === 'active' && (
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Button size="xs" variant="default" onClick={() => setCreating({ rotating: client })}>
                            {t('tokens.rotate')}
                          </Button>
                          <Button size="xs" variant="light" color="red" onClick={() => setRevoking(client)}>
                            {t('tokens.revoke')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          )}
        </PanelContent>
      </Paper>
      <ClientSecretModal teamId={teamId} opened={!!creating} rotating={creating?.rotating} onClose={() => setCreating(undefined)} onDone={clients.reload} />
      <Modal opened={!!revoking} onClose={() => setRevoking(undefined)} title={t('oauth.revokeTitle')} closeButtonProps={{ 'aria-label': t('action.close') }}>
        <Stack gap="md">
          <Text size="sm">{t('oauth.revokeBody', { label: revoking?.label ?? revoking?.clientId ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(undefined)} data-autofocus>
              {t('action.cancel')}
            </Button>
            <Button color="red" onClick={() => void revoke(revoking as ScimOAuthClient).then(() => setRevoking(undefined))} data-testid="confirm-revoke-oauth-client">
              {t('tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Creates a client or rotates its secret; the secret is shown here once and gone when the dialog closes. */
function ClientSecretModal({ teamId, rotating, opened, onClose, onDone }: { teamId: string; rotating?: ScimOAuthClient; opened: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useT();
  const { label, setLabel, answer: result, busy, error, close, request } = useSecretDialog<ScimOAuthClientSecret>(onClose);

  const submit = () => {
    const path = rotating ? `/scim-oauth-clients/${encodeURIComponent(rotating.clientId)}/rotate` : '/scim-oauth-clients';
    return request(teamPath(teamId, path), rotating ? {} : { label: label.trim() || t('wizard.defaultLabel') }, onDone);
  };

  return (
    <Modal opened={opened} onClose={close} title={rotating ? t('oauth.rotateTitle') : t('oauth.newTitle')} size="lg" closeButtonProps={{ 'aria-label': t('action.close') }}>
      {!result ? (
        <Stack gap="md">
          <Text size="sm">{rotating ? t('oauth.rotateBody', { label: rotating.label ?? rotating.clientId }) : t('oauth.newBody')}</Text>
          {!rotating && <TextInput label={t('oauth.labelField')} placeholder={t('wizard.labelPlaceholder')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} maxLength={200} data-autofocus />}
          {error && (
            <Alert color="red" icon={<IconAlert />} role="alert">
              {error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('action.cancel')}
            </Button>
            <Button onClick={submit} loading={busy} data-testid="create-oauth-client">
              {rotating ? t('oauth.rotateConfirm') : t('oauth.create')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <CopyField label={t('wizard.baseUrl')} value={result.scimBaseUrl} />
          <CopyField label={t('oauth.tokenEndpoint')} value={result.tokenEndpoint} />
          <CopyField label={t('oauth.clientId')} value={result.client.clientId} testId="new-oauth-client-id" />
          <CopyField label={t('oauth.clientSecret')} value={result.clientSecret} secret testId="new-oauth-client-secret" />
          <Alert color="orange" icon={<IconAlert />} title={t('oauth.shownOnceTitle')}>
            {t('oauth.shownOnce')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>{t('action.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
