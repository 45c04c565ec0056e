// Step 6: spend limits on the synced groups (optional). Each change shows,
// before it is saved, how many members it affects.

import { Stack, Text } from '@mantine/core';
import { ErrorState, LoadingState } from '../../components/states';
import { useT } from '../../i18n/i18n';
import { GroupLimitsPanel } from '../spend/group-limits-panel';
import { useSpendPolicy } from '../spend/use-spend';
import { StepActions } from './step-actions';

export function LimitsStep({ teamId, onNext }: { teamId: string; onNext: () => void }) {
  const { t } = useT();
  const policy = useSpendPolicy(teamId);
  return (
    <Stack gap="md">
      <Text>{t('wizard.limitsBody')}</Text>
      {policy.error && !policy.data ? <ErrorState error={policy.error} onRetry={policy.reload} /> : !policy.data ? <LoadingState rows={3} /> : <GroupLimitsPanel teamId={teamId} currency={policy.data.currency} canEdit />}
      <StepActions onNext={onNext} />
    </Stack>
  );
}
