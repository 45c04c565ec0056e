// The team's admins: everyone with a role, their last sign-in; owners invite
// by email (the one-time link is shown to copy, and emailed when the server
// can send email), resend a link, change roles and remove admins. The last
// owner can be neither demoted nor removed: the page says so before the
// server would refuse.

import { Alert, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiRequestError, del, patch, post, teamPath } from '../../api/client';
import type { AdminLink, Role, TeamAdmin } from '../../api/types';
import { useApi } from '../../api/use-api';
import { CopyField } from '../../components/copy-field';
import { IconAlert, IconShield } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { Empty, PanelContent } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { formatDateTime } from '../../i18n/format';
import { useT, type MessageKey } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';
import { useMe, useSession } from '../../session/session';

const ROLES: Role[] = ['owner', 'admin', 'member'];
const ROLE_COLOR = { owner: 'indigo', admin: 'teal', member: 'gray' } as const;

/** Server codes the page words in the admin's language; anything else shows the server's message. */
const KNOWN_ERRORS: Record<string, MessageKey> = {
  'admin.last_owner': 'admins.error.lastOwner',
  'admin.already_admin': 'admins.error.alreadyAdmin',
  'admin.invalid_email': 'admins.error.invalidEmail',
  'admin.not_found': 'admins.error.notFound',
  'admin.owner_required': 'admins.error.ownerRequired',
};

function useErrorText() {
  const { t } = useT();
  return (error: Error) => {
    const key = error instanceof ApiRequestError ? KNOWN_ERRORS[error.code] : undefined;
    return key ? t(key) : error.message;
  };
}

/** The link to copy, and what happened to its email. */
function LinkResult({ email, result }: { email: string; result: AdminLink }) {
  const { t, locale } = useT();
  return (
    <Stack gap="sm">
      {result.emailed ? (
        <Alert color="teal" variant="light" data-testid="admin-emailed">
          {t('admins.emailed', { email })}
        </Alert>
      ) : (
        <Alert color={result.emailReason === 'mail.failed' ? 'orange' : 'gray'} variant="light" icon={result.emailReason === 'mail.failed' ? <IconAlert /> : undefined} data-testid="admin-not-emailed">
          {t(result.emailReason === 'mail.failed' ? 'admins.emailFailed' : 'admins.emailOff', { email })}
        </Alert>
      )}
      <CopyField label={t('admins.link')} value={result.link} description={t('admins.linkHelp', { expires: formatDateTime(locale, result.expiresAt) })} secret testId="admin-link" />
    </Stack>
  );
}

function InviteModal({ teamId, opened, onClose, onInvited }: { teamId: string; opened: boolean; onClose: () => void; onInvited: () => void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('admin');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [result, setResult] = useState<AdminLink & { admin: TeamAdmin }>();

  const close = () => {
    setEmail('');
    setRole('admin');
    setError(undefined);
    setResult(undefined);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setResult(await post<AdminLink & { admin: TeamAdmin }>(teamPath(teamId, '/admins'), { email: email.trim(), role }));
      onInvited();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('admins.inviteTitle')} size="lg" closeButtonProps={{ 'aria-label': t('action.close') }}>
      {result ? (
        <Stack gap="md">
          <Text size="sm">{t('admins.invited', { email: result.admin.email, role: t(`role.${result.admin.role}`) })}</Text>
          <LinkResult email={result.admin.email} result={result} />
          <Group justify="flex-end">
            <Button onClick={close} data-testid="invite-done">
              {t('action.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <Stack gap="md">
            <Text size="sm">{t('admins.inviteBody')}</Text>
            <TextInput label={t('admins.email')} type="email" required value={email} onChange={(event) => setEmail(event.currentTarget.value)} data-autofocus data-testid="invite-email" />
            <NativeSelect
              label={t('admins.role')}
              value={role}
              onChange={(event) => setRole(event.currentTarget.value as Role)}
              data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              description={t(`admins.roleHelp.${role}`)}
              data-testid="invite-role"
            />
            {error && (
              <Alert color="red" icon={<IconAlert />} role="alert">
                {errorText(error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('action.cancel')}
              </Button>
              <Button type="submit" loading={busy} data-testid="invite-submit">
                {t('admins.invite')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function AdminsPage({ teamId }: { teamId: string }) {
  const { t } = useT();
  const me = useMe();
  const { refresh } = useSession();
  const errorText = useErrorText();
  const myRole = me.teams.find((team) => team.teamId === teamId)?.role ?? 'member';
  const isOwner = myRole === 'owner';
  const admins = useApi<{ admins: TeamAdmin[]; emailEnabled: boolean }>(teamPath(teamId, '/admins'));
  useLiveRefresh(['admin.'], admins.reload);
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<TeamAdmin>();
  const [resent, setResent] = useState<{ admin: TeamAdmin; result: AdminLink }>();
  const [error, setError] = useState<Error>();

  const list = admins.data?.admins ?? [];
  const owners = list.filter((a) => a.role === 'owner').length;
  const isLastOwner = (admin: TeamAdmin) => admin.role === 'owner' && owners <= 1;

  const act = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e as Error);
    }
    admins.reload();
  };

  // A change to one's own role or membership changes what this session may do: re-read it.
  const changeRole = (admin: TeamAdmin, role: Role) =>
    act(async () => {
      await patch(teamPath(teamId, `/admins/${encodeURIComponent(admin.id)}`), { role });
      if (admin.id === me.account.id) await refresh();
    });
  const remove = (admin: TeamAdmin) =>
    act(async () => {
      await del(teamPath(teamId, `/admins/${encodeURIComponent(admin.id)}`));
      if (admin.id === me.account.id) await refresh();
    });
  const resend = (admin: TeamAdmin) =>
    act(async () => {
      setResent({ admin, result: await post<AdminLink>(teamPath(teamId, `/admins/${encodeURIComponent(admin.id)}/resend`)) });
    });

  return (
    <>
      <PageHeader
        title={t('admins.title')}
        description={admins.data ? t(admins.data.emailEnabled ? 'admins.descriptionEmail' : 'admins.descriptionNoEmail') : t('admins.description')}
        actions={
          isOwner && (
            <Button leftSection={<IconShield size={16} />} onClick={() => setInviting(true)} data-testid="invite-admin">
              {t('admins.invite')}
            </Button>
          )
        }
      />
      {!isOwner && (
        <Alert color="gray" variant="light" mb="md">
          {t('admins.ownersOnly', { role: t(`role.${myRole}`) })}
        </Alert>
      )}
      {error && (
        <Alert color="red" icon={<IconAlert />} mb="md" role="alert" data-testid="admins-error">
          {errorText(error)}
        </Alert>
      )}
      <Paper withBorder radius="md">
        <PanelContent state={admins} isEmpty={list.length === 0} empty={<Empty icon={<IconShield />} title={t('admins.emptyTitle')} />}>
          {() => (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="admins-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admins.colEmail')}</Table.Th>
                  <Table.Th>{t('admins.colRole')}</Table.Th>
                  <Table.Th>{t('admins.colLastSignIn')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('tokens.colActions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((admin) => {
                  const lastOwner = isLastOwner(admin);
                  const you = admin.id === me.account.id;
                  return (
                    <Table.Tr key={admin.id} data-testid="admin-row" data-email={admin.email} data-role={admin.role}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Text fw={500} size="sm">
                            {admin.email}
                          </Text>
                          {you && (
                            <Badge size="xs" variant="light" color="teal">
                              {t('admins.you')}
                            </Badge>
                          )}
                        </Group>
                        {admin.name && (
                          <Text size="xs" c="dimmed">
                            {admin.name}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {isOwner ? (
                          <NativeSelect
                            size="xs"
                            maw={160}
                            aria-label={t('admins.roleOf', { email: admin.email })}
                            value={admin.role}
                            disabled={lastOwner}
                            onChange={(event) => void changeRole(admin, event.currentTarget.value as Role)}
                            data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                            data-testid="admin-role"
                          />
                        ) : (
                          <Badge color={ROLE_COLOR[admin.role]} variant="light">
                            {t(`role.${admin.role}`)}
                          </Badge>
                        )}
                        {lastOwner && (
                          <Text size="xs" c="dimmed" mt={4} data-testid="last-owner">
                            {t('admins.lastOwner')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <RelativeTime iso={admin.lastSignInAt} never={t('admins.neverSignedIn')} />
                      </Table.Td>
                      <Table.Td>
                        {isOwner && (
                          <Group gap="xs" justify="flex-end" wrap="nowrap">
                            <Button size="xs" variant="default" onClick={() => void resend(admin)} data-testid="admin-resend">
                              {t(admin.lastSignInAt ? 'admins.sendLink' : 'admins.resendInvite')}
                            </Button>
                            <Button size="xs" variant="light" color="red" disabled={lastOwner} title={lastOwner ? t('admins.lastOwner') : undefined} onClick={() => setRemoving(admin)} data-testid="admin-remove">
                              {t('admins.remove')}
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          )}
        </PanelContent>
      </Paper>
      <InviteModal teamId={teamId} opened={inviting} onClose={() => setInviting(false)} onInvited={admins.reload} />
      <Modal opened={!!resent} onClose={() => setResent(undefined)} title={t('admins.resentTitle')} size="lg" closeButtonProps={{ 'aria-label': t('action.close') }}>
        {resent && (
          <Stack gap="md">
            <LinkResult email={resent.admin.email} result={resent.result} />
            <Group justify="flex-end">
              <Button onClick={() => setResent(undefined)}>{t('action.done')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={!!removing} onClose={() => setRemoving(undefined)} title={t('admins.removeTitle')} closeButtonProps={{ 'aria-label': t('action.close') }}>
        <Stack gap="md">
          <Text size="sm">{t(removing?.id === me.account.id ? 'admins.removeSelfBody' : 'admins.removeBody', { email: removing?.email ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(undefined)} data-autofocus>
              {t('action.cancel')}
            </Button>
            <Button color="red" onClick={() => void remove(removing as TeamAdmin).then(() => setRemoving(undefined))} data-testid="confirm-remove">
              {t('admins.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
