// SCIM tokens: when each was created and last used; rotate (a new token while
// the old one keeps working, so the IdP never loses its connection) and
// revoke (immediate). Below them, OAuth clients for IdPs that use client
// credentials (oauth-clients-section.tsx).

import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { del, teamPath } from '../../api/client';
import type { ScimToken } from '../../api/types';
import { useApi } from '../../api/use-api';
import { CopyField } from '../../components/copy-field';
import { IconAlert, IconKey } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { Empty, PanelContent } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';
import { useTeam } from '../../session/team';
import { TokenSecretModal } from './token-secret-modal';
import { OAuthClientsSection } from './oauth-clients-section';

const STATUS_COLOR = { active: 'teal', revoked: 'gray', expired: 'orange' } as const;
const ORDER = { active: 0, expired: 1, revoked: 2 } as const;

export function TokensPage({ teamId }: { teamId: string }) {
  const { t } = useT();
  const team = useTeam();
  const tokens = useApi<{ tokens: ScimToken[] }>(teamPath(teamId, '/scim-tokens'));
  useLiveRefresh(['token.'], tokens.reload);
  const [creating, setCreating] = useState<{ rotating?: ScimToken } | undefined>();
  const [revoking, setRevoking] = useState<ScimToken>();
  const [error, setError] = useState<Error>();

  const revoke = async (token: ScimToken) => {
    setError(undefined);
    try {
      await del(teamPath(teamId, `/scim-tokens/${encodeURIComponent(token.id)}`));
    } catch (e) {
      setError(e as Error);
    }
    tokens.reload();
  };

  const list = [...(tokens.data?.tokens ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.createdAt.localeCompare(a.createdAt));

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.description')}
        actions={
          <Button leftSection={<IconKey size={16} />} onClick={() => setCreating({})} data-testid="new-token">
            {t('tokens.new')}
          </Button>
        }
      />
      {team.data && (
        <Paper withBorder p="md" radius="md" mb="md" maw={720}>
          <CopyField label={t('wizard.baseUrl')} value={team.data.scimBaseUrl} />
        </Paper>
      )}
      {error && (
        <Alert color="red" icon={<IconAlert />} mb="md" role="alert">
          {error.message}
        </Alert>
      )}
      <Paper withBorder radius="md">
        <PanelContent state={tokens} isEmpty={list.length === 0} empty={<Empty icon={<IconKey />} title={t('tokens.emptyTitle')} description={t('tokens.emptyBody')} />}>
          {() => (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="tokens-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.colLabel')}</Table.Th>
                  <Table.Th>{t('tokens.colToken')}</Table.Th>
                  <Table.Th>{t('tokens.colStatus')}</Table.Th>
                  <Table.Th>{t('tokens.colCreated')}</Table.Th>
                  <Table.Th>{t('tokens.colLastUsed')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('tokens.colActions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((token) => (
                  <Table.Tr key={token.id} data-testid="token-row" data-status={token.status} style={{ opacity: token.status === 'active' ? 1 : 0.65 }}>
                    <Table.Td fw={500}>{token.label ?? '—'}</Table.Td>
                    <Table.Td>
                      <span className="mono">{token.prefix}…</span>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[token.status]} variant="light">
                        {t(`tokens.status.${token.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime iso={token.createdAt} />
                    </Table.Td>
                    <Table.Td data-testid="token-last-used">
                      <RelativeTime iso={token.lastUsedAt} never={t('tokens.neverUsed')} />
                    </Table.Td>
                    <Table.Td>
                      {token.status === 'active' && (
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Button size="xs" variant="default" onClick={() => setCreating({ rotating: token })}>
                            {t('tokens.rotate')}
                          </Button>
                          <Button size="xs" variant="light" color="red" onClick={() => setRevoking(token)}>
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
      <OAuthClientsSection teamId={teamId} />
      <TokenSecretModal teamId={teamId} opened={!!creating} rotating={creating?.rotating} onClose={() => setCreating(undefined)} onCreated={tokens.reload} onRevokeOld={revoke} />
      <Modal opened={!!revoking} onClose={() => setRevoking(undefined)} title={t('tokens.revokeTitle')} closeButtonProps={{ 'aria-label': t('action.close') }}>
        <Stack gap="md">
          <Text size="sm">{t('tokens.revokeBody', { label: revoking?.label ?? revoking?.prefix ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(undefined)} data-autofocus>
              {t('action.cancel')}
            </Button>
            <Button color="red" onClick={() => void revoke(revoking as ScimToken).then(() => setRevoking(undefined))} data-testid="confirm-revoke">
              {t('tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
