// Adding a webhook endpoint: its URL, a description, and the events it
// receives. The signing secret is shown once, with how to verify it.

import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { post, teamPath, type ApiRequestError } from '../../api/client';
import { CopyField } from '../../components/copy-field';
import { IconAlert } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import { EVENT_FAMILIES, type WebhookEndpoint } from './webhook-types';

export function SecretShownOnce({ secret }: { secret: string }) {
  const { t } = useT();
  return (
    <Stack gap="sm">
      <CopyField label={t('webhooks.secret')} value={secret} secret testId="webhook-secret" />
      <Alert color="orange" icon={<IconAlert />} title={t('webhooks.secretShownOnceTitle')}>
        {t('webhooks.secretHelp')}
      </Alert>
    </Stack>
  );
}

export function WebhookForm({ teamId, opened, onClose, onCreated }: { teamId: string; opened: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useT();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [all, setAll] = useState(true);
  const [families, setFamilies] = useState<string[]>(['user.*', 'group.*']);
  const [secret, setSecret] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError>();

  const close = () => {
    setUrl('');
    setDescription('');
    setSecret(undefined);
    setError(undefined);
    onClose();
  };

  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await post<{ endpoint: WebhookEndpoint; secret: string }>(teamPath(teamId, '/webhooks'), {
        url: url.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        eventTypes: all ? ['*'] : families,
      });
      setSecret(created.secret);
      onCreated();
    } catch (e) {
      setError(e as ApiRequestError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('webhooks.addTitle')} size="lg" closeButtonProps={{ 'aria-label': t('action.close') }}>
      {secret ? (
        <Stack gap="md">
          <SecretShownOnce secret={secret} />
          <Group justify="flex-end">
            <Button onClick={close}>{t('action.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <TextInput label={t('webhooks.url')} description={t('webhooks.urlHelp')} placeholder="https://app.example.com/rollcall/webhooks" type="url" required value={url} onChange={(e) => setUrl(e.currentTarget.value)} data-autofocus />
          <TextInput label={t('webhooks.descriptionField')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={200} />
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('webhooks.events')}
            </Text>
            <Checkbox label={t('webhooks.allEvents')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
            {!all && (
              <Group gap="md">
                {EVENT_FAMILIES.map((family) => (
                  <Checkbox
                    key={family}
                    label={<span className="mono">{family}</span>}
                    checked={families.includes(family)}
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      setFamilies((list) => (checked ? [...list, family] : list.filter((f) => f !== family)));
                    }}
                  />
                ))}
              </Group>
            )}
          </Stack>
          {error && (
            <Alert color="red" icon={<IconAlert />} role="alert">
              {error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('action.cancel')}
            </Button>
            <Button onClick={() => void create()} loading={busy} disabled={!url.trim() || (!all && families.length === 0)}>
              {t('webhooks.add')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
