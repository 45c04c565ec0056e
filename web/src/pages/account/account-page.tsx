// The signed-in admin: their teams and roles, and their sessions (revoke one
// that is not this browser, or sign out here).

import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { del } from '../../api/client';
import type { SessionInfo } from '../../api/types';
import { useApi } from '../../api/use-api';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../router';
import { useMe, useSession } from '../../session/session';

export function AccountPage() {
  const { t } = useT();
  const me = useMe();
  const { signOut } = useSession();
  const sessions = useApi<{ sessions: SessionInfo[] }>('/sessions');

  return (
    <>
      <PageHeader
        title={t('account.title')}
        description={me.account.email}
        actions={
          <Button variant="default" color="red" onClick={() => void signOut().then(() => navigate('/sign-in'))}>
            {t('action.signOut')}
          </Button>
        }
      />
      <Stack gap="xl">
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="sm">
            {t('account.teams')}
          </Title>
          <Stack gap="xs">
            {me.teams.map((team) => (
              <Group key={team.teamId} gap="sm">
                <Text fw={500}>{team.name}</Text>
                <Badge variant="light">{t(`role.${team.role}`)}</Badge>
              </Group>
            ))}
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="sm">
            {t('account.sessions')}
          </Title>
          {sessions.error && !sessions.data ? (
            <ErrorState error={sessions.error} onRetry={sessions.reload} />
          ) : !sessions.data ? (
            <LoadingState />
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('account.colMethod')}</Table.Th>
                    <Table.Th>{t('account.colStarted')}</Table.Th>
                    <Table.Th>{t('account.colLastSeen')}</Table.Th>
                    <Table.Th>{t('tokens.colStatus')}</Table.Th>
                    <Table.Th>
                      <span className="visually-hidden">{t('tokens.colActions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sessions.data.sessions.map((session) => (
                    <Table.Tr key={session.id}>
                      <Table.Td>
                        {t(session.method === 'sso' ? 'account.methodSso' : 'account.methodLink')}
                        {session.id === me.session.id && (
                          <Badge ml="xs" size="xs" variant="light" color="teal">
                            {t('account.thisBrowser')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <RelativeTime iso={session.createdAt} />
                      </Table.Td>
                      <Table.Td>
                        <RelativeTime iso={session.lastSeenAt} />
                      </Table.Td>
                      <Table.Td>{t(`tokens.status.${session.status}`)}</Table.Td>
                      <Table.Td ta="right">
                        {session.status === 'active' && session.id !== me.session.id && (
                          <Button size="xs" variant="light" color="red" onClick={() => void del(`/sessions/${encodeURIComponent(session.id)}`).then(sessions.reload, sessions.reload)}>
                            {t('account.revoke')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      </Stack>
    </>
  );
}
