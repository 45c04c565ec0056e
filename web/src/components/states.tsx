// Loading, error and empty states, the same everywhere.

import { Alert, Button, Center, EmptyState, Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiRequestError } from '../api/client';
import { useT } from '../i18n/i18n';
import { IconAlert } from './icons';

export function LoadingState({ rows = 3 }: { rows?: number }) {
  const { t } = useT();
  return (
    <Stack gap="sm" aria-busy="true" aria-label={t('state.loading')}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={36} radius="sm" />
      ))}
    </Stack>
  );
}

export function InlineLoader() {
  const { t } = useT();
  return (
    <Center py="xl">
      <Loader size="sm" aria-label={t('state.loading')} />
    </Center>
  );
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useT();
  const offline = error instanceof ApiRequestError && error.status === 0;
  return (
    <Alert color="red" variant="light" icon={<IconAlert />} title={offline ? t('state.offlineTitle') : t('state.errorTitle')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{offline ? t('state.offlineBody') : error.message}</Text>
        {onRetry && (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              {t('action.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function Empty({ title, description, icon, action }: { title: string; description?: ReactNode; icon?: ReactNode; action?: ReactNode }) {
  return (
    <EmptyState py="xl" title={title} description={description} icon={icon} withIndicatorBackground>
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}

/**
 * The body of a list panel: the error (with retry) while nothing has loaded,
 * then a loading state, the empty state, or the list. `children` renders only
 * once data is there.
 */
export function PanelContent({ state, isEmpty, empty, children }: { state: { data: unknown; error: Error | undefined; reload(): void }; isEmpty: boolean; empty: ReactNode; children: () => ReactNode }) {
  if (state.error && !state.data) {
    return (
      <Stack p="md">
        <ErrorState error={state.error} onRetry={state.reload} />
      </Stack>
    );
  }
  if (!state.data) {
    return (
      <Stack p="md">
        <LoadingState />
      </Stack>
    );
  }
  return <>{isEmpty ? empty : children()}</>;
}
