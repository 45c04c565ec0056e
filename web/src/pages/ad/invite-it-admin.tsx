// "Invite your IT admin": a team owner makes a short-lived, single-use link
// that signs their IT admin into this team's dashboard on the page they need
// (POST /api/admin/teams/:teamId/portal-links, docs/api.md "Admin portal links").

import { Alert, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiRequestError, post, teamPath } from '../../api/client';
import { CopyField } from '../../components/copy-field';
import { IconAlert } from '../../components/icons';
import { useT, type MessageKey } from '../../i18n/i18n';

const INTENTS = ['sso', 'scim', 'directory', 'spend', 'activity'] as const;
const ROLES = ['admin', 'owner', 'member'] as const;

const INTENT_LABELS: Record<(typeof INTENTS)[number], MessageKey> = {
  sso: 'portal.intentSso',
  scim: 'portal.intentScim',
  directory: 'portal.intentDirectory',
  spend: 'portal.intentSpend',
  activity: 'portal.intentActivity',
};
const ROLE_LABELS: Record<(typeof ROLES)[number], MessageKey> = { admin: 'portal.roleAdmin', owner: 'portal.roleOwner', member: 'portal.roleMember' };

export function InviteItAdmin({ teamId }: { teamId: string }) {
  const { t } = useT();
  const [intent, setIntent] = useState<string>('sso');
  const [role, setRole] = useState<string>('admin');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [link, setLink] = useState<{ url: string; expiresAt: string }>();

  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setLink(await post<{ url: string; expiresAt: string }>(teamPath(teamId, '/portal-links'), { intent, role, ...(email.trim() ? { email: email.trim() } : {}) }));
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder radius="md" mt="lg" data-testid="invite-it-admin">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('portal.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('portal.description')}
        </Text>
        <Group grow align="flex-end">
          <Select label={t('portal.intent')} value={intent} onChange={(v) => v && setIntent(v)} data={INTENTS.map((value) => ({ value, label: t(INTENT_LABELS[value]) }))} allowDeselect={false} />
          <Select label={t('portal.role')} value={role} onChange={(v) => v && setRole(v)} data={ROLES.map((value) => ({ value, label: t(ROLE_LABELS[value]) }))} allowDeselect={false} />
          <TextInput label={t('portal.email')} placeholder={t('portal.emailPlaceholder')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} type="email" />
        </Group>
        {error && (
          <Alert color="red" icon={<IconAlert />}>
            {error}
          </Alert>
        )}
        <Group>
          <Button onClick={() => void create()} loading={busy} data-testid="portal-create">
            {t('portal.create')}
          </Button>
        </Group>
        {link && (
          <CopyField
            label={t('portal.link')}
            value={link.url}
            description={t('portal.linkNote', { time: new Date(link.expiresAt).toLocaleTimeString() })}
            testId="portal-link"
          />
        )}
      </Stack>
    </Card>
  );
}
