// One read-only record in a side drawer: its title, then an error with a
// retry or a loading placeholder until the record has arrived.

import { Drawer, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { ErrorState, LoadingState } from './states';

export function DetailDrawer<T>(props: {
  opened: boolean;
  onClose: () => void;
  title: string;
  record: T | undefined;
  error?: Error;
  onRetry: () => void;
  children: (record: T) => ReactNode;
}) {
  const { t } = useT();
  const { record, error } = props;
  return (
    <Drawer opened={props.opened} onClose={props.onClose} position="right" size="lg" title={<Title order={2} size="h4">{props.title}</Title>} closeButtonProps={{ 'aria-label': t('action.close') }}>
      {error && !record ? <ErrorState error={error} onRetry={props.onRetry} /> : !record ? <LoadingState rows={5} /> : props.children(record)}
    </Drawer>
  );
}
