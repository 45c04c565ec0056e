// Activity: the diagnosis of what may be wrong with the IdP connection, then
// every SCIM request the IdP sent, live.

import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/i18n';
import { ActivityLog } from './activity-log';
import { DiagnosisPanel } from './diagnosis-panel';

export function ActivityPage({ teamId }: { teamId: string }) {
  const { t } = useT();
  return (
    <>
      <PageHeader title={t('activity.title')} description={t('activity.description')} />
      <Stack gap="xl">
        <DiagnosisPanel teamId={teamId} />
        <ActivityLog teamId={teamId} />
      </Stack>
    </>
  );
}
