// The row of buttons under a wizard step.

import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';

export function StepActions({ onNext, nextLabel, disabled, children }: { onNext?: () => void; nextLabel?: string; disabled?: boolean; children?: ReactNode }) {
  const { t } = useT();
  return (
    <Group mt="lg" gap="sm">
      {children}
      {onNext && (
        <Button onClick={onNext} disabled={disabled} data-testid="wizard-next">
          {nextLabel ?? t('action.continue')}
        </Button>
      )}
    </Group>
  );
}
