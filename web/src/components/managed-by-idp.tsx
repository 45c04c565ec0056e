// Users and groups belong to the identity provider (PRODUCT.md rule 3): the
// dashboard shows them read-only and says where changes are made.

import { Alert, Badge, Tooltip } from '@mantine/core';
import { useT } from '../i18n/i18n';
import { IconLock } from './icons';

export function ManagedByIdpBadge() {
  const { t } = useT();
  return (
    <Tooltip label={t('managed.tooltip')} withArrow multiline w={260}>
      <Badge variant="light" color="gray" leftSection={<IconLock size={12} />} tabIndex={0}>
        {t('managed.badge')}
      </Badge>
    </Tooltip>
  );
}

export function ManagedByIdpNotice({ what }: { what: 'users' | 'groups' }) {
  const { t } = useT();
  return (
    <Alert variant="light" color="blue" icon={<IconLock />} mb="md" title={t('managed.noticeTitle')}>
      {what === 'users' ? t('managed.noticeUsers') : t('managed.noticeGroups')}
    </Alert>
  );
}
