// Step 7: review the members who are in several groups with a limit, and the
// limit that wins for each — the FAQ's "spend limits not applying" answered
// before anyone asks.

import { Stack, Text } from '@mantine/core';
import { useT } from '../../i18n/i18n';
import { MultiGroupReview } from '../spend/multi-group-review';
import { StepActions } from './step-actions';

export function ReviewStep({ teamId, onNext }: { teamId: string; onNext: () => void }) {
  const { t } = useT();
  return (
    <Stack gap="md">
      <Text>{t('wizard.reviewBody')}</Text>
      <MultiGroupReview teamId={teamId} />
      <StepActions onNext={onNext} nextLabel={t('action.finish')} />
    </Stack>
  );
}
