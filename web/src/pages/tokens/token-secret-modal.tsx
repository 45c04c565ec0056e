// Creating a token (new or as a rotation): the secret is shown here once,
// with the base URL, and is gone when the dialog closes.

import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { teamPath } from '../../api/client';
import type { CreatedToken, ScimToken } from '../../api/types';
import { useSecretDialog } from './use-secret-dialog';
import { CopyField } from '../../components/copy-field';
import { IconAlert } from '../../components/icons';
import { useT } from '../../i18n/i18n';

export function TokenSecretModal({ teamId, rotating, opened, onClose, onCreated, onRevokeOld }: {
  teamId: string;
  /** Set when this creates the successor of an active token. */
  rotating?: ScimToken;
  opened: boolean;
  onClose: () => void;
  onCreated: () => void;
  onRevokeOld: (token: ScimToken) => Promise<void>;
}) {
  const { t } = useT();
  const { label, setLabel, answer: created, busy, error, close, request } = useSecretDialog<CreatedToken>(onClose);

  const create = () => {
    const fallback = rotating ? t('tokens.rotatedLabel', { label: rotating.label ?? rotating.prefix }) : t('wizard.defaultLabel');
    return request(teamPath(teamId, '/scim-tokens'), { label: label.trim() || fallback }, onCreated);
  };

  return (
    <Modal opened={opened} onClose={close} title={rotating ? t('tokens.rotateTitle') : t('tokens.newTitle')} size="lg" closeButtonProps={{ 'aria-label': t('action.close') }}>
      {!created ? (
        <Stack gap="md">
          <Text size="sm">{rotating ? t('tokens.rotateBody', { label: rotating.label ?? rotating.prefix }) : t('tokens.newBody')}</Text>
          <TextInput label={t('wizard.labelField')} placeholder={t('wizard.labelPlaceholder')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} maxLength={200} data-autofocus />
          {error && (
            <Alert color="red" icon={<IconAlert />} role="alert">
              {error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('action.cancel')}
            </Button>
            <Button onClick={create} loading={busy} data-testid="create-token">
              {rotating ? t('tokens.rotateConfirm') : t('tokens.create')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <CopyField label={t('wizard.baseUrl')} value={created.scimBaseUrl} />
          <CopyField label={t('wizard.token')} value={created.secret} secret testId="new-token-secret" />
          <Alert color="orange" icon={<IconAlert />} title={t('wizard.shownOnceTitle')}>
            {rotating ? t('tokens.rotateNext') : t('wizard.shownOnceBody')}
          </Alert>
          <Group justify="flex-end">
            {rotating && rotating.status === 'active' && (
              <Button color="red" variant="light" onClick={() => void onRevokeOld(rotating).then(close)}>
                {t('tokens.revokeOldNow')}
              </Button>
            )}
            <Button onClick={close}>{rotating ? t('tokens.revokeLater') : t('action.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
